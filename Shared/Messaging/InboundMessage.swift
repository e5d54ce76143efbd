/// A decoded message, upcast to the newest version of its schema.
public enum InboundMessage: Sendable, Equatable {
    case watchRequested(Envelope<WatchRequestedV1>)
    case watchCancelled(Envelope<WatchCancelledV1>)
    case slotFound(Envelope<SlotFoundV1>)
    case slotGone(Envelope<SlotGoneV1>)
    case doctorChecked(Envelope<DoctorCheckedV1>)
    case notificationSent(Envelope<NotificationSentV1>)
    case deadLetter(Envelope<DeadLetterV1>)
    case slotState(Envelope<SlotStateV1>)

    /// The schema name of the message.
    public var schema: String {
        switch self {
        case .watchRequested: WatchRequestedV1.schema
        case .watchCancelled: WatchCancelledV1.schema
        case .slotFound: SlotFoundV1.schema
        case .slotGone: SlotGoneV1.schema
        case .doctorChecked: DoctorCheckedV1.schema
        case .notificationSent: NotificationSentV1.schema
        case .deadLetter: DeadLetterV1.schema
        case .slotState: SlotStateV1.schema
        }
    }
}
