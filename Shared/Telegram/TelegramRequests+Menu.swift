/// Parameters of `setMyCommands` (the default scope: every chat).
public struct SetMyCommandsRequest: Sendable, Hashable, Encodable {
    /// At most 100 commands.
    public var commands: [BotMenuCommand]
    /// A two-letter ISO 639-1 code; nil sets the menu for every language without a dedicated one.
    public var languageCode: String?

    /// Creates the parameters.
    public init(commands: [BotMenuCommand], languageCode: String? = nil) {
        self.commands = commands
        self.languageCode = languageCode
    }

    enum CodingKeys: String, CodingKey {
        case commands
        case languageCode = "language_code"
    }
}

/// Parameters of `setMyDescription` (shown in an empty chat with the bot).
public struct SetMyDescriptionRequest: Sendable, Hashable, Encodable {
    /// 0-512 characters; empty removes the description for `languageCode`.
    public var description: String
    /// A two-letter ISO 639-1 code; nil for every language without a dedicated description.
    public var languageCode: String?

    /// Creates the parameters.
    public init(description: String, languageCode: String? = nil) {
        self.description = description
        self.languageCode = languageCode
    }

    enum CodingKeys: String, CodingKey {
        case description
        case languageCode = "language_code"
    }
}

/// Parameters of `setMyShortDescription` (the bot's profile page and shared links).
public struct SetMyShortDescriptionRequest: Sendable, Hashable, Encodable {
    /// 0-120 characters; empty removes the short description for `languageCode`.
    public var shortDescription: String
    /// A two-letter ISO 639-1 code; nil for every language without a dedicated one.
    public var languageCode: String?

    /// Creates the parameters.
    public init(shortDescription: String, languageCode: String? = nil) {
        self.shortDescription = shortDescription
        self.languageCode = languageCode
    }

    enum CodingKeys: String, CodingKey {
        case shortDescription = "short_description"
        case languageCode = "language_code"
    }
}
