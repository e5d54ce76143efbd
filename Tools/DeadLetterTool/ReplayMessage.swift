import Foundation
import Messaging

/// A dead letter's original message, ready to go back to its source topic.
public struct ReplayMessage: Sendable, Equatable {
    /// The header naming the dead letter a replayed message came from.
    public static let replayedFromHeader = "dlq-replayed-from"

    /// The dead letter it comes from.
    public var deadLetter: DeadLetterPosition
    /// The source topic: where it goes.
    public var topic: String
    /// The partition it was originally read from.
    public var sourcePartition: Int32
    /// The offset it originally had.
    public var sourceOffset: Int64
    /// The original key bytes.
    public var key: [UInt8]?
    /// The original value bytes.
    public var value: [UInt8]
    /// The original headers, then `dlq-replayed-from: deadletter/<partition>/<offset>`.
    public var headers: [MessageHeader]

    /// Rebuilds the original message of `entry`; fails when its base64 fields are corrupt (rather
    /// than publishing empty bytes in their place).
    public init(entry: DeadLetterEntry) throws(DeadLetterToolError) {
        let letter = entry.letter
        guard let value = Data(base64Encoded: letter.originalValueBase64) else {
            throw DeadLetterToolError(
                code: .notReplayable, message: "\(entry.position): original_value_base64 is not valid base64")
        }
        var key: [UInt8]?
        if let keyText = letter.originalKeyBase64 {
            guard let decoded = Data(base64Encoded: keyText) else {
                throw DeadLetterToolError(
                    code: .notReplayable, message: "\(entry.position): original_key_base64 is not valid base64")
            }
            key = [UInt8](decoded)
        }
        self.deadLetter = entry.position
        self.topic = letter.sourceTopic
        self.sourcePartition = letter.sourcePartition
        self.sourceOffset = letter.sourceOffset
        self.key = key
        self.value = [UInt8](value)
        self.headers =
            letter.originalHeaders + [MessageHeader(key: Self.replayedFromHeader, value: entry.position.description)]
    }

    /// The partition to publish to: the original one when the topic still has it, otherwise nil
    /// (the producer's partitioner picks by key).
    public func targetPartition(partitionCount: Int) -> Int32? {
        Int(sourcePartition) < partitionCount ? sourcePartition : nil
    }

    /// `topic/partition/offset` of the original message.
    public var sourceDescription: String { "\(topic)/\(sourcePartition)/\(sourceOffset)" }

    /// `key 9 B, value 120 B, 6 headers` for the operator (never the bytes themselves).
    public var sizeDescription: String {
        let keyText = key.map { "key \($0.count) B" } ?? "no key"
        return "\(keyText), value \(value.count) B, \(headers.count) headers"
    }
}
