/// Which appointments a subscription wants (`subscriptions.mode`).
public enum SubscriptionMode: String, Sendable, Equatable, CaseIterable {
    /// Online and in-person alike.
    case any
    /// Online (video or phone) visits only.
    case online
    /// Visits at the clinic only.
    case inPerson = "in_person"
}
