import BotDomain
import Foundation
import Testing

@Suite("FreeSlots")
struct FreeSlotsTests {
    @Test("slots that have passed drop out of the list and the count; the count never falls below the list")
    func upcoming() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let listed = [now.addingTimeInterval(-60), now.addingTimeInterval(60), now.addingTimeInterval(120)]
        let free = FreeSlots.upcoming(listed: listed, counted: 10, now: now)
        #expect(free.slots == Array(listed.dropFirst()) && free.count == 9)
        #expect(FreeSlots.upcoming(listed: listed, counted: 0, now: now).count == 2)
        let unlisted = FreeSlots.upcoming(listed: [], counted: 4, now: now)
        #expect(unlisted.slots.isEmpty && unlisted.count == 4)
    }
}
