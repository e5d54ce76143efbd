import Foundation
import ScraperDomain
import Testing

@Suite("PollSchedule")
struct PollScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("earliest due first; in-flight targets are skipped; next due one interval after the start")
    func order() {
        var schedule = PollSchedule(minInterval: 30, jitterFraction: 0.1)
        schedule.add("a", now: now, random: 0.5)  // due now + 1.5 s
        schedule.add("b", now: now, random: 0.0)  // due now
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

    /// The sweep is work-conserving: few probed targets under a large budget are polled every
    /// minimum interval (a slot later than the earliest is found as fast as without probing); many
    /// under a small one every sweep interval at most.
    @Test func sweepIntervalFollowsTheBudget() {
        let now = Date(timeIntervalSince1970: 1_000)
        var schedule = PollSchedule(minInterval: 30, sweepInterval: 900, jitterFraction: 0)
        schedule.add("a", now: now, random: 0)
        schedule.setProbed("a", true)
        #expect(schedule.interval(of: "a") == 900)  // no rate known: the configured sweep
        schedule.sweepRate = 0.9
        #expect(schedule.interval(of: "a") == 30)  // 1 target at 0.9 req/s: the minimum interval
        for index in 0..<1_000 { schedule.add("t\(index)", now: now, random: 0) }
        #expect(schedule.interval(of: "a") == 900)  // 1,001 targets at 0.9 req/s: 1,112 s, capped
        schedule.sweepRate = 2
        #expect(abs(schedule.interval(of: "a") - 500.5) < 0.001)  // in between: what the budget allows
        #expect(schedule.interval(of: "t1") == 30)  // not probed: the minimum interval
    }
}
