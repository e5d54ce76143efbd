import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/start`: the welcome, with the main keyboard.
    func startCommand(chatId: Int64, text: BotText) async throws {
        try await messenger.send(chatId: chatId, text: text.welcome, replyKeyboard: MainKeyboard.keyboard(text))
    }
}
