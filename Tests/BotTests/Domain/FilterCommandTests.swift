import BotAdapters
import BotApp
import BotDomain
import Testing

@Suite("FilterCommand")
struct FilterCommandTests {
    @Test("no arguments shows the filters")
    func show() {
        #expect(FilterCommand.parse("") == .show)
        #expect(FilterCommand.parse("   ") == .show)
    }

    @Test("days 1…90, in English or Persian words and digits")
    func days() {
        #expect(FilterCommand.parse("days 14") == .days(14))
        #expect(FilterCommand.parse("روز ۱۴") == .days(14))
        #expect(FilterCommand.parse("DAYS 90") == .days(90))
        #expect(FilterCommand.parse("days 1") == .days(1))
        for bad in ["days 0", "days 91", "days", "days -3", "days 1.5", "days 14 15", "days ۱۴۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰"] {
            #expect(FilterCommand.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("mode: online, in person, any")
    func mode() {
        #expect(FilterCommand.parse("mode online") == .mode(.online))
        #expect(FilterCommand.parse("نوع آنلاین") == .mode(.online))
        for word in ["inperson", "in_person", "in-person", "in person", "حضوری"] {
            #expect(FilterCommand.parse("mode \(word)") == .mode(.inPerson), "\(word)")
        }
        #expect(FilterCommand.parse("mode any") == .mode(.any))
        #expect(FilterCommand.parse("نوع هردو") == .mode(.any))
        #expect(FilterCommand.parse("mode banana") == nil)
    }

    @Test("hours from-to, within 0…24, from before to")
    func hours() {
        #expect(FilterCommand.parse("hours 8-20") == .hours(from: 8, to: 20))
        #expect(FilterCommand.parse("ساعت ۸-۲۰") == .hours(from: 8, to: 20))
        #expect(FilterCommand.parse("hours 0-24") == .hours(from: 0, to: 24))
        for bad in ["hours 20-8", "hours 8-8", "hours 8", "hours 8-25", "hours -1-5", "hours a-b", "hours 8-20-22"] {
            #expect(FilterCommand.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("weekdays as a JavaScript-day bitmask (0 = Sunday)")
    func weekdays() {
        #expect(FilterCommand.parse("weekdays sat,sun") == .weekdays(0b100_0001))
        #expect(FilterCommand.parse("weekdays mon tue") == .weekdays(0b000_0110))
        #expect(FilterCommand.parse("روزها شنبه،یکشنبه") == .weekdays(0b100_0001))
        #expect(FilterCommand.parse("روزها سه‌شنبه") == .weekdays(0b000_0100))
        #expect(FilterCommand.parse("weekdays all") == .weekdays(127))
        #expect(FilterCommand.parse("weekdays funday") == nil)
        #expect(FilterCommand.parse("weekdays") == nil)
        #expect(FilterCommand.parse("weekdays sun'; DELETE FROM users; --") == nil)
    }

    @Test("reset, and nonsense")
    func resetAndNonsense() {
        #expect(FilterCommand.parse("reset") == .reset)
        #expect(FilterCommand.parse("بازنشانی") == .reset)
        #expect(FilterCommand.parse("reset everything") == nil)
        #expect(FilterCommand.parse("colour blue") == nil)
    }
}
