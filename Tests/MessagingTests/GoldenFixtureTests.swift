import Foundation
import Messaging
import TestSupport
import Testing

/// Every golden fixture decodes, and encoding what was decoded gives the same JSON again.
@Suite("Golden fixtures")
struct GoldenFixtureTests {
    static let allSchemas = Array(SchemaCatalog.supportedVersions.keys).sorted()

    @Test("every schema has a fixture for every supported version", arguments: allSchemas)
    func everyVersionHasAFixture(schema: String) throws {
        let names = try GoldenFixtures.allVersions(of: schema).map(\.name)
        for version in SchemaCatalog.supportedVersions[schema]! {
            #expect(names.contains("v\(version).json"), "missing Tests/Fixtures/messages/\(schema)/v\(version).json")
        }
    }

    @Test("fixtures decode with routing headers and without them", arguments: allSchemas)
    func decodes(schema: String) throws {
        let decoder = MessageDecoder(accepting: [schema])
        for fixture in try GoldenFixtures.allVersions(of: schema) {
            let withHeaders = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
            let withoutHeaders = try decoder.decode(value: fixture.bytes, headers: [])
            #expect(withHeaders == withoutHeaders)
            #expect(withHeaders.schema == schema, "\(fixture.name)")
        }
    }

    @Test("v1 fixtures equal, field for field, what the encoder writes", arguments: allSchemas)
    func roundTrip(schema: String) throws {
        let bytes = try GoldenFixtures.message(schema)
        let message = try MessageDecoder(accepting: [schema]).decode(value: bytes, headers: [])
        let encoder = MessageCodec.makeEncoder(pretty: true)
        let data: Data
        switch message {
        case .watchRequested(let e): data = try encoder.encode(e)
        case .watchCancelled(let e): data = try encoder.encode(e)
        case .slotFound(let e): data = try encoder.encode(e)
        case .slotGone(let e): data = try encoder.encode(e)
        case .doctorChecked(let e): data = try encoder.encode(e)
        case .notificationSent(let e): data = try encoder.encode(e)
        case .deadLetter(let e): data = try encoder.encode(e)
        case .slotState(let e): data = try encoder.encode(e)
        }
        let canonical = try JSONSerialization.jsonObject(with: data) as! NSDictionary
        let golden = try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary
        #expect(canonical == golden)
    }

    @Test("slot.found v1 carries absolute instants and the recorded Tehran times")
    func slotFoundContent() throws {
        guard
            case .slotFound(let envelope) = try MessageDecoder(accepting: [SlotFoundV1.schema])
                .decode(value: try GoldenFixtures.message("slot.found"), headers: [])
        else { Issue.record("not a slot.found"); return }
        #expect(envelope.payload.slot.start == Date(timeIntervalSince1970: 1_791_286_200))
        #expect(envelope.payload.slot.localStart == "15:00")
        #expect(envelope.payload.slot.localEnd == "15:10")
        #expect(envelope.payload.center.isOnline)
        #expect(envelope.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
    }

    @Test("slot.found v1 without episode or granularity reads as a timed slot of no known episode")
    func slotFoundBeforeTheLifecycle() throws {
        guard
            case .slotFound(let envelope) = try MessageDecoder(accepting: [SlotFoundV1.schema])
                .decode(value: try GoldenFixtures.message("slot.found"), headers: [])
        else { Issue.record("not a slot.found"); return }
        #expect(envelope.payload.episode == nil)
        #expect(envelope.payload.granularity == .time)
    }

    @Test("slot.found v1 with an episode, and a day-level slot, round-trip field for field")
    func slotFoundLifecycleVariants() throws {
        let decoder = MessageDecoder(accepting: [SlotFoundV1.schema])
        let encoder = MessageCodec.makeEncoder(pretty: true)
        for (name, granularity, episode) in [
            ("v1-episode", SlotGranularity.time, "c2a1f6d0-8e4b-4b3a-9f17-5e6d7c8b9a01"),
            ("v1-day", SlotGranularity.day, "0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b"),
        ] {
            let bytes = try GoldenFixtures.message("slot.found", name)
            guard case .slotFound(let envelope) = try decoder.decode(value: bytes, headers: []) else {
                Issue.record("\(name) is not a slot.found"); continue
            }
            #expect(envelope.payload.granularity == granularity, "\(name)")
            #expect(envelope.payload.episode == UUID(uuidString: episode), "\(name)")
            let canonical = try JSONSerialization.jsonObject(with: try encoder.encode(envelope)) as! NSDictionary
            #expect(canonical == (try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary), "\(name)")
        }
        guard case .slotFound(let day) = try decoder.decode(value: try GoldenFixtures.message("slot.found", "v1-day"), headers: [])
        else { return }
        // A free day of the recorded getFreeDays answer without times: 2026-10-11, 00:00 Tehran.
        #expect(day.payload.slot.start == Date(timeIntervalSince1970: 1_791_664_200))
        #expect(day.payload.slot.end.timeIntervalSince(day.payload.slot.start) == 86_400)
    }

