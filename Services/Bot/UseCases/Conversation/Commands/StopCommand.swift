import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/stop`: ask before deleting everything (the button is `CallbackData.stopConfirmed`).
    func stopCommand(chatId: Int64, text: BotText) async throws {
        try await messenger.send(
            chatId: chatId, text: text.stopConfirm,
            keyboard: [
                [
                    .callback(text.confirmDelete, .stopConfirmed), .callback(text.cancel, .cancel),
                ]
            ])
    }
}
