import BotDomain
import Telegram

/// Maps Telegram `Update`s onto the conversation's `IncomingEvent`s.
public enum UpdateMapper {
    /// The event for an update.
    public static func event(for update: Update) -> IncomingEvent {
        if let callback = update.callbackQuery {
            return .callback(
                IncomingCallback(
                    id: callback.id, chatId: callback.message.map(\.chat.id), userId: callback.from.id,
                    languageCode: callback.from.languageCode, data: callback.data,
                    messageId: callback.message.map { Int64($0.messageID) }))
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
                content = .nonText(kind: nonTextKind(of: message))
            }
            return .message(
                IncomingMessage(
                    chatId: message.chat.id, chatType: message.chat.type.rawValue, userId: message.from?.id,
                    username: message.from?.username, firstName: message.from?.firstName,
                    languageCode: message.from?.languageCode, content: content, isEdited: update.message == nil))
        }
        if let change = update.myChatMember {
            return .membership(
                IncomingMembership(
                    chatId: change.chat.id, chatType: change.chat.type.rawValue, newStatus: change.newChatMember.status))
        }
        return .ignored(kind: update.kind.rawValue.isEmpty ? "unknown" : update.kind.rawValue)
    }

    /// A metrics-friendly name for a message without text.
    static func nonTextKind(of message: Message) -> String {
        if message.sticker != nil { return "sticker" }
        if message.photo != nil { return "photo" }
        for kind in ["voice", "video", "document", "audio", "animation", "contact", "location", "poll"] where message.has(kind) {
            return kind
        }
        return "other"
    }
}
