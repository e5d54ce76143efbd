import Foundation

/// Reads typed configuration from environment variables and fails with a `ConfigurationError`
/// that names the variable and says why.
///
/// A variable set to an empty (or all-blank) value counts as unset, so `FOO=` in a compose file
/// falls back to the default. Values are trimmed of surrounding whitespace.
public struct EnvironmentReader: Sendable {
    /// The variables read, by name.
    public let environment: [String: String]

    /// Creates a reader over `environment` (the process environment by default; tests pass a dictionary).
    public init(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The trimmed value of `name`, or nil when unset or blank.
    public func optionalString(_ name: String) -> String? {
        guard let raw = environment[name] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether `name` is set to a non-blank value.
    public func isSet(_ name: String) -> Bool {
        optionalString(name) != nil
    }

    /// The value of `name`; `defaultValue` when unset; an error naming the variable when unset without default.
    public func string(_ name: String, default defaultValue: String? = nil) throws(ConfigurationError) -> String {
        if let value = optionalString(name) { return value }
        if let defaultValue { return defaultValue }
        throw Self.missing(name)
    }

    /// An integer, optionally restricted to `range`.
    public func int(
        _ name: String, default defaultValue: Int? = nil, range: ClosedRange<Int>? = nil
    ) throws(ConfigurationError) -> Int {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        let expectation = "expected an integer" + Self.describe(range)
        guard let value = Int(text), range?.contains(value) ?? true else {
            throw Self.invalid(name, expectation, got: text)
        }
        return value
    }

    /// A finite number, optionally restricted to `range`.
    public func double(
        _ name: String, default defaultValue: Double? = nil, range: ClosedRange<Double>? = nil
    ) throws(ConfigurationError) -> Double {
        try number(name, default: defaultValue, expectation: "expected a number" + Self.describe(range)) {
            range?.contains($0) ?? true
        }
    }

    /// A finite number strictly greater than `lowerBound`, e.g. a rate that must be > 0.
    public func double(
        _ name: String, default defaultValue: Double? = nil, greaterThan lowerBound: Double
    ) throws(ConfigurationError) -> Double {
        try number(name, default: defaultValue, expectation: "expected a number > \(Self.format(lowerBound))") {
            $0 > lowerBound
        }
    }

    /// A boolean: `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off` (any case).
    public func bool(_ name: String, default defaultValue: Bool? = nil) throws(ConfigurationError) -> Bool {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw Self.invalid(name, "expected true or false", got: text)
        }
    }

    /// A comma-separated (or `separator`-separated) list; items trimmed, empty items dropped.
    public func list(
        _ name: String, default defaultValue: [String]? = nil, separator: Character = ","
    ) throws(ConfigurationError) -> [String] {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        let items = text.split(separator: separator)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard !items.isEmpty else {
            throw Self.invalid(name, "expected a list separated by \"\(separator)\"", got: text)
        }
        return items
    }

    /// One of the cases of a string-backed enumeration, matched case-insensitively (e.g. `LOG_LEVEL`).
    public func choice<T: RawRepresentable & CaseIterable>(
        _ name: String, default defaultValue: T? = nil, as type: T.Type = T.self
    ) throws(ConfigurationError) -> T where T.RawValue == String {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        if let match = T.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
            return match
        }
        let names = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw Self.invalid(name, "expected one of \(names)", got: text)
    }

    // MARK: - Helpers shared by the typed readers

    private func number(
        _ name: String, default defaultValue: Double?, expectation: String, accept: (Double) -> Bool
    ) throws(ConfigurationError) -> Double {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        guard let value = Double(text), value.isFinite, accept(value) else {
            throw Self.invalid(name, expectation, got: text)
        }
        return value
    }

    static func missing(_ name: String, hint: String = "") -> ConfigurationError {
        ConfigurationError(code: .missing, variable: name, reason: "required but not set" + hint)
    }

    /// `expected ..., got "value"`, the value passed through log redaction (a URL's password never shows).
    static func invalid(_ name: String, _ expectation: String, got text: String) -> ConfigurationError {
        ConfigurationError(code: .invalid, variable: name, reason: "\(expectation), got \(quoted(text))")
    }

    static func quoted(_ text: String) -> String {
        let redacted = Logger.redact(text)
        let escaped = redacted.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    static func describe(_ range: ClosedRange<Int>?) -> String {
        guard let range else { return "" }
        switch (range.lowerBound == Int.min, range.upperBound == Int.max) {
        case (true, true): return ""
        case (false, true): return " >= \(range.lowerBound)"
        case (true, false): return " <= \(range.upperBound)"
        case (false, false): return " in \(range.lowerBound)...\(range.upperBound)"
        }
    }

    static func describe(_ range: ClosedRange<Double>?) -> String {
        guard let range else { return "" }
        switch (range.lowerBound.isFinite, range.upperBound.isFinite) {
        case (false, false): return ""
        case (true, false): return " >= \(format(range.lowerBound))"
        case (false, true): return " <= \(format(range.upperBound))"
        case (true, true): return " in \(format(range.lowerBound))...\(format(range.upperBound))"
        }
    }

    /// `1` rather than `1.0` for whole numbers.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
