import Telegram

/// Maps Telegram `Update`s onto the conversation's `IncomingEvent`s.
public enum UpdateMapper {
    /// The event for an update.
    public static func event(for update: Update) -> IncomingEvent {
        if let callback = update.callbackQuery {
            return .callback(
                IncomingCallback(
                    id: callback.id, chatId: callback.message.map(\.chat.id), userId: callback.from.id,
                    languageCode: callback.from.languageCode, data: callback.data))
        }
        if let message = update.message ?? update.editedMessage {
            let content: IncomingMessage.Content
            if let text = message.text {
                content = .text(
                    text,
                    entities: (message.entities ?? []).map {
                        IncomingMessage.Entity(type: $0.type.rawValue, offset: $0.offset, length: $0.length)
                    })
            } else {
                content = .nonText(kind: message.sticker != nil ? "sticker" : message.photo != nil ? "photo" : "other")
            }
            return .message(
                IncomingMessage(
                    chatId: message.chat.id, chatType: message.chat.type.rawValue, userId: message.from?.id,
                    username: message.from?.username, firstName: message.from?.firstName,
                    languageCode: message.from?.languageCode, content: content, isEdited: update.message == nil))
        }
        return .ignored(kind: update.kind.rawValue.isEmpty ? "unknown" : update.kind.rawValue)
    }
}
