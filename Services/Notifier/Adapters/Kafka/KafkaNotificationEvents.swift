import EventBus
import Foundation
import Messaging
import NotifierDomain

/// `notification.sent` on Kafka, keyed by chat id.
public struct KafkaNotificationEvents: NotificationEventPublishing {
    let bus: BusPublisher

    /// Creates the adapter.
    public init(bus: BusPublisher) {
        self.bus = bus
    }

    public func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {
        let latency = Int((sentAt.timeIntervalSince(notice.observedAt) * 1000).rounded())
        try await bus.publish(
            NotificationSentV1(
                chatId: notice.chatId, targetId: notice.targetId, slotStarts: notice.slots.map(\.start),
                telegramMessageId: telegramMessageId, latencyMs: max(0, latency), sentAt: sentAt),
            topic: Topic.notifications, key: String(notice.chatId), correlationId: notice.targetId, occurredAt: sentAt)
    }
}
