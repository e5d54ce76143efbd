/// The state of one circuit breaker, as reported for metrics.
public enum BreakerState: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Requests flow; failures are being counted.
    case closed
    /// Requests are refused with `.circuitOpen` until the cool-down ends.
    case open
    /// The cool-down ended: the next request is a probe; its outcome closes or re-opens the breaker.
    case halfOpen = "half_open"

    /// Gauge value: closed 0, half-open 1, open 2.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }

    /// `closed`, `open` or `half_open`.
    public var description: String { rawValue }
}
