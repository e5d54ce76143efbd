/// A chat (Bot API `Chat`): a private conversation, group, supergroup or channel.
public struct Chat: Sendable, Hashable, Codable {
    /// The kind of chat; unknown future kinds are kept as their raw string.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The string Telegram sends.
        public let rawValue: String
        /// Wraps a raw string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// One-to-one chat with a user.
        public static let `private` = Kind(rawValue: "private")
        /// Basic group.
        public static let group = Kind(rawValue: "group")
        /// Supergroup.
        public static let supergroup = Kind(rawValue: "supergroup")
        /// Channel.
        public static let channel = Kind(rawValue: "channel")
        /// The raw string.
        public var description: String { rawValue }

        /// Decodes the raw string.
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        /// Encodes the raw string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// Unique identifier (negative for groups and channels).
    public var id: Int64
    /// Kind of chat.
    public var type: Kind
    /// Title of groups and channels.
    public var title: String?
    /// `@username` of the chat, if any.
    public var username: String?
    /// First name of the other party in a private chat.
    public var firstName: String?
    /// Last name of the other party in a private chat.
    public var lastName: String?

    /// Creates a chat.
    public init(
        id: Int64, type: Kind, title: String? = nil, username: String? = nil, firstName: String? = nil,
        lastName: String? = nil
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
    }

    /// True for one-to-one chats.
    public var isPrivate: Bool { type == .private }

    enum CodingKeys: String, CodingKey {
        case id, type, title, username
        case firstName = "first_name"
        case lastName = "last_name"
    }

    /// Strict on the required `id`; lenient on everything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        type = container.lenient(Kind.self, forKey: .type) ?? Kind(rawValue: "")
        title = container.lenient(String.self, forKey: .title)
        username = container.lenient(String.self, forKey: .username)
        firstName = container.lenient(String.self, forKey: .firstName)
        lastName = container.lenient(String.self, forKey: .lastName)
    }
}
