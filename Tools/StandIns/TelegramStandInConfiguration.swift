/// Behaviour of the Telegram stand-in, changeable at run time (`POST /control/config` merges
/// the keys it is given into the current configuration).
public struct TelegramStandInConfiguration: Sendable, Codable, Equatable {
    /// Successful sendMessage calls allowed per `globalWindowSeconds` over all chats (FAQ: ~30/s).
    public var globalLimit: Int = 30
    /// Sliding window of the global limit.
    public var globalWindowSeconds: Double = 1
    /// Successful sendMessage calls allowed per `perChatWindowSeconds` to one private chat (FAQ: 1/s).
    public var perChatLimit: Int = 1
    /// Sliding window of the per-chat limit.
    public var perChatWindowSeconds: Double = 1
    /// Successful sendMessage calls allowed per `groupWindowSeconds` to one group (FAQ: 20/min).
    public var groupLimit: Int = 20
    /// Sliding window of the group limit.
    public var groupWindowSeconds: Double = 60
    /// False turns every rate limit off.
    public var rateLimitsEnabled: Bool = true
    /// Chats whose sendMessage / editMessageText answer 403 (the user blocked the bot).
    public var forbiddenChats: [Int64] = []
    /// Description of those 403 answers.
    public var forbiddenDescription: String = "Forbidden: bot was blocked by the user"
    /// Chats the bot cannot see: 400 "Bad Request: chat not found".
    public var unknownChats: [Int64] = []
    /// Delay before every Bot API answer, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// Injected failures and stalls, consulted in order.
    public var faults: [TelegramStandInFault] = []

    /// The defaults: Telegram's documented limits, no failures.
    public init() {}
}

/// One injected misbehaviour: answer a status, stall, or both, for matching calls.
public struct TelegramStandInFault: Sendable, Codable, Equatable {
    /// Bot API method it applies to (case-insensitive), `*` for all.
    public var method: String = "*"
    /// Only calls whose `chat_id` is this.
    public var chatID: Int64?
    /// Answer this status with a Bot API error body (or an HTML page when `html`).
    public var status: Int?
    /// Error description; a sensible default per status otherwise.
    public var description: String?
    /// `parameters.retry_after` of a 429.
    public var retryAfter: Int?
    /// Answer as a reverse proxy would: `text/html` body (e.g. nginx 502).
    public var html: Bool?
    /// Stall this many seconds before answering (normally, or with `status`).
    public var hangSeconds: Double?
    /// Calls it still affects; nil = every matching call until the configuration changes.
    public var count: Int?

    /// Creates a fault.
    public init(
        method: String = "*", chatID: Int64? = nil, status: Int? = nil, description: String? = nil,
        retryAfter: Int? = nil, html: Bool? = nil, hangSeconds: Double? = nil, count: Int? = nil
    ) {
        self.method = method
        self.chatID = chatID
        self.status = status
        self.description = description
        self.retryAfter = retryAfter
        self.html = html
        self.hangSeconds = hangSeconds
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case method
        case chatID = "chat_id"
        case status, description
        case retryAfter = "retry_after"
        case html
        case hangSeconds = "hang_seconds"
        case count
    }

    /// Decodes with every key optional (`method` defaults to `*`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? "*"
        chatID = try container.decodeIfPresent(Int64.self, forKey: .chatID)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
        html = try container.decodeIfPresent(Bool.self, forKey: .html)
        hangSeconds = try container.decodeIfPresent(Double.self, forKey: .hangSeconds)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
    }

    func matches(method name: String, chatID chat: Int64?) -> Bool {
        (method == "*" || method.lowercased() == name.lowercased()) && (chatID == nil || chatID == chat)
    }
}

extension TelegramStandInConfiguration {
    enum CodingKeys: String, CodingKey {
        case globalLimit = "global_limit"
        case globalWindowSeconds = "global_window_seconds"
        case perChatLimit = "per_chat_limit"
        case perChatWindowSeconds = "per_chat_window_seconds"
        case groupLimit = "group_limit"
        case groupWindowSeconds = "group_window_seconds"
        case rateLimitsEnabled = "rate_limits_enabled"
        case forbiddenChats = "forbidden_chats"
        case forbiddenDescription = "forbidden_description"
        case unknownChats = "unknown_chats"
        case latencyMilliseconds = "latency_ms"
        case faults
    }

    /// Decodes with every key optional: missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        globalLimit = try container.decodeIfPresent(Int.self, forKey: .globalLimit) ?? globalLimit
        globalWindowSeconds = try container.decodeIfPresent(Double.self, forKey: .globalWindowSeconds) ?? globalWindowSeconds
        perChatLimit = try container.decodeIfPresent(Int.self, forKey: .perChatLimit) ?? perChatLimit
        perChatWindowSeconds =
            try container.decodeIfPresent(Double.self, forKey: .perChatWindowSeconds) ?? perChatWindowSeconds
        groupLimit = try container.decodeIfPresent(Int.self, forKey: .groupLimit) ?? groupLimit
        groupWindowSeconds = try container.decodeIfPresent(Double.self, forKey: .groupWindowSeconds) ?? groupWindowSeconds
        rateLimitsEnabled = try container.decodeIfPresent(Bool.self, forKey: .rateLimitsEnabled) ?? rateLimitsEnabled
        forbiddenChats = try container.decodeIfPresent([Int64].self, forKey: .forbiddenChats) ?? forbiddenChats
        forbiddenDescription =
            try container.decodeIfPresent(String.self, forKey: .forbiddenDescription) ?? forbiddenDescription
        unknownChats = try container.decodeIfPresent([Int64].self, forKey: .unknownChats) ?? unknownChats
        latencyMilliseconds = try container.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? latencyMilliseconds
        faults = try container.decodeIfPresent([TelegramStandInFault].self, forKey: .faults) ?? faults
    }

    /// Every key this configuration understands (to reject typos in `POST /control/config`).
    static let knownKeys: Set<String> = Set(
        [
            CodingKeys.globalLimit, .globalWindowSeconds, .perChatLimit, .perChatWindowSeconds, .groupLimit,
            .groupWindowSeconds, .rateLimitsEnabled, .forbiddenChats, .forbiddenDescription, .unknownChats,
            .latencyMilliseconds, .faults,
        ].map(\.rawValue))
}
