/// Why a `FreeSlotSource` could not list a target's free slots.
public struct FreeSlotSourceError: Error, Sendable, Hashable {
    /// The error kind label reported in `doctor.checked` and the metrics (`timeout`,
    /// `rate_limited`, `circuit_open`, …).
    public var kind: String
    /// How long the source asked us to wait before polling this target again, if it did.
    public var retryAfter: Duration?

    /// Creates an error.
    public init(kind: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.retryAfter = retryAfter
    }
}
