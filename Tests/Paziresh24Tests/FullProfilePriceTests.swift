import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// A service's `free_price` in the full profile: kept in Rial when it is a positive integer,
/// unknown when absent, null, 0 or negative, and a typed error (never a trap) when it is not an
/// integer, as the search card's `consult_services[0].free_price` is.
@Suite("Full-profile service price")
struct FullProfilePriceTests {
    /// The recorded full profile with the online service's (`data.centers[1].services[0]`)
    /// `free_price` replaced by `value` (nil: the key removed).
    static func onlineServicePrice(_ value: Any?) throws -> Data {
        var root = try #require(try JSONSerialization.jsonObject(with: Paziresh24Fixture.fullProfile.data) as? [String: Any])
        var data = try #require(root["data"] as? [String: Any])
        var centers = try #require(data["centers"] as? [[String: Any]])
        var services = try #require(centers[1]["services"] as? [[String: Any]])
        services[0]["free_price"] = value
        centers[1]["services"] = services
        data["centers"] = centers
        root["data"] = data
        return try JSONSerialization.data(withJSONObject: root)
    }

    static func onlinePrice(_ body: Data) throws -> Int64? {
        let profile = try DoctorProfile.decodeFullProfile(body)
        return try #require(profile.centers.first { $0.isOnlineVisit }?.services.first).freePriceRial
    }

    @Test("the recorded online service costs 5,000,000 Rial; the office's 0 means no price")
    func recorded() throws {
        let profile = try DoctorProfile.decodeFullProfile(Paziresh24Fixture.fullProfile.data)
        #expect(profile.bookableTargets.map(\.service.freePriceRial) == [nil, 5_000_000])
    }

    @Test("integers and digit strings are read; absent, null, zero and negative prices are unknown")
    func readsAndUnknowns() throws {
        let cases: [(Any?, Int64?)] = [
            (1_200_000, 1_200_000), ("1200000", 1_200_000), (" 900000 ", 900_000), (5e6, 5_000_000),
            (nil, nil), (NSNull(), nil), (0, nil), (-1, nil), (-5_000_000, nil), ("", nil),
        ]
        for (value, expected) in cases {
            #expect(try Self.onlinePrice(try Self.onlineServicePrice(value)) == expected, "\(String(describing: value))")
        }
    }

    @Test("a huge, fractional or non-numeric price reads as unknown, never a trap or a failed lookup")
    func hostileValues() throws {
        let hostile: [Any] = [
            -1e200, 1e300, 9_223_372_036_854_775_807 as Int64, 5_000_000.5, "99999999999999999999999", "5e6", "free", true,
            ["rial": 5_000_000], [5_000_000],
        ]
        for value in hostile {
            let profile = try DoctorProfile.decodeFullProfile(try Self.onlineServicePrice(value))
            #expect(profile.bookableTargets.count == 2, "\(value): the lookup still offers both services")
            #expect(profile.bookableTargets.map(\.service.freePriceRial) == [nil, nil], "\(value)")
        }
    }
}
