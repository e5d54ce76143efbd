/// The Bot API methods SlotHunter uses. `TelegramClient` implements it over HTTP; services
/// depend on this protocol so their tests can substitute a fake.
public protocol TelegramBotAPI: Sendable {
    /// `getMe`: the bot's own user (checks the token).
    func getMe() async throws(TelegramError) -> User

    /// `getUpdates`: long-polls for updates with id >= `offset` (confirming every earlier one).
    /// - Parameters:
    ///   - offset: highest update id already handled + 1 (`UpdateBatch.nextOffset`).
    ///   - limit: 1...100 (Telegram's default 100).
    ///   - timeout: long-poll seconds (0 = short poll).
    ///   - allowedUpdates: update kinds to receive (`["message", "callback_query"]`); nil keeps
    ///     the previous setting, `[]` means all kinds except `chat_member` and reactions.
    func getUpdates(
        offset: Int64?, limit: Int?, timeout: Int?, allowedUpdates: [String]?
    )
        async throws(TelegramError) -> UpdateBatch

    /// `sendMessage`: sends a text message and returns it as delivered.
    func sendMessage(_ request: SendMessageRequest) async throws(TelegramError) -> Message

    /// `editMessageText`: replaces the text (and keyboard) of a message the bot sent.
    func editMessageText(_ request: EditMessageTextRequest) async throws(TelegramError) -> Message

    /// `answerCallbackQuery`: acknowledges a button press, optionally with a notification or alert.
    func answerCallbackQuery(_ request: AnswerCallbackQueryRequest) async throws(TelegramError)

    /// `deleteWebhook`: switches the bot to getUpdates polling.
    func deleteWebhook(dropPendingUpdates: Bool?) async throws(TelegramError)

    /// `setWebhook`: has Telegram POST updates to `request.url` instead of polling.
    func setWebhook(_ request: SetWebhookRequest) async throws(TelegramError)

    /// `getWebhookInfo`: current webhook status (`url` empty when polling).
    func getWebhookInfo() async throws(TelegramError) -> WebhookInfo

    /// `setMyCommands`: the command menu shown when a user types `/`, for one language or the default.
    func setMyCommands(_ request: SetMyCommandsRequest) async throws(TelegramError)

    /// `setMyDescription`: the text shown in an empty chat with the bot.
    func setMyDescription(_ request: SetMyDescriptionRequest) async throws(TelegramError)

    /// `setMyShortDescription`: the text on the bot's profile page and in shared links.
    func setMyShortDescription(_ request: SetMyShortDescriptionRequest) async throws(TelegramError)
}

extension TelegramBotAPI {
    /// `getUpdates` with defaults: everything unspecified.
    public func getUpdates(
        offset: Int64? = nil, limit: Int? = nil, timeout: Int? = nil, allowedUpdates: [String]? = nil
    ) async throws(TelegramError) -> UpdateBatch {
        try await getUpdates(offset: offset, limit: limit, timeout: timeout, allowedUpdates: allowedUpdates)
    }

    /// `sendMessage` from its common parameters.
    public func sendMessage(
        chatID: Int64, text: String, parseMode: ParseMode? = nil, replyMarkup: InlineKeyboardMarkup? = nil,
        linkPreviewOptions: LinkPreviewOptions? = nil, disableNotification: Bool? = nil
    ) async throws(TelegramError) -> Message {
        try await sendMessage(
            SendMessageRequest(
                chatID: chatID, text: text, parseMode: parseMode, replyMarkup: replyMarkup.map(ReplyMarkup.inlineKeyboard),
                linkPreviewOptions: linkPreviewOptions, disableNotification: disableNotification))
    }

    /// `sendMessage` with any kind of `reply_markup` (a reply keyboard or its removal).
    public func sendMessage(
        chatID: Int64, text: String, markup: ReplyMarkup?, linkPreviewOptions: LinkPreviewOptions? = nil
    ) async throws(TelegramError) -> Message {
        try await sendMessage(
            SendMessageRequest(chatID: chatID, text: text, replyMarkup: markup, linkPreviewOptions: linkPreviewOptions))
    }

    /// `editMessageText` from its common parameters.
    public func editMessageText(
        chatID: Int64, messageID: Int, text: String, parseMode: ParseMode? = nil,
        replyMarkup: InlineKeyboardMarkup? = nil, linkPreviewOptions: LinkPreviewOptions? = nil
    ) async throws(TelegramError) -> Message {
        try await editMessageText(
            EditMessageTextRequest(
                chatID: chatID, messageID: messageID, text: text, parseMode: parseMode, replyMarkup: replyMarkup,
                linkPreviewOptions: linkPreviewOptions))
    }

    /// `answerCallbackQuery` from its common parameters.
    public func answerCallbackQuery(
        id: String, text: String? = nil, showAlert: Bool? = nil
    ) async throws(TelegramError) {
        try await answerCallbackQuery(AnswerCallbackQueryRequest(callbackQueryID: id, text: text, showAlert: showAlert))
    }

    /// `deleteWebhook` keeping pending updates.
    public func deleteWebhook() async throws(TelegramError) {
        try await deleteWebhook(dropPendingUpdates: nil)
    }

    /// `setWebhook` from its common parameters.
    public func setWebhook(
        url: String, secretToken: String? = nil, allowedUpdates: [String]? = nil, dropPendingUpdates: Bool? = nil
    ) async throws(TelegramError) {
        try await setWebhook(
            SetWebhookRequest(
                url: url, secretToken: secretToken, allowedUpdates: allowedUpdates,
                dropPendingUpdates: dropPendingUpdates))
    }
}
