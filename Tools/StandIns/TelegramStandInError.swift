/// A control request the Telegram stand-in could not carry out (bad injected update, unknown
/// configuration key...).
public struct TelegramStandInError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { "TelegramStandInError: \(message)" }
}
