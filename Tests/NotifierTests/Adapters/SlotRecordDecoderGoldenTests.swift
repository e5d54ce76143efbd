import Foundation
import Kafka
import Messaging
import NotifierAdapters
import NotifierDomain
import TestSupport
import Testing

/// The notifier accepts `slot.found` and `slot.gone`: its decoder must read every golden fixture
/// of both schemas, as a record from the slots topic, into the domain's `SlotEvent`.
@Suite("SlotRecordDecoder golden fixtures")
struct SlotRecordDecoderGoldenTests {
    func record(_ bytes: [UInt8]) -> KafkaRecord {
        KafkaRecord(
            topic: Topic.slots, partition: 0, offset: 0, key: Array("t".utf8), value: bytes,
            headers: GoldenFixtures.headers(for: bytes).map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) },
            timestamp: nil)
    }

    @Test("every slot.found and slot.gone fixture decodes; episode and granularity reach the domain")
    func everyFixtureDecodes() throws {
        let decoder = SlotRecordDecoder()
        var found: [String: FoundSlot] = [:]
        for fixture in try GoldenFixtures.allVersions(of: "slot.found") {
            let decoded = decoder.decode(record(fixture.bytes))
            guard case .success(.found(let slot)) = decoded else {
                Issue.record("\(fixture.name) is not decoded as a found slot: \(decoded)")
                continue
            }
            found[fixture.name] = slot
            #expect(decoder.goneSlot(record(fixture.bytes)) == nil)
        }
        #expect(found["v1.json"]?.slot.episode == SlotPeriod.legacyEpisode, "no episode on the wire: the legacy episode")
        #expect(found["v1-episode.json"]?.slot.episode != SlotPeriod.legacyEpisode)
        #expect(found["v1-day.json"]?.slot.granularity == .day)
        #expect(found["v1-price.json"]?.onlinePriceRial == 800_000, "the online price reaches the domain")
        #expect(found["v1.json"]?.onlinePriceRial == nil)
        #expect(found["v1.json"]?.slot.granularity == .time)
        let gone = try GoldenFixtures.allVersions(of: "slot.gone")
        #expect(!gone.isEmpty)
        for fixture in gone {
            guard case .success(.gone(let slot)) = decoder.decode(record(fixture.bytes)) else {
                Issue.record("\(fixture.name) is not decoded as a gone slot")
                continue
            }
            #expect(decoder.goneSlot(record(fixture.bytes)) == slot)
            #expect(slot.slot.episode == UUID(uuidString: "c2a1f6d0-8e4b-4b3a-9f17-5e6d7c8b9a01"))
        }
        for fixture in try GoldenFixtures.rejected() {
            guard case .failure(let error) = decoder.decode(record(fixture.bytes)) else {
                Issue.record("\(fixture.name) decoded")
                continue
            }
            #expect(error.reason == GoldenFixtures.expectedReason(forRejected: fixture.name), "\(fixture.name)")
        }
    }
}
