import Foundation

/// The port through which `DeliverSlotBatch` counts what it does (implemented by
/// `NotifierMetrics` on Prometheus; tests pass nothing).
public protocol DeliveryMetrics: Sendable {
    /// A notice was delivered, `latency` seconds after its slot was observed.
    func sent(latency: TimeInterval)
    /// `count` notices were not sent, for `reason` (`rate_limited`, `blocked`, `rejected`).
    func suppressed(reason: String, count: Int)
    /// `count` slots (one per user and slot) were taken out of notices not yet sent because a
    /// `slot.gone` closed their episode.
    func withdrawn(count: Int)
    /// `count` slots (one per user and slot) were not sent because they were observed more than
    /// the max age ago or have passed.
    func expired(count: Int)
    /// `count` slots were folded into another slot's notice.
    func coalesced(count: Int)
    /// A `notification.sent` event could not be published.
    func eventPublishFailed()
    /// Recording a Telegram answer in the ledger failed and is retried.
    func recordRetried()
}
