import Foundation

/// Matches a batch of found slots against subscribers and coalesces the result into one
/// notice per (user, target): slots of one doctor that arrive together become one message.
public enum SlotMatcher {
    /// Returns the notices for a batch, ordered by chat then target.
    public static func notices(
        for slots: [FoundSlot], subscribers: [Subscriber], now: Date
    ) -> [Notice] {
        let byTarget = Dictionary(grouping: subscribers, by: \.targetId)
        struct Group {
            var first: FoundSlot
            var slots: [SlotPeriod: Date]
            var subscriber: Subscriber
            /// The price of the latest-observed slot that carried one.
            var price: (observedAt: Date, rial: Int64)?
        }
        var groups: [NoticeGroupKey: Group] = [:]
        for event in slots {
            let facts = SlotFacts(event.slot, isOnline: event.center.isOnline)
            for subscriber in byTarget[event.targetId] ?? [] where subscriber.filters.accepts(facts, now: now) {
                let key = NoticeGroupKey(chatId: subscriber.chatId, targetId: event.targetId)
                var group = groups[key] ?? Group(first: event, slots: [:], subscriber: subscriber)
                let observed = group.slots[event.slot].map { min($0, event.observedAt) } ?? event.observedAt
                group.slots[event.slot] = observed
                if let rial = event.onlinePriceRial, group.price.map({ $0.observedAt <= event.observedAt }) ?? true {
                    group.price = (event.observedAt, rial)
                }
                groups[key] = group
            }
        }
        return groups.sorted { ($0.key.chatId, $0.key.targetId) < ($1.key.chatId, $1.key.targetId) }.map { _, group in
            Notice(
                chatId: group.subscriber.chatId, language: group.subscriber.language, targetId: group.first.targetId,
                doctor: group.first.doctor, center: group.first.center, bookingURL: group.first.bookingURL,
                slots: Array(group.slots.keys), observedAt: group.slots.values.min() ?? group.first.observedAt,
                onlinePriceRial: group.price?.rial)
        }
    }

    private struct NoticeGroupKey: Hashable {
        var chatId: Int64
        var targetId: String
    }
}
