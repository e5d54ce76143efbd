import Foundation
import Messaging

/// One dead letter read from the dead-letter topic: its position there and its decoded envelope.
public struct DeadLetterEntry: Sendable, Equatable {
    /// Where it sits in the dead-letter topic.
    public var position: DeadLetterPosition
    /// The `dead.letter` envelope.
    public var envelope: Envelope<DeadLetterV1>

    /// Creates an entry.
    public init(position: DeadLetterPosition, envelope: Envelope<DeadLetterV1>) {
        self.position = position
        self.envelope = envelope
    }

    /// The payload: reason, source position and the original message.
    public var letter: DeadLetterV1 { envelope.payload }

    /// When the consumer gave up on the message.
    public var deadLetteredAt: Date { envelope.occurredAt }

    /// `topic/partition/offset` of the original message.
    public var sourceDescription: String {
        "\(letter.sourceTopic)/\(letter.sourcePartition)/\(letter.sourceOffset)"
    }

    /// Orders entries by source topic, partition and offset (the order a replay publishes in),
    /// then by dead-letter position.
    public static func sourceOrder(_ lhs: DeadLetterEntry, _ rhs: DeadLetterEntry) -> Bool {
        let left = (lhs.letter.sourceTopic, lhs.letter.sourcePartition, lhs.letter.sourceOffset)
        let right = (rhs.letter.sourceTopic, rhs.letter.sourcePartition, rhs.letter.sourceOffset)
        if left != right { return left < right }
        return lhs.position < rhs.position
    }
}
