import HTTPServer

/// A Bot API answer before it becomes an HTTP response.
struct TelegramAPIAnswer: Sendable {
    /// HTTP status (Telegram answers errors with the status equal to `error_code`).
    var status: Int
    /// JSON envelope.
    var body: TelegramJSON
    /// Set to answer an HTML page instead (a proxy error page).
    var html: String?

    static func ok(_ result: TelegramJSON, description: String? = nil) -> TelegramAPIAnswer {
        var body = TelegramShapes.ok(result)
        if let description { body["description"] = .string(description) }
        return TelegramAPIAnswer(status: 200, body: body)
    }

    static func error(_ status: Int, _ description: String, parameters: TelegramJSON? = nil) -> TelegramAPIAnswer {
        TelegramAPIAnswer(status: status, body: TelegramShapes.error(status, description, parameters: parameters))
    }

    static func badRequest(_ detail: String) -> TelegramAPIAnswer {
        error(400, "Bad Request: \(detail)")
    }

    /// Error description, when this is an error.
    var errorDescription: String? {
        if let html { return "HTML error page (\(html.count) bytes)" }
        guard status != 200 else { return nil }
        return body["description"]?.stringValue
    }

    var httpResponse: HTTPResponse {
        if let html {
            return HTTPResponse(status: status, headers: [("Content-Type", "text/html")], body: Array(html.utf8))
        }
        return HTTPResponse.json(status, body.encoded())
    }

    /// nginx's page for a status, as seen in front of api.telegram.org.
    static func nginxPage(_ status: Int, reason: String) -> String {
        "<html>\r\n<head><title>\(status) \(reason)</title></head>\r\n<body>\r\n<center><h1>\(status) \(reason)</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    }
}
