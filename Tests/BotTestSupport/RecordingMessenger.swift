import BotDomain

/// A `BotMessenger` that keeps what the bot sent and answered, in order, instead of calling Telegram.
public actor RecordingMessenger: BotMessenger {
    /// One sent message.
    public struct Sent: Sendable, Equatable {
        /// The chat.
        public var chatId: Int64
        /// The text.
        public var text: String
        /// The inline keyboard, if any.
        public var keyboard: [[KeyboardButton]]?
        /// The reply keyboard shown or removed, if any.
        public var replyKeyboard: ReplyKeyboard?

        /// Creates a record.
        public init(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?, replyKeyboard: ReplyKeyboard? = nil) {
            self.chatId = chatId
            self.text = text
            self.keyboard = keyboard
            self.replyKeyboard = replyKeyboard
        }
    }

    /// One answered callback query.
    public struct Answer: Sendable, Equatable {
        /// The query id.
        public var id: String
        /// The toast text, if any.
        public var text: String?
        /// Shown as a dialog rather than a toast.
        public var showAlert: Bool

        /// Creates a record.
        public init(id: String, text: String?, showAlert: Bool = false) {
            self.id = id
            self.text = text
            self.showAlert = showAlert
        }
    }

    /// Every message sent, oldest first.
    public private(set) var sent: [Sent] = []
    /// Every callback answer, oldest first.
    public private(set) var answers: [Answer] = []

    /// An empty recorder.
    public init() {}

    public func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) {
        sent.append(Sent(chatId: chatId, text: text, keyboard: keyboard))
    }

    public func send(chatId: Int64, text: String, replyKeyboard: ReplyKeyboard) {
        sent.append(Sent(chatId: chatId, text: text, keyboard: nil, replyKeyboard: replyKeyboard))
    }

    public func answerCallback(id: String, text: String?) {
        answers.append(Answer(id: id, text: text))
    }

    public func answerCallback(id: String, text: String?, showAlert: Bool) {
        answers.append(Answer(id: id, text: text, showAlert: showAlert))
    }

    /// The last message sent to `chatId`.
    public func last(to chatId: Int64) -> Sent? {
        sent.last { $0.chatId == chatId }
    }
}
