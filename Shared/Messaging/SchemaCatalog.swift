/// Every schema of the contract and the versions this build can decode.
///
/// A consumer that meets a version outside its range dead-letters the message as
/// `unsupported_version` and keeps going; see `docs/messaging.md`.
public enum SchemaCatalog {
    /// Schema name → versions this build decodes (older ones are upcast to the newest).
    public static let supportedVersions: [String: ClosedRange<Int>] = [
        WatchRequestedV1.schema: 1...1,
        WatchCancelledV1.schema: 1...1,
        SlotFoundV1.schema: 1...1,
        SlotGoneV1.schema: 1...1,
        DoctorCheckedV1.schema: 1...1,
        NotificationSentV1.schema: 1...1,
        DeadLetterV1.schema: 1...1,
        SlotStateV1.schema: 1...1,
    ]
}
