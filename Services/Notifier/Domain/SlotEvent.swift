/// One record of the slots topic as the notifier sees it: a slot found or a slot gone. Both are
/// keyed by target id, so a target's events arrive in the order the scraper published them.
public enum SlotEvent: Sendable, Hashable {
    /// `slot.found`: a slot (a new episode) is free.
    case found(FoundSlot)
    /// `slot.gone`: an episode closed.
    case gone(GoneSlot)

    /// The watch target the event is about.
    public var targetId: String {
        switch self {
        case .found(let slot): slot.targetId
        case .gone(let slot): slot.targetId
        }
    }
}
