import Foundation

extension EnvironmentReader {
    /// The unit of a duration written as a bare number.
    public enum DurationUnit: Sendable, Hashable {
        /// `500` means 500 ms.
        case milliseconds
        /// `30` means 30 s.
        case seconds

        var name: String {
            switch self {
            case .milliseconds: "milliseconds"
            case .seconds: "seconds"
            }
        }
    }

    /// A non-negative duration: a bare number in `unit`, or a number with a suffix
    /// `ms`, `s`, `m` or `h` (`250ms`, `1.5s`, `5m`, `1h`); optionally restricted to `range`.
    public func duration(
        _ name: String, default defaultValue: Duration? = nil, unit: DurationUnit = .milliseconds,
        range: ClosedRange<Duration>? = nil
    ) throws(ConfigurationError) -> Duration {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        var expectation = "expected a duration such as 500ms, 30s, 5m or a number of \(unit.name)"
        if let range {
            expectation += " between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))"
        }
        guard let value = Self.parseDuration(text, unit: unit), range?.contains(value) ?? true else {
            throw Self.invalid(name, expectation, got: text)
        }
        return value
    }

    static func parseDuration(_ text: String, unit: DurationUnit) -> Duration? {
        let lowered = text.lowercased()
        let suffixes: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(lowered)
        var secondsPerUnit = unit == .milliseconds ? 0.001 : 1
        for (suffix, seconds) in suffixes where lowered.hasSuffix(suffix) {
            number = lowered.dropLast(suffix.count)
            secondsPerUnit = seconds
            break
        }
        let digits = number.trimmingCharacters(in: .whitespaces)
        guard let amount = Double(digits), amount.isFinite, amount >= 0 else { return nil }
        let seconds = amount * secondsPerUnit
        guard seconds * 1e9 < Double(Int64.max) / 2 else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// `250ms`, `30s`, `1.5s`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        if seconds == 0 { return "\(milliseconds)ms" }
        if milliseconds == 0 { return "\(seconds)s" }
        return "\(format(Double(seconds) + Double(milliseconds) / 1000))s"
    }
}
