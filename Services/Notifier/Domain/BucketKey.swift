/// The key of one per-user token bucket: a user and a doctor.
public struct BucketKey: Sendable, Hashable, Comparable {
    /// Telegram chat id.
    public var chatId: Int64
    /// The doctor's slug.
    public var doctorSlug: String

    /// Creates a key.
    public init(chatId: Int64, doctorSlug: String) {
        self.chatId = chatId
        self.doctorSlug = doctorSlug
    }

    public static func < (lhs: BucketKey, rhs: BucketKey) -> Bool { (lhs.chatId, lhs.doctorSlug) < (rhs.chatId, rhs.doctorSlug) }
}
