/// Why a request failed and how to recover (Bot API `ResponseParameters`).
public struct ResponseParameters: Sendable, Hashable, Codable {
    /// The group became a supergroup with this id.
    public var migrateToChatID: Int64?
    /// Seconds to wait before repeating the request (flood control), as the server sent it;
    /// `TelegramClient` clamps it to `ExternalDuration.range` (0 s ... 1 hour).
    public var retryAfter: Int?

    /// Creates parameters.
    public init(migrateToChatID: Int64? = nil, retryAfter: Int? = nil) {
        self.migrateToChatID = migrateToChatID
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey {
        case migrateToChatID = "migrate_to_chat_id"
        case retryAfter = "retry_after"
    }

    /// Fully lenient: a strange value must not hide the error it came with.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        migrateToChatID = container.lenient(Int64.self, forKey: .migrateToChatID)
        retryAfter = container.lenient(Int.self, forKey: .retryAfter)
    }
}
