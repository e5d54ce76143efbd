/// How a send ended, after the sender's own retries.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Telegram accepted the message.
    case sent(messageId: Int64?)
    /// 403: the user blocked the bot or was deactivated.
    case blocked(reason: String)
    /// A permanent refusal (400 and other non-retriable answers).
    case rejected(reason: String)
    /// Not sent: the check right before the attempt left the notice empty (every slot gone or expired).
    case withdrawn
}
