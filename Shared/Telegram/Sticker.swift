/// A sticker (Bot API `Sticker`), reduced to what a bot answering "please send text" needs.
public struct Sticker: Sendable, Hashable, Codable {
    /// Identifier for downloading or reusing the file.
    public var fileID: String
    /// Identifier stable over time and across bots.
    public var fileUniqueID: String
    /// `regular`, `mask` or `custom_emoji`.
    public var type: String?
    /// Emoji associated with the sticker.
    public var emoji: String?
    /// Name of the sticker set.
    public var setName: String?

    /// Creates a sticker.
    public init(fileID: String, fileUniqueID: String, type: String? = nil, emoji: String? = nil, setName: String? = nil) {
        self.fileID = fileID
        self.fileUniqueID = fileUniqueID
        self.type = type
        self.emoji = emoji
        self.setName = setName
    }

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileUniqueID = "file_unique_id"
        case type, emoji
        case setName = "set_name"
    }

    /// Lenient except for the file identifiers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fileID = try container.decode(String.self, forKey: .fileID)
        fileUniqueID = container.lenient(String.self, forKey: .fileUniqueID) ?? ""
        type = container.lenient(String.self, forKey: .type)
        emoji = container.lenient(String.self, forKey: .emoji)
        setName = container.lenient(String.self, forKey: .setName)
    }
}
