/// Rendering of the Prometheus text exposition format 0.0.4.
enum PrometheusText {
    static func appendFamily(_ family: MetricsRegistry.Family, to output: inout String) {
        output += "# HELP \(family.name) \(escapeHelp(family.help))\n"
        output += "# TYPE \(family.name) \(family.kind.rawValue)\n"
        for labels in family.series.keys.sorted() {
            guard let series = family.series[labels] else { continue }
            switch series {
            case .counter(let counter):
                output += "\(family.name)\(labelText(labels.pairs)) \(format(counter.value))\n"
            case .gauge(let gauge):
                output += "\(family.name)\(labelText(labels.pairs)) \(format(gauge.value))\n"
            case .histogram(let histogram):
                appendHistogram(family.name, labels: labels.pairs, snapshot: histogram.snapshot, to: &output)
            }
        }
    }

    private static func appendHistogram(
        _ name: String, labels: [MetricLabels.Pair], snapshot: Histogram.Snapshot, to output: inout String
    ) {
        for (bound, count) in zip(snapshot.upperBounds, snapshot.cumulativeCounts) {
            let bucketLabels = labels + [MetricLabels.Pair(name: "le", value: format(bound))]
            output += "\(name)_bucket\(labelText(bucketLabels)) \(count)\n"
        }
        let infinity = labels + [MetricLabels.Pair(name: "le", value: "+Inf")]
        output += "\(name)_bucket\(labelText(infinity)) \(snapshot.count)\n"
        output += "\(name)_sum\(labelText(labels)) \(format(snapshot.sum))\n"
        output += "\(name)_count\(labelText(labels)) \(snapshot.count)\n"
    }

    /// `{a="1",b="x"}`, or nothing for an empty set.
    static func labelText(_ pairs: [MetricLabels.Pair]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Help text escapes backslash and line feed.
    static func escapeHelp(_ help: String) -> String {
        var escaped = ""
        for character in help {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Whole numbers without a fraction (`3`, not `3.0`); `+Inf`, `-Inf`, `NaN` spelled as Prometheus does.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
