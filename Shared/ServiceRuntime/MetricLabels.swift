/// A validated label set, kept sorted by label name so equal sets compare equal and render alike.
struct MetricLabels: Hashable, Sendable, Comparable {
    struct Pair: Hashable, Sendable {
        let name: String
        let value: String
    }

    let pairs: [Pair]

    init(_ labels: [String: String]) {
        for name in labels.keys {
            precondition(Self.isValidLabelName(name), "invalid metric label name \"\(name)\"")
        }
        pairs = labels.keys.sorted().map { Pair(name: $0, value: labels[$0] ?? "") }
    }

    /// Orders series by their rendered label text.
    static func < (lhs: MetricLabels, rhs: MetricLabels) -> Bool {
        PrometheusText.labelText(lhs.pairs) < PrometheusText.labelText(rhs.pairs)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        isValid(name, extra: UInt8(ascii: ":")) && !name.isEmpty
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved by Prometheus).
    static func isValidLabelName(_ name: String) -> Bool {
        isValid(name, extra: nil) && !name.isEmpty && !name.hasPrefix("__")
    }

    private static func isValid(_ name: String, extra: UInt8?) -> Bool {
        for (offset, byte) in name.utf8.enumerated() {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let allowed = letter || byte == UInt8(ascii: "_") || byte == extra || (digit && offset > 0)
            if !allowed { return false }
        }
        return true
    }
}
