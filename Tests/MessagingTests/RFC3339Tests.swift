import Foundation
import Messaging
import Testing

/// The contract's timestamp format: what is written, what is accepted, what is refused.
@Suite("RFC3339")
struct RFC3339Tests {
    @Test("writes UTC with milliseconds, rounded to the nearest millisecond")
    func writes() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_791_286_200.08)) == "2026-10-06T11:30:00.080Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 951_868_799.9996)) == "2000-03-01T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 4_107_542_400)) == "2100-03-01T00:00:00.000Z")
    }

    @Test("agrees with Foundation's ISO 8601 format style on 10,000 random instants from 1900 to 2200")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<10_000 {
            let millis = Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let written = RFC3339.string(from: date)
            // Foundation truncates binary fractions (.08 → .079), so compare instants, not text.
            let foundationRead = try? style.parse(written)
            #expect(foundationRead.map { abs($0.timeIntervalSince(date)) < 0.0005 } == true, "\(written)")
            let text = style.format(date)
            let ours = RFC3339.date(from: text), theirs = try? style.parse(text)
            #expect(ours != nil && theirs != nil && abs(ours!.timeIntervalSince(theirs!)) < 0.000_01, "\(text)")
            let read = RFC3339.date(from: written)
            #expect(read.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == millis, "\(written)")
        }
    }

    @Test("reads any offset, with or without a fraction, T and Z in either case")
    func reads() throws {
        let instant = Date(timeIntervalSince1970: 1_791_286_200)  // 2026-10-06T11:30:00Z
        #expect(RFC3339.date(from: "2026-10-06T11:30:00Z") == instant)
        #expect(RFC3339.date(from: "2026-10-06t11:30:00z") == instant)
        #expect(RFC3339.date(from: "2026-10-06T15:00:00+03:30") == instant)
        #expect(RFC3339.date(from: "2026-10-06T07:00:00.000-04:30") == instant)
        let fractional = try #require(RFC3339.date(from: "2026-10-06T11:30:00.123456789Z"))
        #expect(abs(fractional.timeIntervalSince(instant) - 0.123456789) < 1e-6)
        let long = try #require(RFC3339.date(from: "2026-10-06T11:30:00.1234567891234Z"))
        #expect(abs(long.timeIntervalSince(instant) - 0.123456789) < 1e-6)
        #expect(RFC3339.date(from: "2024-02-29T00:00:00Z") != nil)
    }

    @Test(
        "refuses what is not an RFC 3339 timestamp with an offset",
        arguments: [
            "", "2026-10-06", "2026-10-06T11:30:00", "2026-10-06 11:30:00Z", "2026-10-06T11:30Z", "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-10-06T24:00:00Z", "2026-10-06T11:60:00Z",
            "2026-10-06T11:30:60Z", "2026-10-06T11:30:00.Z", "2026-10-06T11:30:00+0330", "2026-10-06T11:30:00+03:30:00",
            "2026-10-06T11:30:00Zjunk", "٢٠٢٦-10-06T11:30:00Z", "2026-1O-06T11:30:00Z", "+2026-10-06T11:30:00Z",
        ])
    func refuses(_ text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
