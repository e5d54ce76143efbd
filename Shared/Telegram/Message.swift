import Foundation

/// A message (Bot API `Message`, also used for `InaccessibleMessage`, which has `date == 0`).
///
/// Required fields (`message_id`, `date`, `chat`) are decoded strictly; optional ones leniently,
/// so an odd optional field never costs us the message. `presentKeys` lists every top-level key
/// the JSON had, to recognise content we don't model (`has("voice")`).
public struct Message: Sendable, Hashable, Codable {
    /// Identifier inside the chat.
    public var messageID: Int
    /// Sender; absent for channel posts.
    public var from: User?
    /// Sender on behalf of a chat (channels, anonymous admins).
    public var senderChat: Chat?
    /// Unix time the message was sent; 0 for an inaccessible message.
    public var date: Int64
    /// Chat the message belongs to.
    public var chat: Chat
    /// Unix time of the last edit.
    public var editDate: Int64?
    /// Text of a text message (up to 4096 characters).
    public var text: String?
    /// Special entities in `text` (commands, links, formatting).
    public var entities: [MessageEntity]?
    /// Caption of media messages.
    public var caption: String?
    /// Special entities in `caption`.
    public var captionEntities: [MessageEntity]?
    /// Photo sizes when the message is a photo.
    public var photo: [PhotoSize]?
    /// The sticker when the message is a sticker.
    public var sticker: Sticker?
    /// Inline keyboard attached to the message.
    public var replyMarkup: InlineKeyboardMarkup?
    /// The new supergroup id when a group was migrated.
    public var migrateToChatID: Int64?
    /// Every top-level key present in the JSON object (not encoded).
    public var presentKeys: Set<String>

    /// Creates a message.
    public init(
        messageID: Int, from: User? = nil, senderChat: Chat? = nil, date: Int64, chat: Chat, editDate: Int64? = nil,
        text: String? = nil, entities: [MessageEntity]? = nil, caption: String? = nil,
        captionEntities: [MessageEntity]? = nil, photo: [PhotoSize]? = nil, sticker: Sticker? = nil,
        replyMarkup: InlineKeyboardMarkup? = nil, migrateToChatID: Int64? = nil, presentKeys: Set<String>? = nil
    ) {
        self.messageID = messageID
        self.from = from
        self.senderChat = senderChat
        self.date = date
        self.chat = chat
        self.editDate = editDate
        self.text = text
        self.entities = entities
        self.caption = caption
        self.captionEntities = captionEntities
        self.photo = photo
        self.sticker = sticker
        self.replyMarkup = replyMarkup
        self.migrateToChatID = migrateToChatID
        self.presentKeys = presentKeys ?? Self.keys(text: text, photo: photo, sticker: sticker, caption: caption)
    }

    private static func keys(text: String?, photo: [PhotoSize]?, sticker: Sticker?, caption: String?) -> Set<String> {
        var keys: Set<String> = ["message_id", "date", "chat"]
        if text != nil { keys.insert("text") }
        if photo != nil { keys.insert("photo") }
        if sticker != nil { keys.insert("sticker") }
        if caption != nil { keys.insert("caption") }
        return keys
    }

    /// The send time as a `Date`.
    public var sentAt: Date { Date(timeIntervalSince1970: TimeInterval(date)) }

    /// True when this came as an `InaccessibleMessage` (too old for the bot to see).
    public var isInaccessible: Bool { date == 0 }

    /// Whether the JSON had this top-level key, e.g. `has("voice")`.
    public func has(_ key: String) -> Bool { presentKeys.contains(key) }

    /// The leading `/command` of the text, from its `bot_command` entity at offset 0.
    public var botCommand: BotCommand? {
        guard let text, let entity = entities?.first(where: { $0.type == .botCommand && $0.offset == 0 }),
            let commandText = entity.text(in: text)
        else { return nil }
        let afterCommand = String(text.utf16.dropFirst(entity.length)) ?? ""
        return BotCommand(entityText: commandText, arguments: afterCommand)
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case from
        case senderChat = "sender_chat"
        case date, chat
        case editDate = "edit_date"
        case text, entities, caption
        case captionEntities = "caption_entities"
        case photo, sticker
        case replyMarkup = "reply_markup"
        case migrateToChatID = "migrate_to_chat_id"
    }

    /// Strict on `message_id`, `date` and `chat`; lenient on everything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageID = try container.decode(Int.self, forKey: .messageID)
        date = try container.decode(Int64.self, forKey: .date)
        chat = try container.decode(Chat.self, forKey: .chat)
        from = container.lenient(User.self, forKey: .from)
        senderChat = container.lenient(Chat.self, forKey: .senderChat)
        editDate = container.lenient(Int64.self, forKey: .editDate)
        text = container.lenient(String.self, forKey: .text)
        entities = container.lenientArray(MessageEntity.self, forKey: .entities)
        caption = container.lenient(String.self, forKey: .caption)
        captionEntities = container.lenientArray(MessageEntity.self, forKey: .captionEntities)
        photo = container.lenientArray(PhotoSize.self, forKey: .photo)
        sticker = container.lenient(Sticker.self, forKey: .sticker)
        replyMarkup = container.lenient(InlineKeyboardMarkup.self, forKey: .replyMarkup)
        migrateToChatID = container.lenient(Int64.self, forKey: .migrateToChatID)
        let allKeys = (try? decoder.container(keyedBy: AnyCodingKey.self).allKeys) ?? []
        presentKeys = Set(allKeys.map(\.stringValue))
    }
}
