import Foundation
import Localization
import Messaging

/// The bot's conversation: every command, every callback, and a clear reply to anything else.
///
/// An actor because the flood guard is shared state; the bot runs as exactly one instance.
/// Handlers suspend on the store, paziresh24 and Telegram, so updates of different chats interleave;
/// the dispatcher keeps each chat's updates in order.
public actor Conversation {
    /// Settings of the conversation.
    public struct Settings: Sendable {
        /// Most subscriptions per user.
        public var maxSubscriptions: Int = 10
        /// Chat ids allowed to use `/stats`.
        public var adminChatIds: Set<Int64> = []
        /// The bot's username (to accept `/cmd@username`), if known.
        public var botUsername: String?
        /// Longest text accepted (Telegram's own message limit).
        public var maxTextLength: Int = 4096
        /// Flood guard: largest burst of messages and button taps per chat.
        public var floodBurst: Int = 8
        /// Flood guard: refill per minute.
        public var floodPerMinute: Int = 20
        /// "🔄 still free?": a slot last known free longer ago than this reads "unknown since".
        public var stillFreeStaleAfter: TimeInterval = 1800

        /// Defaults.
        public init() {}
    }

    let store: any BotStore
    let watches: WatchSync
    let directory: any DoctorDirectory
    let messenger: any BotMessenger
    /// The notifier's ledger, read to answer "still free?" (nil: every such tap reads expired).
    let notices: (any NoticeSlotStore)?
    let settings: Settings
    let onCommand: @Sendable (String) -> Void
    let onWarning: @Sendable (String, [String: String]) -> Void
    private var flood: FloodGuard
    /// The doctors offered by each chat's recent name searches (`doc:<token>` buttons).
    var picks = DoctorPicks()

    /// Creates the conversation.
    /// - Parameters:
    ///   - onCommand: called with the name of every command or input kind handled (metrics).
    ///   - watches: the bot's one `WatchSync` (shared with the reconciler), through which every watch
    ///     event goes once the change that caused it committed.
    ///   - onWarning: called when something failed that the user need not know about (a watch event
    ///     that could not be published: the reconciler publishes it later).
    public init(
        store: any BotStore, watches: WatchSync, directory: any DoctorDirectory, messenger: any BotMessenger,
        notices: (any NoticeSlotStore)? = nil, settings: Settings, onCommand: @escaping @Sendable (String) -> Void = { _ in },
        onWarning: @escaping @Sendable (String, [String: String]) -> Void = { _, _ in }
    ) {
        self.store = store
        self.watches = watches
        self.directory = directory
        self.messenger = messenger
        self.notices = notices
        self.settings = settings
        self.onCommand = onCommand
        self.onWarning = onWarning
        self.flood = FloodGuard(burst: settings.floodBurst, perMinute: settings.floodPerMinute)
    }

    /// Handles one update. Never throws for user input: store or Telegram failures are reported to
    /// the user as a generic error where possible and rethrown for the caller's logs.
    public func handle(_ event: IncomingEvent, now: Date = Date()) async throws {
        switch event {
        case .message(let message): try await handle(message, now: now)
        case .callback(let callback): try await handle(callback, now: now)
        case .membership(let change): try await handle(change)
        case .ignored: break
        }
    }

    // MARK: Messages

    private func command(in text: String, entities: [IncomingMessage.Entity]) -> ParsedCommand? {
        ParsedCommand.parse(
            text: text, entities: entities.map { ($0.type, $0.offset, $0.length) }, botUsername: settings.botUsername)
    }

    private func handle(_ message: IncomingMessage, now: Date) async throws {
        let language = Language.from(languageCode: message.languageCode)
        guard message.chatType == "private" else {
            // Answer only when addressed with a command (and not too often), so the bot doesn't chatter in groups.
            if !message.isEdited, case .text(let text, let entities) = message.content,
                command(in: text, entities: entities) != nil,
                flood.allow(chatId: message.chatId, now: now)
            {
                onCommand("group")
                try await messenger.send(chatId: message.chatId, text: BotText(language).groupChat, keyboard: nil)
            }
            return
        }
        guard flood.allow(chatId: message.chatId, now: now) else {
            onCommand("flood")
            try await messenger.send(chatId: message.chatId, text: BotText(language).flood, keyboard: nil)
            return
        }
        var user: BotUser
        do {
            user = try await store.upsertUser(
                chatId: message.chatId, userId: message.userId, username: message.username, firstName: message.firstName,
                language: language)
            if user.status == .blocked {
                // They write to us again, so they unblocked the bot: their subscriptions come back.
                try await unblock(chatId: message.chatId)
                user.status = .active
            }
        } catch {
            try await messenger.send(chatId: message.chatId, text: BotText(language).internalError, keyboard: nil)
            throw error
        }
        let text = BotText(user.language)
        if message.isEdited {
            onCommand("edited")
            try await messenger.send(chatId: message.chatId, text: text.editedIgnored, keyboard: nil)
            return
        }
        guard case .text(let body, let entities) = message.content else {
            onCommand("non_text")
            try await messenger.send(chatId: message.chatId, text: text.nonText, keyboard: nil)
            return
        }
        guard body.count <= settings.maxTextLength else {
            onCommand("too_long")
            try await messenger.send(chatId: message.chatId, text: text.tooLong, keyboard: nil)
            return
        }
        let parsed = command(in: body, entities: entities)
        let command: ParsedCommand
        if let parsed {
            command = parsed
        } else if let pressed = MainKeyboard.command(forButton: body) {
            // A main-keyboard button: exactly what its command does.
            command = pressed
        } else if Self.looksLikeProfileLink(body) {
            // A pasted doctor page is what /subscribe wants anyway.
            command = ParsedCommand(name: "subscribe", arguments: body.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            onCommand("free_text")
            try await messenger.send(chatId: message.chatId, text: text.freeText, keyboard: nil)
            return
        }
        let route = CommandRouter.route(command, isAdmin: settings.adminChatIds.contains(user.chatId))
        onCommand(route.label)
        do {
            try await run(route, user: user, text: text)
        } catch {
            try? await messenger.send(chatId: message.chatId, text: text.internalError, keyboard: nil)
            throw error
        }
    }

    /// A paziresh24 doctor page pasted without `/subscribe`.
    static func looksLikeProfileLink(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 600, !trimmed.contains(where: { $0.isWhitespace }) else { return false }
        return trimmed.lowercased().contains("paziresh24.com/dr/")
    }

    /// Runs a routed command; each command's handler is in `Commands/<Name>Command.swift`.
    private func run(_ route: CommandRoute, user: BotUser, text: BotText) async throws {
        let chatId = user.chatId
        guard case .command(let command, let arguments) = route else {
            try await messenger.send(chatId: chatId, text: text.unknownCommand, keyboard: nil)
            return
        }
        switch command {
        case .start: try await startCommand(chatId: chatId, text: text)
        case .help: try await helpCommand(chatId: chatId, text: text)
        case .subscribe: try await subscribeCommand(arguments: arguments, chatId: chatId, text: text)
        case .unsubscribe: try await unsubscribeCommand(chatId: chatId, text: text)
        case .status: try await statusCommand(chatId: chatId, user: user, text: text)
        case .filters: try await filtersCommand(arguments: arguments, chatId: chatId, text: text)
        case .pause: try await pauseCommand(chatId: chatId, text: text)
        case .resume: try await resumeCommand(chatId: chatId, text: text)
        case .language: try await languageCommand(arguments: arguments, chatId: chatId, text: text)
        case .stop: try await stopCommand(chatId: chatId, text: text)
        case .stats: try await statsCommand(chatId: chatId, text: text)
        case .menu: try await menuCommand(arguments: arguments, chatId: chatId, text: text)
        }
    }

    // MARK: Callbacks

    private func handle(_ callback: IncomingCallback, now: Date) async throws {
        // Every callback query is answered, even a stale or malformed one, so the button stops spinning.
        guard let chatId = callback.chatId, let data = callback.data else {
            onCommand("callback_without_data")
            try await messenger.answerCallback(id: callback.id, text: nil)
            return
        }
        let fallback = BotText(Language.from(languageCode: callback.languageCode))
        guard flood.allow(chatId: chatId, now: now) else {
            onCommand("flood")
            try await messenger.answerCallback(id: callback.id, text: fallback.flood)
            return
        }
        let found: BotUser?
        do {
            found = try await store.user(chatId: chatId)
        } catch {
            try? await messenger.answerCallback(id: callback.id, text: fallback.internalError)
            throw error
        }
        guard let user = found else {
            // A button from before /stop (or from a chat that never registered): nothing to act on.
            onCommand("callback_stale")
            try await messenger.answerCallback(id: callback.id, text: fallback.expired)
            return
        }
        let text = BotText(user.language)
        let answer: String?
        var alert = false
        do {
            if user.status == .blocked { try await unblock(chatId: chatId) }
            if case .stillFree(let start)? = CallbackData(decoding: data) {
                onCommand("callback_still")
                answer = try await stillFree(chatId: chatId, messageId: callback.messageId, firstSlotStart: start, text: text, now: now)
                alert = answer != text.expired
            } else {
                answer = try await callbackAction(data: data, chatId: chatId, text: text)
            }
        } catch {
            try? await messenger.answerCallback(id: callback.id, text: text.internalError)
            throw error
        }
        try await messenger.answerCallback(id: callback.id, text: answer, showAlert: alert)
    }

    /// Performs a callback's action; returns the short toast text for `answerCallbackQuery`.
    private func callbackAction(data: String, chatId: Int64, text: BotText) async throws -> String? {
        onCommand("callback_" + CallbackData.actionLabel(of: data))
        guard let callback = CallbackData(decoding: data) else { return text.expired }
        switch callback {
        case .doctor(let token):
            return try await pickDoctor(token: token, chatId: chatId, text: text)
        case .pick(let shortId):
            guard let stored = try await store.target(shortId: shortId) else { return text.expired }
            let label = text.targetLabel(
                center: stored.target.center.name, service: stored.target.service.name, isOnline: stored.target.center.isOnline)
            try await messenger.send(
                chatId: chatId, text: text.confirmSubscribe(doctor: stored.target.doctor.displayName, target: label),
                keyboard: [[.callback(text.confirm, .subscribe(shortId: shortId)), .callback(text.cancel, .cancel)]])
            return nil
        case .subscribe(let shortId):
            guard let stored = try await store.target(shortId: shortId) else { return text.expired }
            let result = try await store.subscribe(
                chatId: chatId, targetId: stored.target.id, cap: SubscriptionCap(limit: settings.maxSubscriptions))
            let doctor = stored.target.doctor.displayName
            switch result {
            case .created(let first):
                // Only the first subscriber asks the scraper to watch; if that publish fails, the
                // subscription stands and the reconciler publishes the request on its next pass.
                if first { await syncWatch(stored.target.id, cause: "subscribe") }
                let label = text.targetLabel(
                    center: stored.target.center.name, service: stored.target.service.name,
                    isOnline: stored.target.center.isOnline)
                let freeNow = try await freeNowText(targetId: stored.target.id, chatId: chatId, text: text)
                try await messenger.send(
                    chatId: chatId, text: text.subscribed(doctor: doctor, target: label, freeNow: freeNow), keyboard: nil)
                return text.done
            case .alreadySubscribed:
                try await messenger.send(chatId: chatId, text: text.alreadySubscribed(doctor: doctor), keyboard: nil)
            case .limitReached:
                try await messenger.send(chatId: chatId, text: text.subscriptionLimit(settings.maxSubscriptions), keyboard: nil)
            }
            return nil
        case .unsubscribe(let id):
            guard let removed = try await store.unsubscribe(chatId: chatId, subscriptionId: id) else { return text.expired }
            if removed.lastForTarget { await syncWatch(removed.target.id, cause: "last_unsubscribe") }
            try await messenger.send(
                chatId: chatId, text: text.unsubscribed(doctor: removed.target.doctor.displayName), keyboard: nil)
            return text.done
        case .stopConfirmed:
            let orphaned = try await store.deleteUser(chatId: chatId)
            for targetId in orphaned { await syncWatch(targetId, cause: "last_unsubscribe") }
            try await messenger.send(chatId: chatId, text: text.stopDone, keyboard: nil)
            return nil
        case .filter(let change):
            try await messenger.send(
                chatId: chatId, text: try await applyFilters(change, chatId: chatId, text: text), keyboard: nil)
            return nil
        case .subscriptionFilter(let id, let change):
            let found = try await subscriptionFilters(id, change, chatId: chatId, text: text)
            return found && change != .show ? text.done : nil
        case .language(let language):
            try await store.setLanguage(chatId: chatId, language: language)
            try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
            return nil
        case .cancel:
            return text.cancelled
        case .stillFree:
            // Answered as a dialog by `handle(_:now:)` before it gets here.
            return text.expired
        }
    }

    /// "🔄 still free?" on a notice: each of its slots' latest known state, from the ledger the
    /// notifier keeps and the checks the bot records; never a request to paziresh24.
    private func stillFree(chatId: Int64, messageId: Int64?, firstSlotStart: Int64, text: BotText, now: Date) async throws -> String {
        guard let notices else { return text.expired }
        let start = Date(timeIntervalSince1970: Double(firstSlotStart) / 1000)
        let slots = try await notices.noticeSlots(chatId: chatId, messageId: messageId, firstSlotStart: start)
        return text.stillFree(
            slots.map { ($0, SlotFreshness.decide($0, now: now, staleAfter: settings.stillFreeStaleAfter)) }, now: now)
    }

    // MARK: Membership

    private func handle(_ change: IncomingMembership) async throws {
        // Groups are never registered; only a private chat's block / unblock matters.
        guard change.chatType == "private" else { return }
        if change.botRemoved {
            onCommand("blocked")
            let orphaned = try await store.markBlocked(chatId: change.chatId, reason: "my_chat_member: \(change.newStatus)")
            for targetId in orphaned { await syncWatch(targetId, cause: "last_unsubscribe") }
        } else if change.newStatus == "member", let user = try await store.user(chatId: change.chatId), user.status == .blocked {
            onCommand("unblocked")
            try await unblock(chatId: change.chatId)
        }
    }

    private func unblock(chatId: Int64) async throws {
        for target in try await store.markUnblocked(chatId: chatId) { await syncWatch(target.id, cause: "unblocked") }
    }

    // MARK: Watch events (best effort: the reconciler heals what fails here)

    /// Publishes what the database now wants for a target whose watchers changed in a transaction
    /// that has committed. `WatchSync` decides what to publish (a later unsubscribe or subscribe in
    /// another chat may already have changed it), so two chats' events can never land out of order.
    func syncWatch(_ targetId: String, cause: String) async {
        do {
            try await watches.sync(
                targetId: targetId, cancelReason: "last_unsubscribe", correlationId: UUID().uuidString.lowercased())
        } catch {
            onWarning(
                "could not publish the watch event; the reconciler will",
                ["target_id": targetId, "cause": cause, "error": "\(error)"])
        }
    }
}
