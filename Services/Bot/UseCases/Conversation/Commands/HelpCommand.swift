import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/help`: what the bot does and how.
    func helpCommand(chatId: Int64, text: BotText) async throws {
        try await messenger.send(chatId: chatId, text: text.help, keyboard: nil)
    }
}
