import Foundation
import Testing

@testable import Postgres

@Suite("PostgresTimestamp")
struct PostgresTimestampTests {
    @Test(
        "parses PostgreSQL's ISO output with any offset",
        arguments: [
            ("2023-11-14 22:13:20+00", 1_700_000_000.0),
            ("2023-11-14 22:13:20.25+00", 1_700_000_000.25),
            ("2023-11-15 01:43:20.123456+03:30", 1_700_000_000.123456),
            ("2023-11-14 17:13:20-05", 1_700_000_000.0),
            ("1969-12-31 23:59:59.5+00", -0.5),
            ("1900-01-01 00:00:00+03:25:44", -2_208_988_800.0 - 12_344),
            ("2023-11-14T22:13:20Z", 1_700_000_000.0),
            ("2023-11-14 22:13:20", 1_700_000_000.0),
            ("2023-11-14", 1_699_920_000.0),
        ])
    func parses(text: String, seconds: Double) throws {
        let date = try #require(PostgresTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test("infinity and BC")
    func specialValues() throws {
        #expect(PostgresTimestamp.parse("infinity") == .distantFuture)
        #expect(PostgresTimestamp.parse("-infinity") == .distantPast)
        let bc = try #require(PostgresTimestamp.parse("0044-03-15 12:00:00+00 BC"))
        #expect(PostgresTimestamp.format(bc) == "0044-03-15 12:00:00+00 BC")
    }

    @Test(
        "rejects what is not a timestamp",
        arguments: ["", "yesterday", "2023-13-01", "2023-11-14 25", "2023-11-14 22:13:20+", "2023-11-14 22:13:20.+00"])
    func rejects(text: String) {
        #expect(PostgresTimestamp.parse(text) == nil)
    }

    @Test("formats in UTC with microseconds, and reads its own output back")
    func formatsAndRoundTrips() throws {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14 22:13:20+00")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -0.000_001)) == "1969-12-31 23:59:59.999999+00")
        for seconds in [0.0, 1.5, -86_400.25, 1_790_000_000.654321, -62_135_596_800, 253_402_300_799] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = try #require(PostgresTimestamp.parse(PostgresTimestamp.format(date)))
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_001)
        }
    }
}
