import Localization

/// A number as the Persian catalogues write it (Persian digits); English writes it as is.
func persianNumber(_ value: Int) -> String { JalaliCalendar.number(value, language: .persian) }
