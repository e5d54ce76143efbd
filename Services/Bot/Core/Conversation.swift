import Foundation
import Localization
import Messaging

/// The bot's conversation: every command, every callback, and a clear reply to anything else.
///
/// An actor because the flood guard is shared state; the bot runs as exactly one instance.
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
        /// Flood guard: burst and refill per minute.
        public var floodBurst: Int = 8
        public var floodPerMinute: Int = 20

        /// Defaults.
        public init() {}
    }

    let store: any BotStore
    let watches: any WatchPublishing
    let directory: any DoctorDirectory
    let messenger: any BotMessenger
    let settings: Settings
    let onCommand: @Sendable (String) -> Void
    private var flood: FloodGuard

    /// Creates the conversation.
    public init(
        store: any BotStore, watches: any WatchPublishing, directory: any DoctorDirectory, messenger: any BotMessenger,
        settings: Settings, onCommand: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.watches = watches
        self.directory = directory
        self.messenger = messenger
        self.settings = settings
        self.onCommand = onCommand
        self.flood = FloodGuard(burst: settings.floodBurst, perMinute: settings.floodPerMinute)
    }

    /// Handles one update. Never throws for user input: store or Telegram failures are reported to
    /// the user as a generic error where possible and rethrown for the caller's logs.
    public func handle(_ event: IncomingEvent, now: Date = Date()) async throws {
        switch event {
        case .message(let message): try await handle(message, now: now)
        case .callback(let callback): try await handle(callback)
        case .ignored: break
        }
    }

    // MARK: Messages

    private func handle(_ message: IncomingMessage, now: Date) async throws {
        let language = Language.from(languageCode: message.languageCode)
        guard message.chatType == "private" else {
            // Answer only when addressed with a command, so the bot doesn't chatter in groups.
            if case .text(let text, let entities) = message.content,
                ParsedCommand.parse(text: text, entities: entities.map { ($0.type, $0.offset, $0.length) }, botUsername: settings.botUsername) != nil
            {
                try await messenger.send(chatId: message.chatId, text: BotText(language).groupChat, keyboard: nil)
            }
            return
        }
        guard flood.allow(chatId: message.chatId, now: now) else {
            onCommand("flood")
            try await messenger.send(chatId: message.chatId, text: BotText(language).flood, keyboard: nil)
            return
        }
        let user: BotUser
        do {
            user = try await store.upsertUser(
                chatId: message.chatId, userId: message.userId, username: message.username, firstName: message.firstName,
                language: language)
        } catch {
            try await messenger.send(chatId: message.chatId, text: BotText(language).internalError, keyboard: nil)
            throw error
        }
        let text = BotText(user.language)
        if message.isEdited {
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
        guard let command = ParsedCommand.parse(text: body, entities: entities.map { ($0.type, $0.offset, $0.length) }, botUsername: settings.botUsername)
        else {
            onCommand("free_text")
            try await messenger.send(chatId: message.chatId, text: text.freeText, keyboard: nil)
            return
        }
        onCommand(Self.knownCommands.contains(command.name) ? command.name : "unknown")
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
            let rows = subscriptions.map { view in
                [KeyboardButton.callback("❌ \(view.target.doctor.displayName) · \(view.target.center.name)", "unsub:\(view.id)")]
            }
            try await messenger.send(chatId: chatId, text: text.chooseUnsubscribe, keyboard: rows)
        case "status":
            try await status(chatId: chatId, user: user, text: text)
        case "filters":
            try await filters(arguments: command.arguments, chatId: chatId, text: text)
        case "pause":
            try await store.setStatus(chatId: chatId, status: "paused")
            try await messenger.send(chatId: chatId, text: text.paused, keyboard: nil)
        case "resume":
            try await store.setStatus(chatId: chatId, status: "active")
            try await messenger.send(chatId: chatId, text: text.resumed, keyboard: nil)
        case "language":
            let choice = command.arguments.lowercased()
            guard let language = Language(rawValue: choice) ?? (choice == "فارسی" ? .persian : choice == "english" ? .english : nil) else {
                try await messenger.send(chatId: chatId, text: text.languageUsage, keyboard: [[
                    .callback("فارسی", "lang:fa"), .callback("English", "lang:en"),
                ]])
                return
            }
            try await store.setLanguage(chatId: chatId, language: language)
            try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
        case "stop":
            try await messenger.send(chatId: chatId, text: text.stopConfirm, keyboard: [[
                .callback(text.confirm, "stop:yes"), .callback(text.cancel, "cancel"),
            ]])
        case "stats" where settings.adminChatIds.contains(chatId):
            let stats = try await store.stats()
            try await messenger.send(
                chatId: chatId,
                text: text.stats(
                    users: stats.users, activeUsers: stats.activeUsers, subscriptions: stats.activeSubscriptions,
                    targets: stats.watchedTargets, sentToday: stats.noticesToday), keyboard: nil)
        default:
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
            [KeyboardButton.callback(
                text.targetLabel(center: item.target.center.name, service: item.target.service.name, isOnline: item.target.center.isOnline),
                "pick:\(item.shortId)")]
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
        if user.status == "paused" { lines.append(text.statusPaused) }
        for view in subscriptions {
            lines.append("")
            lines.append("👨‍⚕️ \(view.target.doctor.displayName)")
            lines.append(text.targetLabel(center: view.target.center.name, service: view.target.service.name, isOnline: view.target.center.isOnline))
            lines.append(text.filtersSummary(days: view.windowDays, mode: view.mode, hourFrom: view.hourFrom, hourTo: view.hourTo, weekdays: view.weekdays))
            if let at = view.lastCheckAt, let outcome = view.lastOutcome {
                lines.append(text.lastCheck(at: at, outcome: outcome))
                lines.append(text.freeNow(view.freeSlots))
            } else {
                lines.append(text.neverChecked)
            }
        }
        try await messenger.send(chatId: chatId, text: lines.joined(separator: "\n"), keyboard: nil)
    }

    private func filters(arguments: String, chatId: Int64, text: BotText) async throws {
        guard let change = FilterCommand.parse(arguments) else {
            try await messenger.send(chatId: chatId, text: text.filtersInvalid + "\n\n" + text.filtersUsage, keyboard: nil)
            return
        }
        if change == .show {
            var reply = text.filtersUsage
            if let first = try await store.subscriptions(chatId: chatId).first {
                reply = text.filtersSummary(days: first.windowDays, mode: first.mode, hourFrom: first.hourFrom, hourTo: first.hourTo, weekdays: first.weekdays)
                    + "\n\n" + reply
            }
            try await messenger.send(chatId: chatId, text: reply, keyboard: nil)
            return
        }
        try await store.updateFilters(chatId: chatId, change)
        try await messenger.send(chatId: chatId, text: text.filtersSaved, keyboard: nil)
    }

    // MARK: Callbacks

    private func handle(_ callback: IncomingCallback) async throws {
        // Every callback query is answered, even a stale or malformed one, so the button stops spinning.
        let answer: String?
        guard let chatId = callback.chatId, let data = callback.data else {
            try await messenger.answerCallback(id: callback.id, text: nil)
            return
        }
        let language = Language.from(languageCode: callback.languageCode)
        let user: BotUser
        do {
            user = try await store.upsertUser(chatId: chatId, userId: callback.userId, username: nil, firstName: nil, language: language)
        } catch {
            try? await messenger.answerCallback(id: callback.id, text: BotText(language).internalError)
            throw error
        }
        let text = BotText(user.language)
        do {
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
        switch action {
        case "pick":
            guard let shortId = Int64(argument), let stored = try await store.target(shortId: shortId) else { return text.expired }
            let label = text.targetLabel(center: stored.target.center.name, service: stored.target.service.name, isOnline: stored.target.center.isOnline)
            try await messenger.send(
                chatId: chatId, text: text.confirmSubscribe(doctor: stored.target.doctor.displayName, target: label),
                keyboard: [[.callback(text.confirm, "sub:\(shortId)"), .callback(text.cancel, "cancel")]])
            return nil
        case "sub":
            guard let shortId = Int64(argument), let stored = try await store.target(shortId: shortId) else { return text.expired }
            let result = try await store.subscribe(chatId: chatId, targetId: stored.target.id, maxSubscriptions: settings.maxSubscriptions)
            let doctor = stored.target.doctor.displayName
            switch result {
            case .created(let first):
                // Publish on the first subscription; republishing is harmless (latest per key wins), so
                // also publish when unsure — the reconciler does the same at start-up.
                if first { try await watches.requested(stored.target, correlationId: UUID().uuidString.lowercased()) }
                let label = text.targetLabel(center: stored.target.center.name, service: stored.target.service.name, isOnline: stored.target.center.isOnline)
                try await messenger.send(chatId: chatId, text: text.subscribed(doctor: doctor, target: label), keyboard: nil)
            case .alreadySubscribed:
                try await messenger.send(chatId: chatId, text: text.alreadySubscribed(doctor: doctor), keyboard: nil)
            case .limitReached:
                try await messenger.send(chatId: chatId, text: text.subscriptionLimit(settings.maxSubscriptions), keyboard: nil)
            }
            return nil
        case "unsub":
            guard let id = Int64(argument), let removed = try await store.unsubscribe(chatId: chatId, subscriptionId: id) else { return text.expired }
            if removed.lastForTarget {
                try await watches.cancelled(targetId: removed.target.id, reason: "last_unsubscribe", correlationId: UUID().uuidString.lowercased())
            }
            try await messenger.send(chatId: chatId, text: text.unsubscribed(doctor: removed.target.doctor.displayName), keyboard: nil)
            return nil
        case "stop" where argument == "yes":
            let orphaned = try await store.deleteUser(chatId: chatId)
            for targetId in orphaned {
                try await watches.cancelled(targetId: targetId, reason: "last_unsubscribe", correlationId: UUID().uuidString.lowercased())
            }
            try await messenger.send(chatId: chatId, text: text.stopDone, keyboard: nil)
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
}
