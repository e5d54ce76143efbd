import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/status`: every subscription with its filters and the last check of its target.
    func statusCommand(chatId: Int64, user: BotUser, text: BotText) async throws {
        let subscriptions = try await store.subscriptions(chatId: chatId)
        guard !subscriptions.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noSubscriptions, keyboard: nil)
            return
        }
        var lines = [text.statusHeader]
        if user.status == .paused { lines.append(text.statusPaused) }
        for view in subscriptions {
            lines.append("")
            lines.append("👨‍⚕️ \(text.doctorName(view.target.doctor.displayName))")
            lines.append(
                text.targetLabel(
                    center: view.target.center.name, service: view.target.service.name, isOnline: view.target.center.isOnline))
            lines.append(
                text.filtersSummary(
                    days: view.windowDays, mode: view.mode, hourFrom: view.hourFrom, hourTo: view.hourTo, weekdays: view.weekdays)
            )
            if let at = view.lastCheckAt, let outcome = view.lastOutcome {
                lines.append(text.lastCheck(at: at, outcome: outcome))
                lines.append(text.freeNow(view.freeSlots, total: view.freeSlotCount))
            } else {
                lines.append(text.neverChecked)
            }
        }
        try await messenger.send(chatId: chatId, text: lines.joined(separator: "\n"), keyboard: nil)
    }
}
