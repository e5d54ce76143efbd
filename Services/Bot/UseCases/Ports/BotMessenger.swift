/// The bot's outgoing Telegram port.
public protocol BotMessenger: Sendable {
    /// Sends a message, optionally with an inline keyboard (rows of buttons).
    func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) async throws
    /// Sends a message that shows (or removes) the reply keyboard.
    func send(chatId: Int64, text: String, replyKeyboard: ReplyKeyboard) async throws
    /// Answers a callback query (always, even when stale).
    func answerCallback(id: String, text: String?) async throws
    /// Answers a callback query; `showAlert` shows the text in a dialog instead of a toast.
    func answerCallback(id: String, text: String?, showAlert: Bool) async throws
}

extension BotMessenger {
    /// Messengers without dialogs answer with a toast.
    public func answerCallback(id: String, text: String?, showAlert: Bool) async throws {
        try await answerCallback(id: id, text: text)
    }
}
