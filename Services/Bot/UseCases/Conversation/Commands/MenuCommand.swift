import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/menu`: the main keyboard again; `/menu off` (the «بستن منو» button): take it away.
    func menuCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        if arguments.lowercased() == MainKeyboard.hideArgument {
            try await messenger.send(chatId: chatId, text: text.menuHidden, replyKeyboard: .remove)
        } else {
            try await messenger.send(chatId: chatId, text: text.menuShown, replyKeyboard: MainKeyboard.keyboard(text))
        }
    }
}
