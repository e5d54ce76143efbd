import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/stats` (the router sends only admins here): counts.
    func statsCommand(chatId: Int64, text: BotText) async throws {
        let stats = try await store.stats()
        try await messenger.send(
            chatId: chatId,
            text: text.stats(
                users: stats.users, activeUsers: stats.activeUsers, subscriptions: stats.activeSubscriptions,
                targets: stats.watchedTargets, sentToday: stats.noticesToday), keyboard: nil)
    }
}
