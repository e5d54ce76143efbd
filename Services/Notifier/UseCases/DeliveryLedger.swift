import Foundation

/// The port to the delivery ledger: one row per (user, target, slot start, episode), `pending`
/// until Telegram's answer is recorded as `sent`, `failed` or — decided by the notifier —
/// `suppressed` (held back by the per-user limit), `withdrawn` (its episode is gone) or `expired`;
/// and the episodes known to be gone (`slot.gone`), which no notice may list when it is sent.
///
/// The per-user limit's bucket states live behind this port too: claiming rows and taking tokens
/// must be one atomic step (one transaction in PostgreSQL) so that replicas never double-spend a
/// token nor send a slot twice. The rules are the domain's (`ClaimCandidate`, `PerUserLimit`,
/// `StillFreeOffer`); implementations only load, lock and save their state.
public protocol DeliveryLedger: Sendable {
    /// Claims the notices, atomically:
    /// - a (user, slot episode) never seen before is inserted `pending` (`LedgerSlotState.fresh`);
    ///   one already `pending` (a crash between sending and recording) is claimed again
    ///   (`.reclaimed`); one settled (`sent`, `suppressed`, `failed`, `withdrawn`, `expired`) is dropped;
    /// - claimed slots whose episode is recorded gone are marked `withdrawn` (they pay no token);
    /// - the (user, doctor) buckets of `limit.bucketKeys(for:)` are created (`initialState`) if
    ///   missing and locked, `limit.decide` runs, and the new states are saved;
    /// - the slots of suppressed notices are recorded `suppressed` with reason `rate_limited`;
    /// - each notice to send carries its user's held-back slots for the same target
    ///   (`StillFreeOffer`): those offered are marked `pending` with reason `offered` (so a crash
    ///   offers them again), gone ones `withdrawn`, passed ones `expired`.
    func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult

    /// Marks the slots of the sent notices `sent` (one statement for all of them).
    func markSent(_ sent: [SentNotice]) async throws

    /// Marks a notice's slots `failed` with a reason (a permanent Telegram refusal).
    func markFailed(_ notice: Notice, reason: String) async throws

    /// Marks the notices' slots `withdrawn` or `expired` (checked just before sending).
    func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws

    /// Records that these episodes are gone (idempotent): from now on no claim, offer or send lists them.
    func recordGone(_ slots: [GoneSlot]) async throws

    /// Which of `keys` are recorded gone (one lookup, for the check just before a send).
    func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey>

    /// Forgets gone episodes of slots that ended before `cutoff` (they can never be sent anyway);
    /// returns how many.
    func purgeGone(endedBefore cutoff: Date) async throws -> Int
}
