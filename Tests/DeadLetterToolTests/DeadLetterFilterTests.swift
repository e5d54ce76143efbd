import Messaging
import Testing

@testable import DeadLetterTool

@Suite("DeadLetterFilter")
struct DeadLetterFilterTests {
    @Test("an empty filter matches everything and says none")
    func emptyFilter() throws {
        let filter = DeadLetterFilter()
        #expect(filter.matches(try DeadLetters.entry().letter))
        #expect(filter.summary == "none")
    }

    @Test("each criterion must match")
    func criteria() throws {
        let letter = try DeadLetters.entry(reason: .malformed, topic: "t.a", partition: 1, offset: 50).letter
        #expect(DeadLetterFilter(reason: .malformed).matches(letter))
        #expect(!DeadLetterFilter(reason: .unknownSchema).matches(letter))
        #expect(DeadLetterFilter(sourceTopic: "t.a").matches(letter))
        #expect(!DeadLetterFilter(sourceTopic: "t.b").matches(letter))
        #expect(DeadLetterFilter(sourcePartition: 1).matches(letter))
        #expect(!DeadLetterFilter(sourcePartition: 0).matches(letter))
        #expect(DeadLetterFilter(sourceOffsets: 50...50).matches(letter))
        #expect(DeadLetterFilter(sourceOffsets: 0...Int64.max).matches(letter))
        #expect(!DeadLetterFilter(sourceOffsets: 51...60).matches(letter))
        #expect(!DeadLetterFilter(reason: .malformed, sourceTopic: "t.a", sourcePartition: 2).matches(letter))
        #expect(
            DeadLetterFilter(reason: .malformed, sourceTopic: "t.a", sourcePartition: 1, sourceOffsets: 40...60)
                .matches(letter))
    }

    @Test("select keeps the matches in source order: topic, partition, offset, then dead-letter position")
    func selectOrder() throws {
        let entries = [
            try DeadLetters.entry(topic: "t.b", partition: 0, offset: 1, at: .init(partition: 0, offset: 0)),
            try DeadLetters.entry(topic: "t.a", partition: 1, offset: 3, at: .init(partition: 1, offset: 0)),
            try DeadLetters.entry(
                reason: .malformed, topic: "t.a", partition: 0, offset: 9, at: .init(partition: 2, offset: 0)),
            try DeadLetters.entry(topic: "t.a", partition: 1, offset: 2, at: .init(partition: 0, offset: 1)),
            try DeadLetters.entry(topic: "t.a", partition: 1, offset: 2, at: .init(partition: 0, offset: 0)),
        ]
        let selected = DeadLetterFilter(reason: .unsupportedVersion).select(entries)
        #expect(selected.map(\.sourceDescription) == ["t.a/1/2", "t.a/1/2", "t.a/1/3", "t.b/0/1"])
        #expect(selected.prefix(2).map(\.position.description) == ["deadletter/0/0", "deadletter/0/1"])
    }

    @Test("the summary names every criterion; an open range has no upper bound")
    func summary() {
        let filter = DeadLetterFilter(
            reason: .unknownSchema, sourceTopic: "t", sourcePartition: 3, sourceOffsets: 5...Int64.max)
        #expect(filter.summary == "reason=unknown_schema, source topic=t, source partition=3, source offsets=5...")
        #expect(DeadLetterFilter(sourceOffsets: 0...9).summary == "source offsets=0...9")
    }
}
