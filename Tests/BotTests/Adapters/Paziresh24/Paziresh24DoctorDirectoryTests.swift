import BotAdapters
import Foundation
import Messaging
import Paziresh24
import StandIns
import TestSupport
import Testing

/// `Paziresh24DoctorDirectory`: what the bot makes of the recorded full profile is, field for
/// field, the golden `watch.requested` it publishes for the online target.
@Suite("Paziresh24DoctorDirectory")
struct Paziresh24DoctorDirectoryTests {
    /// Answers every doctor lookup with the recorded full profile; nothing else is asked here.
    struct RecordedProfile: Paziresh24Fetching {
        func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
            try DoctorProfile.decodeFullProfile(Paziresh24Fixture.fullProfile.data)
        }
        func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [FreeSlot] {
            throw Paziresh24Error(.invalidInput("not used by the directory's resolve"))
        }
        func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
            throw Paziresh24Error(.invalidInput("not used by the directory's resolve"))
        }
    }

    @Test("the recorded profile's online target carries its free_price and encodes as watch.requested/v1-price.json")
    func goldenPrice() async throws {
        let directory = Paziresh24DoctorDirectory(client: RecordedProfile())
        let resolved = try await directory.resolve(Paziresh24Fixture.recordedSlug)
        #expect(resolved.targets.map(\.service.freePriceRial) == [nil, 5_000_000], "the office's free_price is 0: unknown")
        let online = try #require(resolved.targets.first { $0.center.isOnline })
        let encoded = try MessageCodec.makeEncoder().encode(WatchRequestedV1(target: online))
        let golden = try JSONSerialization.jsonObject(with: Data(try GoldenFixtures.message("watch.requested", "v1-price")))
        let payload = try #require((golden as? [String: Any])?["payload"] as? NSDictionary)
        #expect((try JSONSerialization.jsonObject(with: encoded) as? NSDictionary) == payload)
    }
}
