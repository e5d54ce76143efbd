/// One change to the watch list, as read from this replica's partitions.
public enum WatchListChange: Sendable, Hashable {
    /// Someone watches `target` (adds it, or replaces it with newer details).
    case requested(ScrapeTarget)
    /// Nobody watches the target any more.
    case cancelled(targetId: String)
}
