/// Why a message could not be decoded; maps one-to-one onto a dead-letter reason.
public struct MessageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dead-letter reason.
    public var reason: DeadLetterV1.Reason
    /// What exactly was wrong (never the message body itself).
    public var detail: String

    /// Creates an error.
    public init(reason: DeadLetterV1.Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue): \(detail)" }
}
