import Foundation
import ScraperDomain
import Testing

@Suite("PollSchedule")
struct PollScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("earliest due first; in-flight targets are skipped; next due one interval after the start")
    func order() {
        var schedule = PollSchedule(minInterval: 30, jitterFraction: 0.1)
        schedule.add("a", now: now, random: 0.5)   // due now + 1.5 s
        schedule.add("b", now: now, random: 0.0)   // due now
        #expect(schedule.next()?.targetId == "b")
        schedule.start("b")
        #expect(schedule.next()?.targetId == "a")
        schedule.finish("b", startedAt: now, random: 0)
        schedule.start("a")
        let next = schedule.next()
        #expect(next?.targetId == "b")
        #expect(next?.due == now.addingTimeInterval(30))
    }

    @Test("a Retry-After pushes the next poll back")
    func notBefore() {
        var schedule = PollSchedule(minInterval: 30)
        schedule.add("a", now: now, random: 0)
        schedule.start("a")
        schedule.finish("a", startedAt: now, notBefore: now.addingTimeInterval(120), random: 0)
        #expect(schedule.next()?.due == now.addingTimeInterval(120))
    }
}
