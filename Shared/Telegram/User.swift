/// A Telegram user or bot (Bot API `User`).
public struct User: Sendable, Hashable, Codable {
    /// Unique identifier (up to 52 significant bits).
    public var id: Int64
    /// True for bots.
    public var isBot: Bool
    /// First name (always present).
    public var firstName: String
    /// Last name, if set.
    public var lastName: String?
    /// `@username` without the `@`, if set.
    public var username: String?
    /// IETF language tag of the user's client (`fa`, `en`...), if known.
    public var languageCode: String?
    /// True for Telegram Premium users.
    public var isPremium: Bool?

    /// Creates a user.
    public init(
        id: Int64, isBot: Bool = false, firstName: String, lastName: String? = nil, username: String? = nil,
        languageCode: String? = nil, isPremium: Bool? = nil
    ) {
        self.id = id
        self.isBot = isBot
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.languageCode = languageCode
        self.isPremium = isPremium
    }

    enum CodingKeys: String, CodingKey {
        case id
        case isBot = "is_bot"
        case firstName = "first_name"
        case lastName = "last_name"
        case username
        case languageCode = "language_code"
        case isPremium = "is_premium"
    }

    /// Strict on the required `id`; lenient on everything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        isBot = container.lenient(Bool.self, forKey: .isBot) ?? false
        firstName = container.lenient(String.self, forKey: .firstName) ?? ""
        lastName = container.lenient(String.self, forKey: .lastName)
        username = container.lenient(String.self, forKey: .username)
        languageCode = container.lenient(String.self, forKey: .languageCode)
        isPremium = container.lenient(Bool.self, forKey: .isPremium)
    }
}
