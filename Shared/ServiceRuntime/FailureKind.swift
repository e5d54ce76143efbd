/// Whether a failed operation may pass by itself, which decides between waiting and giving up.
public enum FailureKind: Sendable, Hashable {
    /// A dependency is away (connection refused, server shutting down, timeout): wait and retry,
    /// however long it lasts; the record is not at fault.
    case transient
    /// The same input fails the same way every time (a constraint, a trigger, a value the database
    /// refuses): retry for a bounded time, then give the record up.
    case permanent
}
