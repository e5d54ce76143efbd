import Foundation
import Messaging
import ScraperAdapters
import ScraperDomain
import TestSupport
import Testing

/// What the scraper reads from the watches topic: the contract's golden fixtures decode (or are
/// dead-lettered with the promised reason) and map to domain watch-list changes.
@Suite("Watch messages")
struct WatchMessageTests {
    @Test("the watch schemas' golden fixtures decode for the scraper", arguments: ["watch.requested", "watch.cancelled"])
    func goldenFixtures(schema: String) throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
        for fixture in try GoldenFixtures.allVersions(of: schema) {
            let message = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
            #expect(message.schema == schema)
        }
    }

    @Test("watch.requested v1 with a service price reaches the domain target; the fixtures without one carry none")
    func goldenPrice() throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema])
        var prices: [String: Int64?] = [:]
        for fixture in try GoldenFixtures.allVersions(of: "watch.requested") {
            guard case .requested(let target)? = WatchListChange(try decoder.decode(value: fixture.bytes, headers: [])) else {
                Issue.record("\(fixture.name) is not a watch request"); continue
            }
            prices[fixture.name] = target.service.freePriceRial
            // Field for field: what the scraper would write back is the golden message's target.
            let golden = try JSONSerialization.jsonObject(with: Data(fixture.bytes)) as! [String: Any]
            let goldenTarget = (golden["payload"] as! [String: Any])["target"] as! NSDictionary
            let encoded = try MessageCodec.makeEncoder().encode(WatchTarget(target))
            #expect((try JSONSerialization.jsonObject(with: encoded) as! NSDictionary) == goldenTarget, "\(fixture.name)")
        }
        #expect(prices == ["v1.json": nil, "v1-search-slugs.json": nil, "v1-price.json": 5_000_000])
    }

    @Test("the scraper dead-letters rejected fixtures with the promised reason")
    func rejected() throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
        for fixture in try GoldenFixtures.rejected() {
            do {
                _ = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
                Issue.record("\(fixture.name) decoded")
            } catch {
                // Every rejected fixture that is JSON names a schema the scraper does not consume.
                let expected: DeadLetterV1.Reason = fixture.name.hasPrefix("not-json") ? .malformed : .unknownSchema
                #expect(error.reason == expected, "\(fixture.name): \(error)")
            }
        }
    }

    @Test("watch.requested and watch.cancelled map to domain changes; other messages to none")
    func mapping() {
        let wire = WatchTarget(
            doctor: DoctorRef(slug: "dr-a", displayName: "D", specialty: "S"),
            center: CenterRef(id: "c1", name: "C", userCenterId: "u1", serverId: "2", isOnline: false),
            service: ServiceRef(id: "s1", name: "V"))
        let producer = ProducerIdentity(service: "bot", instance: "1")
        let requested = WatchListChange(.watchRequested(Envelope(producer: producer, correlationId: "c", payload: .init(target: wire))))
        #expect(requested == .requested(ScrapeTarget(wire)))
        #expect(ScrapeTarget(wire).id == wire.id)
        #expect(WatchTarget(ScrapeTarget(wire)) == wire, "the mapping loses nothing")
        var priced = wire
        priced.service.freePriceRial = 5_000_000
        #expect(ScrapeTarget(priced).service.freePriceRial == 5_000_000)
        #expect(WatchTarget(ScrapeTarget(priced)) == priced, "the price survives the mapping both ways")
        let cancelled = WatchListChange(
            .watchCancelled(Envelope(producer: producer, correlationId: "c", payload: .init(targetId: wire.id, reason: nil))))
        #expect(cancelled == .cancelled(targetId: "c1:s1"))
    }
}
