import Foundation

/// The port to the delivery ledger: one row per (user, target, slot start), `pending` until
/// Telegram's answer is recorded as `sent`, `failed` or — decided at claim time — `suppressed`.
///
/// The per-user limit's bucket states live behind this port too: claiming rows and taking tokens
/// must be one atomic step (one transaction in PostgreSQL) so that replicas never double-spend a
/// token nor send a slot twice. The rule itself is `PerUserLimit`; implementations only load,
/// lock and save its state.
public protocol DeliveryLedger: Sendable {
    /// Claims the notices, atomically:
    /// - a (user, slot) never seen before is inserted `pending` (`LedgerSlotState.fresh`); one
    ///   already `pending` (a crash between sending and recording) is claimed again (`.reclaimed`);
    ///   one `sent`/`suppressed`/`failed` is dropped;
    /// - the (user, doctor) buckets of `limit.bucketKeys(for:)` are created (`initialState`) if
    ///   missing and locked, `limit.decide` runs, and the new states are saved;
    /// - the slots of suppressed notices are recorded `suppressed` with reason `rate_limited`.
    func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult

    /// Marks the slots of the sent notices `sent` (one statement for all of them).
    func markSent(_ sent: [SentNotice]) async throws

    /// Marks a notice's slots `failed` with a reason (a permanent Telegram refusal).
    func markFailed(_ notice: Notice, reason: String) async throws
}
