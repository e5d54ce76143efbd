import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/unsubscribe`: a keyboard of the user's subscriptions, each button removing one.
    func unsubscribeCommand(chatId: Int64, text: BotText) async throws {
        let subscriptions = try await store.subscriptions(chatId: chatId)
        guard !subscriptions.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noSubscriptions, keyboard: nil)
            return
        }
        var rows = subscriptions.map { view in
            [
                KeyboardButton.callback(
                    text.unsubscribeLabel(
                        doctor: view.target.doctor.displayName, center: view.target.center.name,
                        isOnline: view.target.center.isOnline), .unsubscribe(subscriptionId: view.id))
            ]
        }
        rows.append([.callback(text.cancel, .cancel)])
        try await messenger.send(chatId: chatId, text: text.chooseUnsubscribe, keyboard: rows)
    }
}
