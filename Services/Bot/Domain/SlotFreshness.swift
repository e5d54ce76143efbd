import Foundation

/// The latest known state of a notice's slot, decided from stored facts only (no request to
/// paziresh24): what the "🔄 still free?" button answers.
public enum SlotFreshness: Sendable, Equatable {
    /// A `slot.gone` closed its episode; `noticedAt` is when the scraper first missed it.
    case taken(noticedAt: Date)
    /// It has started (a free day: it has ended).
    case passed
    /// Free as of `checkedAt`: the last successful poll of its target (or the poll that found it,
    /// if no later one is recorded), recent enough, with no failed poll since.
    case free(checkedAt: Date)
    /// Not known now: the last poll failed, or the last good one is older than the staleness bound;
    /// `since` is the last time it was known free.
    case unknown(since: Date)

    /// Decides a slot's state at `now`. In order: taken (a gone row wins, even for a passed slot:
    /// it says more), passed, then free or unknown by the last time the slot was known free — the
    /// later of its observation and the target's last successful poll, as polls list every free
    /// slot and a taken one would have produced a gone row. A failed poll after that, or that time
    /// older than `staleAfter`, makes it unknown since then.
    ///
    /// What "poll" means: every direct poll of the target (getFreeDays/getFreeTurns) publishes
    /// `doctor.checked`, which the bot records in `target_checks`; a search probe does not (it only
    /// triggers a poll), and with probing a target is still polled at least every sweep interval.
    public static func decide(_ slot: NoticeSlot, now: Date, staleAfter: TimeInterval) -> SlotFreshness {
        if let goneAt = slot.goneAt { return .taken(noticedAt: goneAt) }
        if slot.isDay ? slot.end <= now : slot.start <= now { return .passed }
        let knownFree = max(slot.observedAt, slot.lastSuccessAt ?? slot.observedAt)
        if let lastCheck = slot.lastCheckAt, lastCheck > knownFree { return .unknown(since: knownFree) }
        if now.timeIntervalSince(knownFree) > staleAfter { return .unknown(since: knownFree) }
        return .free(checkedAt: knownFree)
    }
}
