/// A special span in a message text (Bot API `MessageEntity`).
/// `offset` and `length` count UTF-16 code units, not characters or bytes.
public struct MessageEntity: Sendable, Hashable, Codable {
    /// Entity kind; unknown future kinds are kept as their raw string.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The string Telegram sends.
        public let rawValue: String
        /// Wraps a raw string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// `/start@jobs_bot`.
        public static let botCommand = Kind(rawValue: "bot_command")
        /// `@username`.
        public static let mention = Kind(rawValue: "mention")
        /// `https://telegram.org`.
        public static let url = Kind(rawValue: "url")
        /// Clickable text with a URL in `url`.
        public static let textLink = Kind(rawValue: "text_link")
        /// Bold text.
        public static let bold = Kind(rawValue: "bold")
        /// Italic text.
        public static let italic = Kind(rawValue: "italic")
        /// Monowidth string.
        public static let code = Kind(rawValue: "code")
        /// Monowidth block.
        public static let pre = Kind(rawValue: "pre")
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

    /// Entity kind.
    public var type: Kind
    /// Start, in UTF-16 code units.
    public var offset: Int
    /// Length, in UTF-16 code units.
    public var length: Int
    /// Target of a `text_link`.
    public var url: String?
    /// Mentioned user of a `text_mention`.
    public var user: User?
    /// Language of a `pre` block.
    public var language: String?

    /// Creates an entity.
    public init(type: Kind, offset: Int, length: Int, url: String? = nil, user: User? = nil, language: String? = nil) {
        self.type = type
        self.offset = offset
        self.length = length
        self.url = url
        self.user = user
        self.language = language
    }

    /// The entity's text inside `text` (the message text it came with), or nil when out of range.
    public func text(in text: String) -> String? {
        let utf16 = text.utf16
        guard offset >= 0, length >= 0, offset + length <= utf16.count else { return nil }
        let start = utf16.index(utf16.startIndex, offsetBy: offset)
        let end = utf16.index(start, offsetBy: length)
        guard let lower = start.samePosition(in: text.unicodeScalars),
            let upper = end.samePosition(in: text.unicodeScalars)
        else {
            return String(utf16[start..<end])  // splits a surrogate pair: best effort
        }
        return String(text.unicodeScalars[lower..<upper])
    }
}
