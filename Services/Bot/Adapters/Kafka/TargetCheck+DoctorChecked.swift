import BotDomain
import Messaging

extension TargetCheck {
    /// The domain's view of a `doctor.checked` event: the wire type stops here.
    public init(_ event: DoctorCheckedV1) {
        let outcome: CheckOutcome
        switch event.outcome {
        case .ok: outcome = .ok
        case .noSlots: outcome = .noSlots
        case .error: outcome = .error
        }
        self.init(
            targetId: event.targetId, checkedAt: event.checkedAt, outcome: outcome, errorKind: event.errorKind,
            freeSlotCount: event.freeSlotCount, earliestSlots: event.earliestSlots ?? [], durationMs: event.durationMs)
    }
}
