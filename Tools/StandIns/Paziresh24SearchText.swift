import Foundation

/// How the stand-in's search compares a typed `text` with a doctor's name: Arabic yeh and kaf
/// (ي U+064A, ى U+0649, ك U+0643) become Persian ی and ک, the zero-width non-joiner, the
/// zero-width joiner and every kind of space are dropped, and Latin letters are lower-cased.
/// So "سعيد نوريان", "سعید‌نوریان" and "سعیدنوریان" all match the same doctor.
enum Paziresh24SearchText {
    static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "\u{064A}", "\u{0649}": scalars.append("\u{06CC}")
            case "\u{0643}": scalars.append("\u{06A9}")
            case "\u{200C}", "\u{200D}", "\u{200B}", "\u{FEFF}": continue
            default:
                if scalar.properties.isWhitespace { continue }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Whether `query` (already normalised, non-empty) occurs in any of `names`.
    static func matches(_ query: String, _ names: [String]) -> Bool {
        names.contains { normalise($0).contains(query) }
    }
}
