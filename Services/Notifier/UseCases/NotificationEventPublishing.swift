import Foundation

/// The port for `notification.sent` events (implemented by `KafkaNotificationEvents`).
public protocol NotificationEventPublishing: Sendable {
    /// Publishes `notification.sent` for a delivered notice.
    func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws
}
