import Foundation
import Localization
import Messaging

extension Conversation {
    /// The quick-choice keyboard of `/filters`; each button carries `flt:<arguments of /filters>`.
    static func filtersKeyboard(_ text: BotText) -> [[KeyboardButton]] {
        [
            [7, 14, 30].map { KeyboardButton.callback(text.filterDaysButton($0), .filter(.days($0))) },
            [
                .callback(text.filterModeButton(.online), .filter(.mode(.online))),
                .callback(text.filterModeButton(.inPerson), .filter(.mode(.inPerson))),
                .callback(text.filterModeButton(.any), .filter(.mode(.any))),
            ],
            [.callback(text.filterResetButton, .filter(.reset))],
        ]
    }

    /// `/filters [change]`: show the filters with quick-choice buttons, or apply a change.
    func filtersCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        guard let change = FilterCommand.parse(arguments) else {
            try await messenger.send(chatId: chatId, text: text.filtersInvalid + "\n\n" + text.filtersUsage, keyboard: nil)
            return
        }
        if change == .show {
            var reply = text.filtersUsage
            if let first = try await store.subscriptions(chatId: chatId).first {
                reply =
                    text.filtersSummary(
                        days: first.windowDays, mode: first.mode, hourFrom: first.hourFrom, hourTo: first.hourTo,
                        weekdays: first.weekdays)
                    + "\n\n" + reply
            }
            try await messenger.send(chatId: chatId, text: reply, keyboard: Self.filtersKeyboard(text))
            return
        }
        try await messenger.send(chatId: chatId, text: try await applyFilters(change, chatId: chatId, text: text), keyboard: nil)
    }

    /// Stores a filter change; returns the reply (saved, with the new filters, or "no subscriptions").
    func applyFilters(_ change: FilterCommand, chatId: Int64, text: BotText) async throws -> String {
        guard try await store.updateFilters(chatId: chatId, change) > 0 else { return text.filtersNoSubscriptions }
        guard let first = try await store.subscriptions(chatId: chatId).first else { return text.filtersSaved }
        return text.filtersSaved + "\n"
            + text.filtersSummary(
                days: first.windowDays, mode: first.mode, hourFrom: first.hourFrom, hourTo: first.hourTo, weekdays: first.weekdays
            )
    }
}
