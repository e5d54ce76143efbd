import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/pause`: no notices until `/resume`.
    func pauseCommand(chatId: Int64, text: BotText) async throws {
        try await store.setStatus(chatId: chatId, status: .paused)
        try await messenger.send(chatId: chatId, text: text.paused, keyboard: nil)
    }
}
