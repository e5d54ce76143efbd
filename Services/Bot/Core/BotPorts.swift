import Foundation
import Localization
import Messaging

/// A user as the bot stores them.
public struct BotUser: Sendable, Equatable {
    /// Telegram chat id (private chat = user id).
    public var chatId: Int64
    /// Preferred language.
    public var language: Language
    /// `active`, `paused` or `blocked` (they blocked the bot).
    public var status: String

    /// Creates a user.
    public init(chatId: Int64, language: Language, status: String) {
        self.chatId = chatId
        self.language = language
        self.status = status
    }
}

/// A watch target with the short number used in callback data.
public struct StoredTarget: Sendable, Equatable {
    /// Short id (fits the 64-byte `callback_data`).
    public var shortId: Int64
    /// The target.
    public var target: WatchTarget

    /// Creates a stored target.
    public init(shortId: Int64, target: WatchTarget) {
        self.shortId = shortId
        self.target = target
    }
}

/// One subscription as `/status` and `/unsubscribe` show it.
public struct SubscriptionView: Sendable, Equatable {
    /// Subscription id (used in `unsub:<id>` callback data).
    public var id: Int64
    /// What is watched.
    public var target: WatchTarget
    /// Filter: only slots in the next N days.
    public var windowDays: Int
    /// Filter: `any`, `online` or `in_person`.
    public var mode: String
    /// Filter: first Tehran hour.
    public var hourFrom: Int
    /// Filter: end Tehran hour (exclusive).
    public var hourTo: Int
    /// Filter: bitmask of JavaScript weekdays (0 = Sunday).
    public var weekdays: Int
    /// When the target was last checked, if ever.
    public var lastCheckAt: Date?
    /// `ok`, `no_slots` or `error`.
    public var lastOutcome: String?
    /// The earliest free slots the last successful check listed (future ones only).
    public var freeSlots: [Date]
    /// How many free slots that check counted (may exceed `freeSlots`, which holds only the earliest).
    public var freeSlotCount: Int

    /// Creates a view.
    public init(
        id: Int64, target: WatchTarget, windowDays: Int, mode: String, hourFrom: Int, hourTo: Int, weekdays: Int,
        lastCheckAt: Date?, lastOutcome: String?, freeSlots: [Date], freeSlotCount: Int? = nil
    ) {
        self.id = id
        self.target = target
        self.windowDays = windowDays
        self.mode = mode
        self.hourFrom = hourFrom
        self.hourTo = hourTo
        self.weekdays = weekdays
        self.lastCheckAt = lastCheckAt
        self.lastOutcome = lastOutcome
        self.freeSlots = freeSlots
        self.freeSlotCount = max(freeSlotCount ?? freeSlots.count, freeSlots.count)
    }
}

/// Result of a subscribe attempt.
public enum SubscribeResult: Sendable, Equatable {
    /// Created; `firstForTarget` means nobody watched the target before (publish `watch.requested`).
    case created(firstForTarget: Bool)
    /// The user already watches this target.
    case alreadySubscribed
    /// The user is at the subscription limit.
    case limitReached
}

/// Counts for `/stats`.
public struct BotStats: Sendable, Equatable {
    /// Registered users.
    public var users: Int
    /// Users neither paused nor blocked.
    public var activeUsers: Int
    /// Active subscriptions.
    public var activeSubscriptions: Int
    /// Targets with at least one active subscription.
    public var watchedTargets: Int
    /// Notices sent in the last 24 hours.
    public var noticesToday: Int

    /// Creates stats.
    public init(users: Int, activeUsers: Int, activeSubscriptions: Int, watchedTargets: Int, noticesToday: Int) {
        self.users = users
        self.activeUsers = activeUsers
        self.activeSubscriptions = activeSubscriptions
        self.watchedTargets = watchedTargets
        self.noticesToday = noticesToday
    }
}

