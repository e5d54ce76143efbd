/// One Bot API call as the stand-in saw it (`GET /control/log`).
public struct TelegramStandInLogEntry: Sendable, Codable, Equatable {
    /// When it arrived (RFC 3339, milliseconds, UTC).
    public var time: String
    /// Method name as called (e.g. `sendMessage`).
    public var method: String
    /// `chat_id` parameter as a number, when there was one.
    public var chatID: Int64?
    /// HTTP status answered.
    public var status: Int
    /// Error description when the status was not 200.
    public var description: String?
    /// Every parameter of the call.
    public var parameters: TelegramJSON

    enum CodingKeys: String, CodingKey {
        case time, method
        case chatID = "chat_id"
        case status, description, parameters
    }
}
