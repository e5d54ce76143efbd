/// The Kafka topics of SlotHunter. Every topic is named `smartwhale.data.*`.
///
/// | topic | key | schemas |
/// |---|---|---|
/// | `smartwhale.data.watches` | watch-target id | `watch.requested` v1, `watch.cancelled` v1 (compacted: the latest per key is the truth) |
/// | `smartwhale.data.slots` | watch-target id | `slot.found` v1, `slot.gone` v1 |
/// | `smartwhale.data.checks` | watch-target id | `doctor.checked` v1 |
/// | `smartwhale.data.notifications` | chat id | `notification.sent` v1 |
/// | `smartwhale.data.deadletter` | source topic + partition + offset | `dead.letter` v1 |
/// | `smartwhale.data.slot-state` | watch-target id | `slot.state` v1 (compacted; partitioned like the watches: same partition number as the target's watch record) |
public enum Topic {
    /// Watch requests and cancellations from the bot to the scraper.
    public static let watches = "smartwhale.data.watches"
    /// Free slots that appeared (`slot.found`) and were taken (`slot.gone`), scraper to notifier.
    public static let slots = "smartwhale.data.slots"
    /// The outcome of every poll of a watch target.
    public static let checks = "smartwhale.data.checks"
    /// One event per notice delivered to a user.
    public static let notifications = "smartwhale.data.notifications"
    /// Messages a consumer could not process, with the reason.
    public static let deadLetter = "smartwhale.data.deadletter"
    /// The scraper's durable per-target slot state (`slot.state`), written to the partition of the
    /// target's watch record and restored on assignment; the scraper's only store.
    public static let slotState = "smartwhale.data.slot-state"

    /// Every topic SlotHunter uses, in a stable order.
    public static let all = [watches, slots, checks, notifications, deadLetter, slotState]

    /// Per-topic configuration a broker should apply when the topic is created.
    public static func brokerConfig(for topic: String) -> [String: String] {
        switch topic {
        case watches, slotState: return ["cleanup.policy": "compact"]
        case deadLetter: return ["retention.ms": String(30 * 24 * 3600 * 1000)]
        default: return [:]
        }
    }
}