/// The bot's persistence port (PostgreSQL in production, an actor in unit tests).
public protocol BotStore: Sendable {
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
    /// Stores a doctor and every bookable (center, service) as targets; returns them with short ids.
    func saveDoctor(_ doctor: DoctorRef, targets: [WatchTarget]) async throws -> [StoredTarget]
    /// Looks up a target by short id.
    func target(shortId: Int64) async throws -> StoredTarget?
    /// Subscribes a user to a target, within the per-user limit.
    func subscribe(chatId: Int64, targetId: String, maxSubscriptions: Int) async throws -> SubscribeResult
    /// The user's subscriptions with the last check of each target.
    func subscriptions(chatId: Int64) async throws -> [SubscriptionView]
    /// Removes a subscription; returns its target and whether it was the target's last active subscription.
    func unsubscribe(chatId: Int64, subscriptionId: Int64) async throws -> (target: WatchTarget, lastForTarget: Bool)?
    /// Sets `active` / `paused`.
    func setStatus(chatId: Int64, status: String) async throws
    /// Sets the language.
    func setLanguage(chatId: Int64, language: Language) async throws
    /// Applies a filter change to every subscription of the user; returns how many it changed.
    func updateFilters(chatId: Int64, _ change: FilterCommand) async throws -> Int
    /// Deletes everything about a user; returns the targets left without any subscription.
    func deleteUser(chatId: Int64) async throws -> [String]
    /// Every target with at least one active subscription (for the reconciler).
    func activeTargets() async throws -> [WatchTarget]
    /// Targets that have no active subscription left (for the reconciler to cancel).
    func orphanedTargetIds() async throws -> [String]
    /// Counts for `/stats`.
    func stats() async throws -> BotStats
    /// Records the outcome of a poll (from `doctor.checked`).
    func recordCheck(_ check: DoctorCheckedV1) async throws
}

/// What the database wants `smartwhale.data.watches` to say about one target.
public enum DesiredWatch: Sendable, Equatable {
    /// At least one active subscription: `watch.requested` with the target's details.
    case watched(WatchTarget)
    /// No active subscription (or no such target): `watch.cancelled`.
    case unwatched
}

/// The database side of `WatchSync`: a target's desired watch state, read under that target's lock.
public protocol WatchStateStore: Sendable {
    /// Takes the target's watch lock, which every bot process honours (not only this one), reads the
    /// target's desired state as committed at that moment, runs `body` with it, and releases the lock
    /// only once `body` returned or threw. Two calls for the same target never overlap.
    func withWatchLock(targetId: String, _ body: (DesiredWatch) async throws -> Void) async throws
}

/// Publishes watch requests and cancellations on the watches topic. Each call returns once the
/// broker acknowledged the message. Only `WatchSync` calls it (see there why).
public protocol WatchPublishing: Sendable {
    /// `watch.requested` for a target.
    func requested(_ target: WatchTarget, correlationId: String) async throws
    /// `watch.cancelled` for a target id.
    func cancelled(targetId: String, reason: String, correlationId: String) async throws
}

/// A button of an inline keyboard.
public struct KeyboardButton: Sendable, Equatable {
    /// Label.
    public var text: String
    /// Callback data (≤ 64 bytes), or nil for a URL button.
    public var callbackData: String?
    /// URL to open.
    public var url: String?

    /// A callback button.
    public static func callback(_ text: String, _ data: String) -> KeyboardButton {
        KeyboardButton(text: text, callbackData: data, url: nil)
    }

    /// A URL button.
    public static func link(_ text: String, _ url: String) -> KeyboardButton {
        KeyboardButton(text: text, callbackData: nil, url: url)
    }
}

/// The bot's outgoing Telegram port.
public protocol BotMessenger: Sendable {
    /// Sends a message, optionally with an inline keyboard (rows of buttons).
    func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) async throws
    /// Answers a callback query (always, even when stale).
    func answerCallback(id: String, text: String?) async throws
}

/// Resolves doctors on paziresh24 (the scraper's client module, read-only).
public protocol DoctorDirectory: Sendable {
    /// Resolves a slug or profile URL to the doctor and every bookable target.
    func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget])
}

/// Why a doctor could not be resolved.
public enum DoctorLookupError: Error, Sendable, Equatable {
    /// Input is not a paziresh24 doctor URL or slug.
    case malformedInput
    /// No such doctor.
    case notFound
    /// paziresh24 failed or is unreachable.
    case unavailable
}
