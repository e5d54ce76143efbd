import Foundation
import Messaging
import TestSupport
import Testing

/// A dead letter larger than the broker's limit is stored truncated, flagged, with the original's
/// length and SHA-256; one that fits is unchanged (no new field written).
@Suite("DeadLetter truncation")
struct DeadLetterTruncationTests {
    static let producer = ProducerIdentity(service: "notifier", instance: "notifier-0")

    func build(value: [UInt8], detail: String = "boom", maxBytes: Int?) throws -> (message: EncodedMessage, truncated: Bool) {
        try DeadLetterBuilder.buildReportingTruncation(
            reason: .processingFailed, detail: detail, sourceTopic: Topic.slots, sourcePartition: 3, sourceOffset: 99,
            consumer: "notifier (group notifier)", originalKey: Array("c1:s1".utf8), originalValue: value,
            originalHeaders: [MessageHeader(key: "schema", value: "slot.found")], producer: Self.producer, maxBytes: maxBytes)
    }

    func letter(_ message: EncodedMessage) throws -> DeadLetterV1 {
        guard
            case .deadLetter(let envelope) = try MessageDecoder(accepting: [DeadLetterV1.schema]).decode(value: message.value, headers: [])
        else { throw TestFailure("not a dead letter") }
        return envelope.payload
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("a letter within the limit keeps the whole value and writes no truncation field")
    func fits() throws {
        let value = Array(#"{"schema":"slot.found","version":1}"#.utf8)
        let built = try build(value: value, maxBytes: 100_000)
        #expect(!built.truncated)
        let payload = try letter(built.message)
        #expect(payload.originalValue == value)
        #expect(payload.truncated == nil && payload.originalValueLength == nil && payload.originalValueSHA256 == nil)
        #expect(!String(decoding: built.message.value, as: UTF8.self).contains("truncated"))
    }

    @Test("a letter over the limit is cut to fit, flagged, with the whole value's length and SHA-256", arguments: [4_096, 20_000, 200_000])
    func truncated(maxBytes: Int) throws {
        // 300 kB of UTF-8 text with two-byte characters, so the cut may fall inside one.
        let value = Array(String(repeating: "slot é ", count: 37_500).utf8)
        let built = try build(value: value, detail: String(repeating: "d", count: 10_000), maxBytes: maxBytes)
        #expect(built.truncated)
        #expect(DeadLetterBuilder.size(of: built.message) <= maxBytes - DeadLetterBuilder.recordOverhead)
        let payload = try letter(built.message)
        #expect(payload.truncated == true)
        #expect(payload.originalValueLength == value.count)
        #expect(payload.originalValueSHA256 == SHA256.hex(value))
        #expect(!payload.originalValue.isEmpty && payload.originalValue.count < value.count)
        #expect(Array(value.prefix(payload.originalValue.count)) == payload.originalValue)
        #expect(payload.originalValueText.map { Array($0.utf8) } == payload.originalValue)
        #expect(payload.detail.count <= DeadLetterBuilder.truncatedDetailLimit + 1)
        #expect(payload.reason == .processingFailed && payload.sourceOffset == 99)
    }

    @Test("the truncated golden fixture decodes with its optional fields")
    func fixture() throws {
        let bytes = try GoldenFixtures.message("dead.letter", "v1-truncated")
        guard case .deadLetter(let envelope) = try MessageDecoder(accepting: [DeadLetterV1.schema]).decode(value: bytes, headers: [])
        else { Issue.record("not a dead letter"); return }
        let payload = envelope.payload
        #expect(payload.reason == .processingFailed)
        #expect(payload.truncated == true)
        #expect(payload.originalValueLength == 312)
        #expect(payload.originalValueSHA256 == "675876d7649eeb17f4826c3410daa5640efa0ee36276a75e3aab70f13dde65a2")
        #expect(payload.originalValue.count == 48)
        // The v1 fixture, written before these fields existed, still decodes without them.
        guard
            case .deadLetter(let old) = try MessageDecoder(accepting: [DeadLetterV1.schema])
                .decode(value: try GoldenFixtures.message("dead.letter"), headers: [])
        else { Issue.record("not a dead letter"); return }
        #expect(old.payload.truncated == nil)
    }
}