    @Test("slot.found v1 with an online price reads it in Rial and round-trips; without one it is unknown")
    func slotFoundPrice() throws {
        let decoder = MessageDecoder(accepting: [SlotFoundV1.schema])
        let bytes = try GoldenFixtures.message("slot.found", "v1-price")
        guard case .slotFound(let priced) = try decoder.decode(value: bytes, headers: []) else {
            Issue.record("v1-price is not a slot.found"); return
        }
        #expect(priced.payload.onlinePriceRial == 800_000)
        let encoded = try MessageCodec.makeEncoder(pretty: true).encode(priced)
        #expect(
            (try JSONSerialization.jsonObject(with: encoded) as! NSDictionary)
                == (try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary))
        for name in ["v1", "v1-episode", "v1-day"] {
            guard case .slotFound(let plain) = try decoder.decode(value: try GoldenFixtures.message("slot.found", name), headers: [])
            else { Issue.record("\(name) is not a slot.found"); continue }
            #expect(plain.payload.onlinePriceRial == nil, "\(name)")
        }
    }

    @Test("watch.requested v1 with a service price reads it in Rial and round-trips; the older fixtures have none")
    func watchRequestedPrice() throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema])
        let bytes = try GoldenFixtures.message("watch.requested", "v1-price")
        guard case .watchRequested(let priced) = try decoder.decode(value: bytes, headers: []) else {
            Issue.record("v1-price is not a watch.requested"); return
        }
        #expect(priced.payload.target.service.freePriceRial == 5_000_000)
        let encoded = try MessageCodec.makeEncoder(pretty: true).encode(priced)
        #expect(
            (try JSONSerialization.jsonObject(with: encoded) as! NSDictionary)
                == (try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary))
        for name in ["v1", "v1-search-slugs"] {
            let plainBytes = try GoldenFixtures.message("watch.requested", name)
            guard case .watchRequested(let plain) = try decoder.decode(value: plainBytes, headers: [])
            else { Issue.record("\(name) is not a watch.requested"); continue }
            #expect(plain.payload.target.service.freePriceRial == nil, "\(name)")
            // Without a price nothing is written: the shipped messages stay byte for byte what they were.
            let again = try JSONSerialization.jsonObject(with: try MessageCodec.makeEncoder(pretty: true).encode(plain)) as! NSDictionary
            #expect(again == (try JSONSerialization.jsonObject(with: Data(plainBytes)) as! NSDictionary), "\(name)")
        }
    }

    @Test("slot.gone v1 names the slot, the episode it closes and when the slot was last seen")
    func slotGoneContent() throws {
        guard
            case .slotGone(let envelope) = try MessageDecoder(accepting: [SlotGoneV1.schema])
                .decode(value: try GoldenFixtures.message("slot.gone"), headers: [])
        else { Issue.record("not a slot.gone"); return }
        #expect(envelope.payload.targetId == "5532:972812db-5afb-427a-9dba-d07aa3fed100")
        #expect(envelope.payload.slot.start == Date(timeIntervalSince1970: 1_791_286_200))
        #expect(envelope.payload.episode == UUID(uuidString: "c2a1f6d0-8e4b-4b3a-9f17-5e6d7c8b9a01"))
        #expect(envelope.payload.lastSeenAt < envelope.payload.firstMissedAt)
        #expect(envelope.payload.granularity == .time)
    }

    @Test("unknown fields are ignored and any RFC 3339 offset is read")
    func extraFields() throws {
        guard
            case .slotFound(let envelope) = try MessageDecoder(accepting: [SlotFoundV1.schema])
                .decode(value: try GoldenFixtures.message("slot.found", "v1-extra-fields"), headers: [])
        else { Issue.record("not a slot.found"); return }
        #expect(envelope.payload.observedAt == Date(timeIntervalSince1970: 1_791_284_401.25))
    }

    @Test("rejected fixtures fail with the reason their name promises")
    func rejected() throws {
        let decoder = MessageDecoder(accepting: Set(SchemaCatalog.supportedVersions.keys))
        let fixtures = try GoldenFixtures.rejected()
        #expect(fixtures.count >= 4)
        for fixture in fixtures {
            let expected = GoldenFixtures.expectedReason(forRejected: fixture.name)
            for headers in [GoldenFixtures.headers(for: fixture.bytes), []] {
                #expect(throws: MessageDecodingError.self, "\(fixture.name)") {
                    _ = try decoder.decode(value: fixture.bytes, headers: headers)
                }
                do {
                    _ = try decoder.decode(value: fixture.bytes, headers: headers)
                } catch {
                    #expect(error.reason == expected, "\(fixture.name): \(error)")
                }
            }
        }
    }
}
