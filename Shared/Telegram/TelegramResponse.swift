/// The Bot API answer envelope, read in two steps: first the status fields (which always
/// decode, whatever `result` holds), then `result` as the method's type.
struct TelegramResponseStatus: Decodable {
    var ok: Bool
    var errorCode: Int?
    var description: String?
    var parameters: ResponseParameters?

    enum CodingKeys: String, CodingKey {
        case ok
        case errorCode = "error_code"
        case description, parameters
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ok = try container.decode(Bool.self, forKey: .ok)
        errorCode = container.lenient(Int.self, forKey: .errorCode)
        description = container.lenient(String.self, forKey: .description)
        parameters = container.lenient(ResponseParameters.self, forKey: .parameters)
    }
}

/// `{"ok": true, "result": ...}`.
struct TelegramResponseResult<Result: Decodable>: Decodable {
    var result: Result
}
