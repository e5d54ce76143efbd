import Messaging
import Testing

@testable import DeadLetterTool

@Suite("ReplayPlan")
struct ReplayPlanTests {
    @Test("replays the matches in source order")
    func order() throws {
        let entries = [
            try DeadLetters.entry(topic: "t", partition: 1, offset: 8, at: .init(partition: 0, offset: 0)),
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 0, offset: 1, at: .init(partition: 0, offset: 1)),
            try DeadLetters.entry(topic: "t", partition: 0, offset: 4, at: .init(partition: 1, offset: 0)),
            try DeadLetters.entry(topic: "other", partition: 0, offset: 4, at: .init(partition: 2, offset: 0)),
        ]
        let plan = ReplayPlan(
            entries: entries, filter: DeadLetterFilter(reason: .unsupportedVersion, sourceTopic: "t"), limit: nil)
        #expect(plan.matchedCount == 2)
        #expect(plan.messages.map(\.sourceDescription) == ["t/0/4", "t/1/8"])
        #expect(plan.duplicates.isEmpty && plan.refused.isEmpty && plan.countBeforeLimit == nil)
        #expect(plan.topics == ["t"])
    }

    @Test("a source position dead-lettered twice is replayed once, through the first dead letter")
    func duplicates() throws {
        let entries = [
            try DeadLetters.entry(topic: "t", partition: 0, offset: 4, at: .init(partition: 2, offset: 9)),
            try DeadLetters.entry(topic: "t", partition: 0, offset: 4, at: .init(partition: 1, offset: 3)),
        ]
        let plan = ReplayPlan(entries: entries, filter: DeadLetterFilter(reason: .unsupportedVersion), limit: nil)
        #expect(plan.matchedCount == 2)
        #expect(plan.messages.map(\.deadLetter) == [DeadLetterPosition(partition: 1, offset: 3)])
        #expect(
            plan.duplicates == [
                .init(position: .init(partition: 2, offset: 9), replayedAs: .init(partition: 1, offset: 3))
            ])
    }

    @Test("--limit keeps the first K in source order")
    func limit() throws {
        let entries = try (0..<5).map {
            try DeadLetters.entry(
                topic: "t", partition: 0, offset: Int64(4 - $0), at: .init(partition: 0, offset: Int64($0)))
        }
        let plan = ReplayPlan(entries: entries, filter: DeadLetterFilter(reason: .unsupportedVersion), limit: 2)
        #expect(plan.messages.map(\.sourceOffset) == [0, 1])
        #expect(plan.countBeforeLimit == 5)
        #expect(ReplayPlan(entries: entries, filter: DeadLetterFilter(), limit: 5).countBeforeLimit == nil)
    }

    @Test("corrupt dead letters are refused; the rest are still planned")
    func refused() throws {
        var corrupt = try DeadLetters.entry(offset: 1, at: .init(partition: 0, offset: 0))
        corrupt.envelope.payload.originalValueBase64 = "***"
        let good = try DeadLetters.entry(offset: 2, at: .init(partition: 0, offset: 1))
        let plan = ReplayPlan(
            entries: [corrupt, good], filter: DeadLetterFilter(reason: .unsupportedVersion), limit: nil)
        #expect(plan.messages.map(\.sourceOffset) == [2])
        #expect(plan.refused.map(\.code) == [.notReplayable])
    }
}
