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

        /// Defaults.
        public init() {}
    }

    let store: any BotStore
    let watches: WatchSync
    let directory: any DoctorDirectory
    let messenger: any BotMessenger
    let settings: Settings
    let onCommand: @Sendable (String) -> Void
    let onWarning: @Sendable (String, [String: String]) -> Void
    private var flood: FloodGuard

    /// Creates the conversation.
    /// - Parameters:
    ///   - onCommand: called with the name of every command or input kind handled (metrics).
    ///   - watches: the bot's one `WatchSync` (shared with the reconciler), through which every watch
    ///     event goes once the change that caused it committed.
    ///   - onWarning: called when something failed that the user need not know about (a watch event
    ///     that could not be published: the reconciler publishes it later).
    public init(
        store: any BotStore, watches: WatchSync, directory: any DoctorDirectory, messenger: any BotMessenger,
        settings: Settings, onCommand: @escaping @Sendable (String) -> Void = { _ in },
        onWarning: @escaping @Sendable (String, [String: String]) -> Void = { _, _ in }
    ) {
        self.store = store
        self.watches = watches
        self.directory = directory
        self.messenger = messenger
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
        } else if Self.looksLikeProfileLink(body) {
            // A pasted doctor page is what /subscribe wants anyway.
            command = ParsedCommand(name: "subscribe", arguments: body.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            onCommand("free_text")
            try await messenger.send(chatId: message.chatId, text: text.freeText, keyboard: nil)
            return
        }
        let isAdminOnly = command.name == "stats" && !settings.adminChatIds.contains(user.chatId)
        onCommand(Self.knownCommands.contains(command.name) && !isAdminOnly ? command.name : "unknown")
        do {
            try await run(command, user: user, text: text)
        } catch {
            try? await messenger.send(chatId: message.chatId, text: text.internalError, keyboard: nil)
            throw error
        }
    }

    static let knownCommands: Set<String> = [
        "start", "help", "subscribe", "unsubscribe", "status", "filters", "pause", "resume", "stop", "language", "stats",
    ]

    /// A paziresh24 doctor page pasted without `/subscribe`.
    static func looksLikeProfileLink(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 600, !trimmed.contains(where: { $0.isWhitespace }) else { return false }
        return trimmed.lowercased().contains("paziresh24.com/dr/")
    }

    private func run(_ command: ParsedCommand, user: BotUser, text: BotText) async throws {
        let chatId = user.chatId
        switch command.name {
        case "start":
            try await messenger.send(chatId: chatId, text: text.welcome, keyboard: nil)
        case "help":
            try await messenger.send(chatId: chatId, text: text.help, keyboard: nil)
        case "subscribe":
            try await subscribe(arguments: command.arguments, chatId: chatId, text: text)
        case "unsubscribe":
            let subscriptions = try await store.subscriptions(chatId: chatId)
            guard !subscriptions.isEmpty else {
                try await messenger.send(chatId: chatId, text: text.noSubscriptions, keyboard: nil)
                return
            }
            var rows = subscriptions.map { view in
                [
                    KeyboardButton.callback(
                        text.unsubscribeLabel(
                            doctor: view.target.doctor.displayName, center: view.target.center.name,
                            isOnline: view.target.center.isOnline), "unsub:\(view.id)")
                ]
            }
            rows.append([.callback(text.cancel, "cancel")])
            try await messenger.send(chatId: chatId, text: text.chooseUnsubscribe, keyboard: rows)
        case "status":
            try await status(chatId: chatId, user: user, text: text)
        case "filters":
            try await filters(arguments: command.arguments, chatId: chatId, text: text)
        case "pause":
            try await store.setStatus(chatId: chatId, status: .paused)
            try await messenger.send(chatId: chatId, text: text.paused, keyboard: nil)
        case "resume":
            try await store.setStatus(chatId: chatId, status: .active)
            try await messenger.send(chatId: chatId, text: text.resumed, keyboard: nil)
        case "language":
            let choice = command.arguments.lowercased()
            guard
                let language = Language(rawValue: choice) ?? (choice == "فارسی" ? .persian : choice == "english" ? .english : nil)
            else {
                try await messenger.send(
                    chatId: chatId, text: text.languageUsage,
                    keyboard: [
                        [
                            .callback("فارسی", "lang:fa"), .callback("English", "lang:en"),
                        ]
                    ])
                return
            }
            try await store.setLanguage(chatId: chatId, language: language)
            try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
        case "stop":
            try await messenger.send(
                chatId: chatId, text: text.stopConfirm,
                keyboard: [
                    [
                        .callback(text.confirmDelete, "stop:yes"), .callback(text.cancel, "cancel"),
                    ]
                ])
        case "stats" where settings.adminChatIds.contains(chatId):
            let stats = try await store.stats()
            try await messenger.send(
                chatId: chatId,
                text: text.stats(
                    users: stats.users, activeUsers: stats.activeUsers, subscriptions: stats.activeSubscriptions,
                    targets: stats.watchedTargets, sentToday: stats.noticesToday), keyboard: nil)
        default:
            // Unknown commands, and /stats from anyone but an admin (it must not reveal that it exists).
            try await messenger.send(chatId: chatId, text: text.unknownCommand, keyboard: nil)
        }
    }

    private func subscribe(arguments: String, chatId: Int64, text: BotText) async throws {
        guard !arguments.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.subscribeUsage, keyboard: nil)
            return
        }
        let resolved: (doctor: DoctorRef, targets: [WatchTarget])
        do {
            resolved = try await directory.resolve(arguments)
        } catch {
            let reply: String
            switch error {
            case .malformedInput: reply = text.malformedLink
            case .notFound: reply = text.doctorNotFound
            case .unavailable: reply = text.sourceUnavailable
            }
            try await messenger.send(chatId: chatId, text: reply, keyboard: nil)
            return
        }
        guard !resolved.targets.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noBookableService, keyboard: nil)
            return
        }
        let stored = try await store.saveDoctor(resolved.doctor, targets: resolved.targets)
        var rows = stored.map { item in
            [
                KeyboardButton.callback(
                    text.targetLabel(
                        center: item.target.center.name, service: item.target.service.name, isOnline: item.target.center.isOnline),
                    "pick:\(item.shortId)")
            ]
        }
        rows.append([.callback(text.cancel, "cancel")])
        try await messenger.send(chatId: chatId, text: text.chooseTarget(doctor: resolved.doctor.displayName), keyboard: rows)
    }

    private func status(chatId: Int64, user: BotUser, text: BotText) async throws {
        let subscriptions = try await store.subscriptions(chatId: chatId)
        guard !subscriptions.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noSubscriptions, keyboard: nil)
            return
        }
        var lines = [text.statusHeader]
        if user.status == .paused { lines.append(text.statusPaused) }
        for view in subscriptions {
            lines.append("")
            lines.append("👨‍⚕️ \(text.doctorName(view.target.doctor.displayName))")
            lines.append(
                text.targetLabel(
                    center: view.target.center.name, service: view.target.service.name, isOnline: view.target.center.isOnline))
            lines.append(
                text.filtersSummary(
                    days: view.windowDays, mode: view.mode, hourFrom: view.hourFrom, hourTo: view.hourTo, weekdays: view.weekdays)
            )
            if let at = view.lastCheckAt, let outcome = view.lastOutcome {
                lines.append(text.lastCheck(at: at, outcome: outcome))
                lines.append(text.freeNow(view.freeSlots, total: view.freeSlotCount))
            } else {
                lines.append(text.neverChecked)
            }
        }
        try await messenger.send(chatId: chatId, text: lines.joined(separator: "\n"), keyboard: nil)
    }

    /// The quick-choice keyboard of `/filters`; each button carries `flt:<arguments of /filters>`.
    static func filtersKeyboard(_ text: BotText) -> [[KeyboardButton]] {
        [
            [7, 14, 30].map { KeyboardButton.callback(text.filterDaysButton($0), "flt:days \($0)") },
            [
                .callback(text.filterModeButton(.online), "flt:mode online"),
                .callback(text.filterModeButton(.inPerson), "flt:mode inperson"),
                .callback(text.filterModeButton(.any), "flt:mode any"),
            ],
            [.callback(text.filterResetButton, "flt:reset")],
        ]
    }

    private func filters(arguments: String, chatId: Int64, text: BotText) async throws {
        guard let change = FilterCommand.parse(arguments) else {
            try await messenger.send(chatId: chatId, text: text.filtersInvalid + "\n\n" + text.filtersUsage, keyboard: nil)
            return
        }
        if change == .show {
            var reply = text.filtersUsage
            if let first = try await store.subscriptions(chatId: chatId).first {
                reply =
                    text.filtersSummary(
                        days: first.windowDays, mode: first.mode, hourFrom: first.hourFrom, hourTo: first.hourTo,
                        weekdays: first.weekdays)
                    + "\n\n" + reply
            }
            try await messenger.send(chatId: chatId, text: reply, keyboard: Self.filtersKeyboard(text))
            return
        }
        try await messenger.send(chatId: chatId, text: try await applyFilters(change, chatId: chatId, text: text), keyboard: nil)
    }

    /// Stores a filter change; returns the reply (saved, with the new filters, or "no subscriptions").
    private func applyFilters(_ change: FilterCommand, chatId: Int64, text: BotText) async throws -> String {
        guard try await store.updateFilters(chatId: chatId, change) > 0 else { return text.filtersNoSubscriptions }
        guard let first = try await store.subscriptions(chatId: chatId).first else { return text.filtersSaved }
        return text.filtersSaved + "\n"
            + text.filtersSummary(
                days: first.windowDays, mode: first.mode, hourFrom: first.hourFrom, hourTo: first.hourTo, weekdays: first.weekdays
            )
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
        do {
            if user.status == .blocked { try await unblock(chatId: chatId) }
            answer = try await callbackAction(data: data, chatId: chatId, text: text)
        } catch {
            try? await messenger.answerCallback(id: callback.id, text: text.internalError)
            throw error
        }
        try await messenger.answerCallback(id: callback.id, text: answer)
    }

    /// Performs a callback's action; returns the short toast text for `answerCallbackQuery`.
    private func callbackAction(data: String, chatId: Int64, text: BotText) async throws -> String? {
        let parts = data.split(separator: ":", maxSplits: 1).map(String.init)
        let action = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1] : ""
        onCommand("callback_" + (Self.knownCallbacks.contains(action) ? action : "unknown"))
        switch action {
        case "pick":
            guard let shortId = Int64(argument), let stored = try await store.target(shortId: shortId) else {
                return text.expired
            }
            let label = text.targetLabel(
                center: stored.target.center.name, service: stored.target.service.name, isOnline: stored.target.center.isOnline)
            try await messenger.send(
                chatId: chatId, text: text.confirmSubscribe(doctor: stored.target.doctor.displayName, target: label),
                keyboard: [[.callback(text.confirm, "sub:\(shortId)"), .callback(text.cancel, "cancel")]])
            return nil
        case "sub":
            guard let shortId = Int64(argument), let stored = try await store.target(shortId: shortId) else {
                return text.expired
            }
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
                try await messenger.send(chatId: chatId, text: text.subscribed(doctor: doctor, target: label), keyboard: nil)
                return text.done
            case .alreadySubscribed:
                try await messenger.send(chatId: chatId, text: text.alreadySubscribed(doctor: doctor), keyboard: nil)
            case .limitReached:
                try await messenger.send(chatId: chatId, text: text.subscriptionLimit(settings.maxSubscriptions), keyboard: nil)
            }
            return nil
        case "unsub":
            guard let id = Int64(argument), let removed = try await store.unsubscribe(chatId: chatId, subscriptionId: id) else {
                return text.expired
            }
            if removed.lastForTarget { await syncWatch(removed.target.id, cause: "last_unsubscribe") }
            try await messenger.send(
                chatId: chatId, text: text.unsubscribed(doctor: removed.target.doctor.displayName), keyboard: nil)
            return text.done
        case "stop" where argument == "yes":
            let orphaned = try await store.deleteUser(chatId: chatId)
            for targetId in orphaned { await syncWatch(targetId, cause: "last_unsubscribe") }
            try await messenger.send(chatId: chatId, text: text.stopDone, keyboard: nil)
            return nil
        case "flt":
            guard let change = FilterCommand.parse(argument), change != .show else { return text.expired }
            try await messenger.send(
                chatId: chatId, text: try await applyFilters(change, chatId: chatId, text: text), keyboard: nil)
            return nil
        case "lang":
            guard let language = Language(rawValue: argument) else { return text.expired }
            try await store.setLanguage(chatId: chatId, language: language)
            try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
            return nil
        case "cancel":
            return text.cancelled
        default:
            return text.expired
        }
    }

    static let knownCallbacks: Set<String> = ["pick", "sub", "unsub", "stop", "flt", "lang", "cancel"]

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
    private func syncWatch(_ targetId: String, cause: String) async {
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
