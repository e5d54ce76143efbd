/// The last poll of each target, for `/status`.
public protocol CheckStore: Sendable {
    /// Records the outcome of a poll; an older check than the stored one changes nothing, a check of
    /// an unknown target is dropped, and a failed poll keeps the earliest slots of the last good one.
    func recordCheck(_ check: TargetCheck) async throws
}
