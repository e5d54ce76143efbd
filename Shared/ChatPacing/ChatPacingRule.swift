import Foundation

/// The reservation arithmetic of per-chat pacing: a chat is free again `interval` after the later
/// of its previous reservation and now, and a send may start at the earlier of those.
///
/// The same rule runs in memory (`InMemoryChatPacing`) and as one SQL statement
/// (`PostgresChatPacing`), so the bot and the notifier, in any number of replicas, share one
/// schedule per chat.
public enum ChatPacingRule {
    /// Added to the configured interval by the services: a send is reserved when its request
    /// starts, and Telegram counts it when the request arrives, assumed within this long (as
    /// `SendPacer`'s anchor limit). Two sends to one chat then arrive at least the interval apart.
    public static let arrivalAllowance: TimeInterval = 0.25

    /// The instant a send reserved at `now` may start, and the instant the chat is free after it.
    /// `nextFree` is the chat's previous `nextFree` (nil for a chat never reserved).
    public static func reserve(nextFree: Date?, now: Date, interval: TimeInterval) -> (sendAt: Date, nextFree: Date) {
        let sendAt = max(nextFree ?? now, now)
        return (sendAt, sendAt.addingTimeInterval(max(0, interval)))
    }
}
