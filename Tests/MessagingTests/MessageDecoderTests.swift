import CivilTime
import Foundation
import Messaging
import Testing

@Suite("MessageDecoder")
struct MessageDecoderTests {
    let producer = ProducerIdentity(service: "test", instance: "t1")

    func slotFound() -> Envelope<SlotFoundV1> {
        let doctor = DoctorRef(slug: "dr-a", displayName: "A", specialty: nil)
        let center = CenterRef(id: "5532", name: "online", userCenterId: "uc", isOnline: true)
        let start = Date(timeIntervalSince1970: 1_791_286_200)
        return Envelope(
            producer: producer, correlationId: "c1",
            payload: SlotFoundV1(
                targetId: "5532:s", doctor: doctor, center: center, serviceId: "s",
                slot: SlotTime(start: start, end: start.addingTimeInterval(600)),
                bookingURL: "https://www.paziresh24.com/dr/dr-a/", observedAt: start, pollId: UUID()))
    }

    @Test("encode sets schema, version, id and content-type headers and a readable JSON body")
    func headers() throws {
        let envelope = slotFound()
        let message = try MessageCodec.encode(envelope, key: "5532:s")
        #expect(message.headers.value(for: "schema") == "slot.found")
        #expect(message.headers.value(for: "version") == "1")
        #expect(message.headers.value(for: "id") == envelope.id.uuidString.lowercased())
        #expect(message.headers.value(for: "content-type") == "application/json")
        #expect(message.key == Array("5532:s".utf8))
        let text = String(decoding: message.value, as: UTF8.self)
        #expect(text.contains(#""local_start":"15:00""#))
        #expect(text.contains(#""occurred_at":""#))
        let decoded = try MessageDecoder(accepting: ["slot.found"]).decode(value: message.value, headers: message.headers)
        guard case .slotFound(let back) = decoded else { Issue.record("not a slot.found"); return }
        // Milliseconds are the wire precision: compare what the two encode to.
        #expect(try MessageCodec.encode(back, key: nil).value == message.value)
    }

    @Test("ids are read in either case; a malformed id or poll id makes the message malformed")
    func uuids() throws {
        let envelope = slotFound()
        let message = try MessageCodec.encode(envelope, key: "5532:s")
        let text = String(decoding: message.value, as: UTF8.self)
        let id = envelope.id.uuidString.lowercased(), poll = envelope.payload.pollId.uuidString.lowercased()
        let decoder = MessageDecoder(accepting: ["slot.found"])
        let upper = Array(text.replacingOccurrences(of: id, with: id.uppercased()).utf8)
        guard case .slotFound(let back) = try decoder.decode(value: upper, headers: message.headers) else {
            Issue.record("not a slot.found")
            return
        }
        #expect(back.id == envelope.id && back.payload.pollId == envelope.payload.pollId)
        for (bad, field) in [
            (text.replacingOccurrences(of: id, with: String(id.dropLast()) + "g"), "id"),
            (text.replacingOccurrences(of: id, with: id.replacingOccurrences(of: "-", with: "")), "id"),
            (text.replacingOccurrences(of: poll, with: String(poll.dropLast())), "payload.poll_id"),
        ] {
            #expect(throws: MessageDecodingError.self) { try decoder.decode(value: Array(bad.utf8), headers: message.headers) }
            do {
                _ = try decoder.decode(value: Array(bad.utf8), headers: message.headers)
            } catch {
                #expect(error.reason == .malformed && error.detail.contains("invalid value at \(field)"), "\(error.detail)")
            }
        }
    }

    @Test("a schema the consumer does not accept is unknown_schema, even if the catalog knows it")
    func notAccepted() throws {
        let message = try MessageCodec.encode(slotFound(), key: nil)
        #expect(throws: MessageDecodingError(reason: .unknownSchema, detail: "schema slot.found is not handled by this consumer")) {
            try MessageDecoder(accepting: ["watch.requested"]).decode(value: message.value, headers: message.headers)
        }
    }

    @Test("headers that disagree with the body are malformed")
    func disagreeingHeaders() throws {
        let message = try MessageCodec.encode(slotFound(), key: nil)
        var headers = message.headers
        headers.append(MessageHeader(key: "schema", value: "watch.requested"))
        do {
            _ = try MessageDecoder(accepting: ["watch.requested", "slot.found"]).decode(value: message.value, headers: headers)
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .malformed)
        }
    }

    @Test("a non-integer version header is malformed")
    func badVersionHeader() {
        do {
            _ = try MessageDecoder(accepting: ["slot.found"]).decode(
                value: Array("{}".utf8),
                headers: [MessageHeader(key: "schema", value: "slot.found"), MessageHeader(key: "version", value: "one")])
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .malformed)
        }
    }

    @Test("dead letters keep the exact original bytes and headers")
    func deadLetter() throws {
        let original: [UInt8] = [0xff, 0x00, 0x7b]
        let message = try DeadLetterBuilder.build(
            reason: .malformed, detail: "value is not a JSON envelope", sourceTopic: Topic.slots, sourcePartition: 3,
            sourceOffset: 17, consumer: "notifier", originalKey: Array("k".utf8), originalValue: original,
            originalHeaders: [MessageHeader(key: "x", value: "y")], producer: producer)
        #expect(message.headers.value(for: "dlq-reason") == "malformed")
        #expect(message.headers.value(for: "dlq-source-offset") == "17")
        guard
            case .deadLetter(let envelope) = try MessageDecoder(accepting: [DeadLetterV1.schema]).decode(
                value: message.value, headers: message.headers)
        else { Issue.record("not a dead letter"); return }
        #expect(envelope.payload.originalValue == original)
        #expect(envelope.payload.originalValueText == nil)
        #expect(envelope.payload.originalKey == Array("k".utf8))
        #expect(envelope.payload.originalHeaders == [MessageHeader(key: "x", value: "y")])
    }

    @Test("Tehran clock: fixed +03:30, JavaScript weekday numbering")
    func tehran() {
        let date = Date(timeIntervalSince1970: 1_791_286_200)  // 2026-10-06 15:00 Tehran, a Tuesday
        #expect(TehranTime.hourMinute(date) == "15:00")
        #expect(TehranTime.dateString(date) == "2026-10-06")
        #expect(TehranTime.weekday(date) == 2)
        #expect(TehranTime.startOfDay(date) == Date(timeIntervalSince1970: 1_791_232_200))
    }
}
