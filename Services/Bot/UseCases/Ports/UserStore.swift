import Messaging
import Localization

/// Users: registration, status (pause, block) and language, and deletion with `/stop`.
public protocol UserStore: Sendable {
    /// Creates or refreshes a user; a new user's language comes from Telegram, an existing one keeps
    /// theirs, and the status is left alone (a `blocked` user stays blocked until `markUnblocked`).
    func upsertUser(
        chatId: Int64, userId: Int64?, username: String?, firstName: String?, language: Language
    ) async throws -> BotUser
    /// The stored user, or nil (never registered, or deleted with `/stop`).
    func user(chatId: Int64) async throws -> BotUser?
    /// The user blocked the bot: marks them `blocked` and deactivates their subscriptions; returns
    /// the targets nobody watches any more (to cancel).
    func markBlocked(chatId: Int64, reason: String) async throws -> [String]
    /// The user is back: status `active`, subscriptions active again; returns the targets that had
    /// no other active subscription (to request again).
    func markUnblocked(chatId: Int64) async throws -> [WatchTarget]
    /// Sets `active` / `paused` (`/pause`, `/resume`).
    func setStatus(chatId: Int64, status: UserStatus) async throws
    /// Sets the language.
    func setLanguage(chatId: Int64, language: Language) async throws
    /// Deletes everything about a user; returns the targets left without any subscription.
    func deleteUser(chatId: Int64) async throws -> [String]
}
