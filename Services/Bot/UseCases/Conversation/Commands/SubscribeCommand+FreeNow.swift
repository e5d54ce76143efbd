import Foundation
import Localization
import Messaging

extension Conversation {
    /// What is free right now at a target the user just subscribed to, from the last recorded
    /// `doctor.checked` of that target (the same view `/status` reads; no request to paziresh24):
    /// the future slots it listed, "none right now" when it listed none, or "not checked yet".
    func freeNowText(targetId: String, chatId: Int64, text: BotText) async throws -> String {
        let view = try await store.subscriptions(chatId: chatId).first { $0.target.id == targetId }
        guard let view, view.lastCheckAt != nil else { return text.notCheckedYetOnSubscribe }
        guard !view.freeSlots.isEmpty else {
            // Only failed polls so far say nothing about the slots: that is "not checked" too.
            return view.lastOutcome == .error ? text.notCheckedYetOnSubscribe : text.noFreeSlotNow
        }
        return text.freeNowOnSubscribe(view.freeSlots, total: view.freeSlotCount)
    }
}
