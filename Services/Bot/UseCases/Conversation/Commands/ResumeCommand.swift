import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/resume`: notices again.
    func resumeCommand(chatId: Int64, text: BotText) async throws {
        try await store.setStatus(chatId: chatId, status: .active)
        try await messenger.send(chatId: chatId, text: text.resumed, keyboard: nil)
    }
}
