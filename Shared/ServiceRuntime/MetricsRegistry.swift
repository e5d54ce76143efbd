import Synchronization

/// The metrics of one process, rendered in the Prometheus text exposition format 0.0.4.
///
/// A metric family is identified by its name; each distinct label set is one series. Asking twice
/// for the same name and labels returns the same object, so callers may look series up on the fly.
/// Misuse that is a programming error (invalid names, one name used with two types) stops the
/// process with a message, like the reference Prometheus clients.
public final class MetricsRegistry: Sendable {
    /// Content type of `render()`'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    enum Series: Sendable {
        case counter(Counter)
        case gauge(Gauge)
        case histogram(Histogram)
    }

    struct Family: Sendable {
        let name: String
        let help: String
        let kind: Kind
        let buckets: [Double]
        var series: [MetricLabels: Series] = [:]
    }

    private let families = Mutex<[String: Family]>([:])

    /// An empty registry.
    public init() {}

    /// The counter series `name{labels}`, created on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        let series = series(name, help: help, kind: .counter, buckets: [], labels: labels) { _ in .counter(Counter()) }
        guard case .counter(let counter) = series else { preconditionFailure("metric \(name) is not a counter") }
        return counter
    }

    /// The gauge series `name{labels}`, created on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        let series = series(name, help: help, kind: .gauge, buckets: [], labels: labels) { _ in .gauge(Gauge()) }
        guard case .gauge(let gauge) = series else { preconditionFailure("metric \(name) is not a gauge") }
        return gauge
    }

    /// The histogram series `name{labels}`, created on first use. `buckets` are finite upper bounds
    /// (sorted and de-duplicated here; `+Inf` is implicit); the first registration of a name fixes them.
    public func histogram(
        _ name: String, help: String, buckets: [Double] = Histogram.defaultBuckets, labels: [String: String] = [:]
    ) -> Histogram {
        precondition(labels["le"] == nil, "histogram \(name): label name \"le\" is reserved")
        let bounds = Array(Set(buckets.filter(\.isFinite))).sorted()
        let series = series(name, help: help, kind: .histogram, buckets: bounds, labels: labels) { family in
            .histogram(Histogram(upperBounds: family.buckets))
        }
        guard case .histogram(let histogram) = series else { preconditionFailure("metric \(name) is not a histogram") }
        return histogram
    }

    /// Every family, sorted by name, each series sorted by labels, in text format 0.0.4.
    public func render() -> String {
        let snapshot = families.withLock { $0 }
        var output = ""
        for name in snapshot.keys.sorted() {
            guard let family = snapshot[name] else { continue }
            PrometheusText.appendFamily(family, to: &output)
        }
        return output
    }

    private func series(
        _ name: String, help: String, kind: Kind, buckets: [Double], labels: [String: String],
        make: (Family) -> Series
    ) -> Series {
        precondition(MetricLabels.isValidMetricName(name), "invalid metric name \"\(name)\"")
        let key = MetricLabels(labels)
        return families.withLock { families in
            var family = families[name] ?? Family(name: name, help: help, kind: kind, buckets: buckets)
            precondition(
                family.kind == kind, "metric \(name) is registered as a \(family.kind.rawValue), not a \(kind.rawValue)"
            )
            if let existing = family.series[key] { return existing }
            let created = make(family)
            family.series[key] = created
            families[name] = family
            return created
        }
    }
}
