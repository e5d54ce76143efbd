import Foundation
import HTTPClient
import Testing

/// `ExternalDuration`: a value from outside never traps and always lands in `range`.
@Suite("ExternalDuration")
struct ExternalDurationTests {
    static let now = Date(timeIntervalSince1970: 1_791_286_200)  // 2026-10-06 11:30:00 UTC

    @Test func deltaSecondsAndDatesAsBefore() {
        #expect(ExternalDuration.retryAfter("5", now: Self.now) == .seconds(5))
        #expect(ExternalDuration.retryAfter(" 2 ", now: Self.now) == .seconds(2))
        #expect(ExternalDuration.retryAfter("1.5", now: Self.now) == .milliseconds(1500))
        #expect(ExternalDuration.retryAfter("Tue, 06 Oct 2026 11:30:10 GMT", now: Self.now) == .seconds(10))
        #expect(ExternalDuration.retryAfter("soon", now: Self.now) == nil)
    }

    @Test func hostileValuesAreClampedOrRejected() {
        let max = ExternalDuration.maximum
        #expect(ExternalDuration.retryAfter("1e300", now: Self.now) == max)
        #expect(ExternalDuration.retryAfter("1e400", now: Self.now) == max)
        #expect(ExternalDuration.retryAfter("99999999999999999999999999999", now: Self.now) == max)
        #expect(ExternalDuration.retryAfter("3601", now: Self.now) == max)
        #expect(ExternalDuration.retryAfter("-1", now: Self.now) == nil)
        #expect(ExternalDuration.retryAfter("NaN", now: Self.now) == nil)
        #expect(ExternalDuration.retryAfter("inf", now: Self.now) == nil)
        #expect(ExternalDuration.retryAfter("0x10", now: Self.now) == nil)
        #expect(ExternalDuration.retryAfter("٣", now: Self.now) == nil)
        #expect(ExternalDuration.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now: Self.now) == max)
        #expect(ExternalDuration.retryAfter("Mon, 01 Jan 0001 00:00:00 GMT", now: Self.now) == .zero)
        #expect(ExternalDuration.retryAfter("Thu, 30 Feb 2026 00:00:00 GMT", now: Self.now) == nil)
        #expect(ExternalDuration.clamped(seconds: Int.max) == max)
        #expect(ExternalDuration.clamped(seconds: Int.min) == .zero)
        #expect(ExternalDuration.clamped(seconds: Double.infinity) == max)
        #expect(ExternalDuration.clamped(seconds: -Double.infinity) == .zero)
        #expect(ExternalDuration.clamped(seconds: Double.nan) == .zero)
        #expect(ExternalDuration.leadingSeconds("184467440737095516160000 s") == max)
        #expect(ExternalDuration.leadingSeconds("35") == .seconds(35))
        #expect(ExternalDuration.leadingSeconds("٣٥") == nil)
    }

    /// 12,000 crafted and random inputs through every parser: none traps, each result is in range.
    @Test func randomInputsNeverTrapAndStayInRange() {
        var random = SeededRandom(seed: 0x5107_4A7)
        let crafted = [
            "", " ", "\t", "0", "00", "1e300", "-1e300", "1e-300", "1e309", "-0", "+5", "5.", ".5", "1..2", "1e", "e5",
            "NaN", "nan", "inf", "-inf", "Infinity", "0x1p3", "0x10", "١٢٣", "۵", "５", "1_000", "1,5",
            "9" + String(repeating: "9", count: 80),
            "18446744073709551616", "9223372036854775807", "9223372036854775808", "3600", "3600.0004", "3600.0005",
            "Sun, 06 Nov 1994 08:49:37 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Sat, 01 Jan 0000 00:00:00 GMT",
            "Tue, 29 Feb 2028 23:59:60 GMT", "Tue, 06 Oct 2026 11:30:10 UTC", "Tue, 6 Oct 2026 11:30:10 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Tue, 06 Oct 2026 99:99:99 GMT",
        ]
        let pieces = [
            "0", "1", "9", "e", "E", "+", "-", ".", " ", "\t", "x", "0x", "nan", "inf", "٣", "۹", "𝟗", "½", "\u{0}",
            "999999999", "1e3", "1e300", "GMT", "Tue, ", "Feb ", "29 ", "2026 ", "23:59:59 ", "9999", ":", ",",
        ]
        var inputs = crafted
        while inputs.count < 12_000 {
            let count = random.next(upTo: 8) + 1
            inputs.append((0..<count).map { _ in pieces[random.next(upTo: pieces.count)] }.joined())
        }
        // Random numbers printed in every notation Swift has.
        for _ in 0..<2_000 {
            let value = Double(bitPattern: random.nextUInt64())
            inputs.append("\(value)")
            inputs.append(String(Int64(bitPattern: random.nextUInt64())))
        }
        var accepted = 0
        for input in inputs {
            for now in [Self.now, Date(timeIntervalSince1970: 0), Date.distantFuture, Date.distantPast] {
                let results = [
                    ExternalDuration.retryAfter(input, now: now), ExternalDuration.seconds(input),
                    ExternalDuration.httpDate(input, now: now), ExternalDuration.leadingSeconds(Substring(input)),
                ]
                for result in results.compactMap({ $0 }) {
                    accepted += 1
                    #expect(ExternalDuration.range.contains(result), "\(input.debugDescription) → \(result)")
                }
            }
        }
        for _ in 0..<2_000 {
            let int = Int(truncatingIfNeeded: random.nextUInt64())
            #expect(ExternalDuration.range.contains(ExternalDuration.clamped(seconds: int)))
            let double = Double(bitPattern: random.nextUInt64())
            #expect(ExternalDuration.range.contains(ExternalDuration.clamped(seconds: double)))
        }
        #expect(inputs.count >= 10_000)
        #expect(accepted > 1_000, "the generator should also produce values that parse")
    }
}

/// SplitMix64: reproducible randomness for property tests.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(upTo bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
}
