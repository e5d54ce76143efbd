import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/status`: every subscription, numbered, with its filters and the last check of its target, and a
    /// «⚙️ فیلتر N» button per subscription for its own filters.
    func statusCommand(chatId: Int64, user: BotUser, text: BotText) async throws {
        let subscriptions = try await store.subscriptions(chatId: chatId)
        guard !subscriptions.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noSubscriptions, keyboard: nil)
            return
        }
        var lines = [text.statusHeader]
        if user.status == .paused { lines.append(text.statusPaused) }
        for (index, view) in subscriptions.enumerated() {
            lines.append("")
            lines.append("\(text.listNumber(index + 1)) 👨‍⚕️ \(text.doctorName(view.target.doctor.displayName))")
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
        // A «⚙️ فیلتر N» button per subscription, numbered as the list: its filters alone.
        let buttons = subscriptions.enumerated().map { index, view in
            KeyboardButton.callback(
                text.subscriptionFilterButton(number: index + 1), .subscriptionFilter(subscriptionId: view.id, .show))
        }
        let rows = stride(from: 0, to: buttons.count, by: 3).map { Array(buttons[$0..<min($0 + 3, buttons.count)]) }
        try await messenger.send(chatId: chatId, text: lines.joined(separator: "\n"), keyboard: rows)
    }
}
