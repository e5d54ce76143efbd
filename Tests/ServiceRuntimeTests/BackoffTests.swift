import ServiceRuntime
import Testing

@Suite struct BackoffTests {
    @Test func ceilingGrowsExponentiallyUpToTheCap() {
        let backoff = Backoff(initial: .milliseconds(100), max: .seconds(1), multiplier: 2, jitter: .none)
        let ceilings = (0...6).map { backoff.ceiling(attempt: $0) }
        #expect(
            ceilings == [
                .milliseconds(100), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                .seconds(1), .seconds(1),
            ])
        #expect(backoff.delay(attempt: 3) == .milliseconds(400))
        #expect(backoff.ceiling(attempt: 10_000) == .seconds(1))
        #expect(backoff.ceiling(attempt: Int.max) == .seconds(1))
    }

    @Test func fullJitterStaysBetweenZeroAndTheCeiling() {
        let backoff = Backoff(initial: .milliseconds(100), max: .seconds(5))
        var generator = SeededGenerator(state: 42)
        var delays: [Duration] = []
        for attempt in 1...8 {
            for _ in 0..<200 {
                let delay = backoff.delay(attempt: attempt, using: &generator)
                #expect(delay >= .zero && delay <= backoff.ceiling(attempt: attempt))
                delays.append(delay)
            }
        }
        #expect(Set(delays).count > 1000)  // actually random
        #expect(delays.contains { $0 < .milliseconds(10) })
    }

    @Test func equalJitterStaysInTheUpperHalf() {
        let backoff = Backoff(initial: .seconds(1), max: .seconds(8), jitter: .equal)
        var generator = SeededGenerator(state: 7)
        for _ in 0..<500 {
            let delay = backoff.delay(attempt: 3, using: &generator)
            #expect(delay >= .seconds(2) && delay <= .seconds(4))
        }
    }

    @Test func seededGeneratorGivesRepeatableDelays() {
        let backoff = Backoff()
        var first = SeededGenerator(state: 1)
        var second = SeededGenerator(state: 1)
        let a = (1...5).map { backoff.delay(attempt: $0, using: &first) }
        let b = (1...5).map { backoff.delay(attempt: $0, using: &second) }
        #expect(a == b)
    }
}
