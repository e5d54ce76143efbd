import Telegram

/// `BotMessenger` over the Telegram Bot API. Replies are plain text (no parse mode), so whatever a
/// user typed is echoed safely.
public struct TelegramBotMessenger: BotMessenger {
    let api: any TelegramBotAPI

    /// Creates the adapter.
    public init(api: any TelegramBotAPI) {
        self.api = api
    }

    public func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) async throws {
        let markup = keyboard.map { rows in
            InlineKeyboardMarkup(rows.map { row in
                row.map { button in
                    button.url.map { InlineKeyboardButton.url(button.text, $0) }
                        ?? InlineKeyboardButton.callback(button.text, data: button.callbackData ?? "noop")
                }
            })
        }
        // Telegram refuses texts over 4,096 characters: cut rather than fail.
        let body = text.count > 4096 ? String(text.prefix(4090)) + " …" : text
        var attempt = 0
        while true {
            do {
                _ = try await api.sendMessage(chatID: chatId, text: body, replyMarkup: markup, linkPreviewOptions: .disabled)
                return
            } catch {
                attempt += 1
                guard error.isRetriable, attempt < 5 else { throw error }
                let delay = error.retryAfter ?? .milliseconds(250 * (1 << attempt))
                try await Task.sleep(for: delay)
            }
        }
    }

    public func answerCallback(id: String, text: String?) async throws {
        do {
            try await api.answerCallbackQuery(id: id, text: text)
        } catch {
            // A stale query (older than Telegram keeps them) answers 400: nothing left to do.
            if case .badRequest = error.kind { return }
            throw error
        }
    }
}
