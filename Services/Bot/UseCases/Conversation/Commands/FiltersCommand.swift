import Foundation
import Localization
import Messaging

extension Conversation {
    /// The quick-choice keyboard of `/filters` (each button `flt:<arguments of /filters>`), or of one
    /// subscription's filters (`sflt:<id>:<arguments>`).
    static func filtersKeyboard(_ text: BotText, subscriptionId: Int64? = nil) -> [[KeyboardButton]] {
        func button(_ label: String, _ change: FilterCommand) -> KeyboardButton {
            .callback(label, subscriptionId.map { .subscriptionFilter(subscriptionId: $0, change) } ?? .filter(change))
        }
        return [
            [7, 14, 30].map { button(text.filterDaysButton($0), .days($0)) },
            [
                button(text.filterModeButton(.online), .mode(.online)),
                button(text.filterModeButton(.inPerson), .mode(.inPerson)),
                button(text.filterModeButton(.any), .mode(.any)),
            ],
            [button(text.filterResetButton, .reset)],
        ]
    }

    /// `/filters [change]`: show the filters with quick-choice buttons, or apply a change to every
    /// subscription; `/filters <subscription id> [change]` does the same for that subscription alone.
    func filtersCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        guard let request = FilterRequest.parse(arguments) else {
            try await messenger.send(chatId: chatId, text: text.filtersInvalid + "\n\n" + text.filtersUsage, keyboard: nil)
            return
        }
        if case .subscription(let id) = request.scope {
            try await subscriptionFilters(id, request.change, chatId: chatId, text: text)
            return
        }
        let change = request.change
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

    /// One subscription's filters (from `/status`'s «⚙️ فیلتر» button or `/filters <id> …`): `.show`
    /// them with quick choices and how to type a change, or apply `change` to that subscription only.
    /// Returns whether the subscription was found.
    @discardableResult
    func subscriptionFilters(_ id: Int64, _ change: FilterCommand, chatId: Int64, text: BotText) async throws -> Bool {
        guard let filters = try await store.updateFilters(chatId: chatId, subscriptionId: id, change),
            let view = try await store.subscriptions(chatId: chatId).first(where: { $0.id == id })
        else {
            try await messenger.send(chatId: chatId, text: text.subscriptionNotFound, keyboard: nil)
            return false
        }
        let summary = text.filtersSummary(
            days: filters.windowDays, mode: filters.mode, hourFrom: filters.hourFrom, hourTo: filters.hourTo,
            weekdays: filters.weekdays)
        let target = text.targetLabel(
            center: view.target.center.name, service: view.target.service.name, isOnline: view.target.center.isOnline)
        if change == .show {
            let reply = [
                text.subscriptionFiltersHeader(doctor: view.target.doctor.displayName, target: target), summary, "",
                text.subscriptionFiltersUsage(id: id),
            ].joined(separator: "\n")
            try await messenger.send(chatId: chatId, text: reply, keyboard: Self.filtersKeyboard(text, subscriptionId: id))
        } else {
            let reply = [text.subscriptionFiltersSaved, "👨‍⚕️ " + text.doctorName(view.target.doctor.displayName), target, summary]
                .joined(separator: "\n")
            try await messenger.send(chatId: chatId, text: reply, keyboard: nil)
        }
        return true
    }
}
