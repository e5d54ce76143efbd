import Foundation
import Messaging
import Testing

@testable import DeadLetterTool

@Suite("ReplayMessage")
struct ReplayMessageTests {
    @Test("carries the original key, value bytes and headers, then dlq-replayed-from")
    func originalBytesAndHeaders() throws {
        let value: [UInt8] = [0xFF, 0x00, 0x7B, 0x22]  // not UTF-8: the bytes must come back exactly
        let key: [UInt8] = [0x01, 0x02]
        let entry = try DeadLetters.entry(
            topic: "t.src", partition: 3, offset: 77, at: DeadLetterPosition(partition: 2, offset: 15), key: key,
            value: value)
        let message = try ReplayMessage(entry: entry)
        #expect(message.topic == "t.src")
        #expect(message.value == value)
        #expect(message.key == key)
        #expect(
            message.headers == DeadLetters.originalHeaders() + [
                MessageHeader(key: "dlq-replayed-from", value: "deadletter/2/15")
            ])
        #expect(message.sourceDescription == "t.src/3/77")
        #expect(message.sizeDescription == "key 2 B, value 4 B, 6 headers")
    }

    @Test("a message without a key is replayed without a key")
    func noKey() throws {
        let message = try ReplayMessage(entry: try DeadLetters.entry(key: nil))
        #expect(message.key == nil)
        #expect(message.sizeDescription.hasPrefix("no key"))
    }

    @Test("corrupt base64 is refused instead of replaying empty bytes")
    func corruptPayload() throws {
        var entry = try DeadLetters.entry(at: DeadLetterPosition(partition: 1, offset: 4))
        entry.envelope.payload.originalValueBase64 = "%%% not base64"
        #expect(
            throws: DeadLetterToolError(
                code: .notReplayable, message: "deadletter/1/4: original_value_base64 is not valid base64")
        ) {
            try ReplayMessage(entry: entry)
        }
        var badKey = try DeadLetters.entry()
        badKey.envelope.payload.originalKeyBase64 = "!"
        #expect(throws: DeadLetterToolError.self) { try ReplayMessage(entry: badKey) }
    }

    @Test("goes back to its original partition while the topic has it, else by key")
    func targetPartition() throws {
        let message = try ReplayMessage(entry: try DeadLetters.entry(partition: 5))
        #expect(message.targetPartition(partitionCount: 6) == 5)
        #expect(message.targetPartition(partitionCount: 5) == nil)
    }
}
