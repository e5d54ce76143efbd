import BotDomain
import ChatPacing
import Telegram

/// `BotMessenger` over the Telegram Bot API. Replies are plain text (no parse mode), so whatever a
/// user typed is echoed safely.
///
/// Every message waits for its chat's turn in `pacing` (shared with the notifier) before each
/// attempt, so the bot's replies and the notices together keep Telegram's one message per second
/// per chat; a callback answer is not a chat message and is not paced.
public struct TelegramBotMessenger: BotMessenger {
    let api: any TelegramBotAPI
    let pacing: (any ChatPacing)?
    let on429: @Sendable () -> Void

    /// Telegram's limit on a message text, in UTF-16 code units.
    static let maxTextLength = 4096
    /// Telegram's limit on a callback answer's text.
    static let maxAnswerLength = 200

    /// Creates the adapter; `on429` counts Telegram's 429 answers to messages.
    public init(api: any TelegramBotAPI, pacing: (any ChatPacing)? = nil, on429: @escaping @Sendable () -> Void = {}) {
        self.api = api
        self.pacing = pacing
        self.on429 = on429
    }

    public func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) async throws {
        let markup = keyboard.map { rows in
            InlineKeyboardMarkup(
                rows.map { row in
                    row.map { button in
                        button.url.map { InlineKeyboardButton.url(button.text, $0) }
                            ?? InlineKeyboardButton.callback(button.text, data: button.callbackData ?? "noop")
                    }
                })
        }
        try await send(chatId: chatId, text: text, markup: markup.map(ReplyMarkup.inlineKeyboard))
    }

    public func send(chatId: Int64, text: String, replyKeyboard: ReplyKeyboard) async throws {
        try await send(chatId: chatId, text: text, markup: Self.markup(replyKeyboard))
    }

    /// The Bot API form of a reply keyboard: resized to its rows and persistent (it stays until the
    /// user taps "hide menu"), or its removal.
    static func markup(_ keyboard: ReplyKeyboard) -> ReplyMarkup {
        switch keyboard {
        case .show(let rows, let placeholder):
            .replyKeyboard(
                ReplyKeyboardMarkup(
                    keyboard: rows.map { $0.map(ReplyKeyboardButton.init) }, isPersistent: true, resizeKeyboard: true,
                    inputFieldPlaceholder: placeholder))
        case .remove:
            .removeKeyboard(ReplyKeyboardRemove())
        }
    }

    private func send(chatId: Int64, text: String, markup: ReplyMarkup?) async throws {
        let body = Self.fitting(text, limit: Self.maxTextLength)
        var attempt = 0
        while true {
            try await pacing?.waitForTurn(chatId: chatId)
            do {
                _ = try await api.sendMessage(chatID: chatId, text: body, markup: markup, linkPreviewOptions: .disabled)
                return
            } catch {
                if case .tooManyRequests = error.kind { on429() }
                attempt += 1
                guard error.isRetriable, attempt < 5 else { throw error }
                let delay = error.retryAfter ?? .milliseconds(250 * (1 << attempt))
                try await Task.sleep(for: delay)
            }
        }
    }

    public func answerCallback(id: String, text: String?) async throws {
        try await answerCallback(id: id, text: text, showAlert: false)
    }

    public func answerCallback(id: String, text: String?, showAlert: Bool) async throws {
        let toast = text.map { Self.fitting($0, limit: Self.maxAnswerLength) }
        var attempt = 0
        while true {
            do {
                try await api.answerCallbackQuery(id: id, text: toast, showAlert: showAlert ? true : nil)
                return
            } catch {
                // A stale query (older than Telegram keeps them) answers 400: nothing left to do.
                if case .badRequest = error.kind { return }
                // A query goes stale within seconds, so only a couple of quick retries are worth it.
                attempt += 1
                guard error.isRetriable, attempt < 3 else { throw error }
                try await Task.sleep(for: min(error.retryAfter ?? .milliseconds(300 * attempt), .seconds(2)))
            }
        }
    }

    /// `text` cut (on a character boundary, with an ellipsis) so that Telegram accepts it: its limits
    /// count UTF-16 code units, not characters.
    static func fitting(_ text: String, limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var used = 0
        let suffix = " …"
        for character in text {
            let size = character.utf16.count
            guard used + size + suffix.utf16.count <= limit else { break }
            result.append(character)
            used += size
        }
        return result + suffix
    }
}
