/// Parameters of `sendMessage` (documented names in `CodingKeys`; nil fields are not sent).
public struct SendMessageRequest: Sendable, Hashable, Encodable {
    /// Target chat.
    public var chatID: Int64
    /// Text, 1-4096 characters after entity parsing.
    public var text: String
    /// Formatting syntax of `text`.
    public var parseMode: ParseMode?
    /// Inline keyboard, reply keyboard, or the removal of a reply keyboard.
    public var replyMarkup: ReplyMarkup?
    /// Link preview behaviour (the documented successor of `disable_web_page_preview`).
    public var linkPreviewOptions: LinkPreviewOptions?
    /// Deliver silently.
    public var disableNotification: Bool?
    /// Forbid forwarding and saving.
    public var protectContent: Bool?

    /// Creates the parameters.
    public init(
        chatID: Int64, text: String, parseMode: ParseMode? = nil, replyMarkup: ReplyMarkup? = nil,
        linkPreviewOptions: LinkPreviewOptions? = nil, disableNotification: Bool? = nil, protectContent: Bool? = nil
    ) {
        self.chatID = chatID
        self.text = text
        self.parseMode = parseMode
        self.replyMarkup = replyMarkup
        self.linkPreviewOptions = linkPreviewOptions
        self.disableNotification = disableNotification
        self.protectContent = protectContent
    }

    /// Creates the parameters with an inline keyboard.
    public init(
        chatID: Int64, text: String, parseMode: ParseMode? = nil, replyMarkup: InlineKeyboardMarkup,
        linkPreviewOptions: LinkPreviewOptions? = nil, disableNotification: Bool? = nil, protectContent: Bool? = nil
    ) {
        self.init(
            chatID: chatID, text: text, parseMode: parseMode, replyMarkup: .inlineKeyboard(replyMarkup),
            linkPreviewOptions: linkPreviewOptions, disableNotification: disableNotification, protectContent: protectContent)
    }

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case text
        case parseMode = "parse_mode"
        case replyMarkup = "reply_markup"
        case linkPreviewOptions = "link_preview_options"
        case disableNotification = "disable_notification"
        case protectContent = "protect_content"
    }
}

/// Parameters of `editMessageText` for a message in a chat.
public struct EditMessageTextRequest: Sendable, Hashable, Encodable {
    /// Chat of the message.
    public var chatID: Int64
    /// The message to edit.
    public var messageID: Int
    /// New text.
    public var text: String
    /// Formatting syntax of `text`.
    public var parseMode: ParseMode?
    /// New inline keyboard (nil removes it).
    public var replyMarkup: InlineKeyboardMarkup?
    /// Link preview behaviour.
    public var linkPreviewOptions: LinkPreviewOptions?

    /// Creates the parameters.
    public init(
        chatID: Int64, messageID: Int, text: String, parseMode: ParseMode? = nil,
        replyMarkup: InlineKeyboardMarkup? = nil, linkPreviewOptions: LinkPreviewOptions? = nil
    ) {
        self.chatID = chatID
        self.messageID = messageID
        self.text = text
        self.parseMode = parseMode
        self.replyMarkup = replyMarkup
        self.linkPreviewOptions = linkPreviewOptions
    }

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
        case text
        case parseMode = "parse_mode"
        case replyMarkup = "reply_markup"
        case linkPreviewOptions = "link_preview_options"
    }
}

/// Parameters of `answerCallbackQuery`.
public struct AnswerCallbackQueryRequest: Sendable, Hashable, Encodable {
    /// The query to answer.
    public var callbackQueryID: String
    /// Notification text (0-200 characters).
    public var text: String?
    /// Show an alert instead of a notification at the top of the chat.
    public var showAlert: Bool?
    /// How long the client may cache the answer, in seconds.
    public var cacheTime: Int?

    /// Creates the parameters.
    public init(callbackQueryID: String, text: String? = nil, showAlert: Bool? = nil, cacheTime: Int? = nil) {
        self.callbackQueryID = callbackQueryID
        self.text = text
        self.showAlert = showAlert
        self.cacheTime = cacheTime
    }

    enum CodingKeys: String, CodingKey {
        case callbackQueryID = "callback_query_id"
        case text
        case showAlert = "show_alert"
        case cacheTime = "cache_time"
    }
}

/// Parameters of `setWebhook`.
public struct SetWebhookRequest: Sendable, Hashable, Encodable {
    /// HTTPS URL to deliver updates to.
    public var url: String
    /// Sent back in `X-Telegram-Bot-Api-Secret-Token` on every delivery (1-256 of `A-Za-z0-9_-`).
    public var secretToken: String?
    /// Update kinds to deliver.
    public var allowedUpdates: [String]?
    /// Drop updates waiting for delivery.
    public var dropPendingUpdates: Bool?
    /// Maximum simultaneous delivery connections (1-100).
    public var maxConnections: Int?

    /// Creates the parameters.
    public init(
        url: String, secretToken: String? = nil, allowedUpdates: [String]? = nil, dropPendingUpdates: Bool? = nil,
        maxConnections: Int? = nil
    ) {
        self.url = url
        self.secretToken = secretToken
        self.allowedUpdates = allowedUpdates
        self.dropPendingUpdates = dropPendingUpdates
        self.maxConnections = maxConnections
    }

    enum CodingKeys: String, CodingKey {
        case url
        case secretToken = "secret_token"
        case allowedUpdates = "allowed_updates"
        case dropPendingUpdates = "drop_pending_updates"
        case maxConnections = "max_connections"
    }
}

/// Parameters of `getUpdates`.
struct GetUpdatesRequest: Encodable {
    var offset: Int64?
    var limit: Int?
    var timeout: Int?
    var allowedUpdates: [String]?

    enum CodingKeys: String, CodingKey {
        case offset, limit, timeout
        case allowedUpdates = "allowed_updates"
    }
}

/// Parameters of `deleteWebhook`.
struct DeleteWebhookRequest: Encodable {
    var dropPendingUpdates: Bool?

    enum CodingKeys: String, CodingKey {
        case dropPendingUpdates = "drop_pending_updates"
    }
}

/// A method without parameters (sent as `{}`).
struct NoParameters: Encodable {}
