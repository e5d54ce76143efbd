/// How one poll of a target went.
public enum PollOutcome: String, Sendable, Hashable {
    /// The source answered with at least one free slot.
    case ok
    /// The source answered: no free slot.
    case noSlots = "no_slots"
    /// The source could not be read.
    case error
}
