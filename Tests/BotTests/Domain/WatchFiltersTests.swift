import BotDomain
import Testing

@Suite("WatchFilters")
struct WatchFiltersTests {
    @Test("defaults: the next 30 days, any mode, any hour, every weekday")
    func defaults() {
        #expect(WatchFilters.defaults == WatchFilters(windowDays: 30, mode: .any, hourFrom: 0, hourTo: 24, weekdays: 127))
        #expect(WatchFilters.forNewSubscription(latest: nil) == .defaults)
        let mine = WatchFilters(windowDays: 7, mode: .online, hourFrom: 8, hourTo: 12, weekdays: 3)
        #expect(WatchFilters.forNewSubscription(latest: mine) == mine)
    }

    @Test("each /filters change sets its field; reset restores the defaults; show changes nothing")
    func applying() {
        let base = WatchFilters.defaults
        #expect(base.applying(.days(7)).windowDays == 7)
        #expect(base.applying(.mode(.inPerson)).mode == .inPerson)
        #expect(base.applying(.hours(from: 8, to: 20)) == WatchFilters(windowDays: 30, mode: .any, hourFrom: 8, hourTo: 20, weekdays: 127))
        #expect(base.applying(.weekdays(0b10)).weekdays == 0b10)
        #expect(base.applying(.days(7)).applying(.reset) == .defaults)
        #expect(base.applying(.show) == base)
    }
}
