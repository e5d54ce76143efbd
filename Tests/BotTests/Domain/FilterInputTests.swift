import BotDomain
import Testing

/// Weekday and time input as people type it: spaces or ZWNJ inside day names, Arabic ي/ك, Persian
/// and Arabic-Indic digits; and `/filters <subscription id> …`.
@Suite("FilterInput and FilterRequest")
struct FilterInputTests {
    @Test("normalisation: digits, Arabic letters, zero-width joiners, commas, whitespace")
    func normalize() {
        #expect(FilterInput.normalize("۱۸:۳۰") == "18:30")
        #expect(FilterInput.normalize("١٨:٣٠") == "18:30")
        #expect(FilterInput.normalize("يكشنبه") == "یکشنبه")
        #expect(FilterInput.normalize("سه\u{200C}شنبه") == "سهشنبه")
        #expect(FilterInput.normalize("  جمعه،\u{00A0}\u{00A0}شنبه \n") == "جمعه, شنبه")
        #expect(FilterInput.normalize("Weekdays TUE") == "weekdays tue")
    }

    @Test(
        "Tuesday however it is written",
        arguments: ["سه شنبه", "سه‌شنبه", "سهشنبه", "سه_شنبه", "سه  شنبه", "سه\u{200C} شنبه", "tue", "Tuesday"])
    func tuesday(_ written: String) {
        #expect(FilterCommand.parse("روزها \(written)") == .weekdays(1 << 2), "\(written)")
    }

    @Test("lists mixing spellings, separators and Arabic letters")
    func weekdayLists() {
        #expect(FilterCommand.parse("روزها سه شنبه، پنج شنبه") == .weekdays(1 << 2 | 1 << 4))
        #expect(FilterCommand.parse("روزها شنبه یک شنبه") == .weekdays(1 << 6 | 1 << 0))
        #expect(FilterCommand.parse("روزها يكشنبه,دوشنبه") == .weekdays(1 << 0 | 1 << 1))
        #expect(FilterCommand.parse("روزها چهار شنبه جمعه") == .weekdays(1 << 3 | 1 << 5))
        #expect(FilterCommand.parse("روزهاي شنبه") == .weekdays(1 << 6), "Arabic yeh in the keyword too")
        #expect(FilterCommand.parse("روزها سه") == nil)
        #expect(FilterCommand.parse("روزها شنبه سه") == nil)
    }

    @Test("time windows with Persian or Arabic digits, minutes and words as separators")
    func hourWindows() {
        #expect(FilterCommand.parse("ساعت ۱۸:۳۰-۲۲") == .hours(from: 18, to: 22))
        #expect(FilterCommand.parse("ساعت ١٨:٣٠ تا ٢٢:١٥") == .hours(from: 18, to: 23))
        #expect(FilterCommand.parse("ساعت ۸ تا ۲۰") == .hours(from: 8, to: 20))
        #expect(FilterCommand.parse("hours 8 to 20") == .hours(from: 8, to: 20))
        #expect(FilterCommand.parse("hours 08:00 – 20:00") == .hours(from: 8, to: 20))
        #expect(FilterCommand.parse("hours 0-24:00") == .hours(from: 0, to: 24))
        #expect(FilterCommand.parse("hours 20:30-20:45") == .hours(from: 20, to: 21), "widened to whole hours")
        for bad in ["hours 18:60-20", "hours 18:5-20", "hours 24:30-24", "hours 20:45-20:30", "hours 8-", "hours ۸:۳۰"] {
            #expect(FilterCommand.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("/filters <id> … is for that subscription alone; without an id, for all")
    func scope() {
        #expect(FilterRequest.parse("hours 8-20") == FilterRequest(scope: .all, change: .hours(from: 8, to: 20)))
        #expect(FilterRequest.parse("") == FilterRequest(scope: .all, change: .show))
        #expect(FilterRequest.parse("42 hours 8-20") == FilterRequest(scope: .subscription(42), change: .hours(from: 8, to: 20)))
        #expect(FilterRequest.parse("#۴۲ روزها سه شنبه") == FilterRequest(scope: .subscription(42), change: .weekdays(1 << 2)))
        #expect(FilterRequest.parse("42") == FilterRequest(scope: .subscription(42), change: .show))
        #expect(FilterRequest.parse("42 banana") == nil)
        #expect(FilterRequest.parse("99999999999999999999 days 7") == nil)
        #expect(FilterRequest.parse("banana") == nil)
    }
}
