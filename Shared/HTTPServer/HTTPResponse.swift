import Foundation

/// A response to write back; `Content-Length` and `Connection` are added by the server.
public struct HTTPResponse: Sendable {
    /// Status code, e.g. 200.
    public var status: Int
    /// Header fields to send (do not set `Content-Length` or `Connection`: the server does).
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The last value of a header field, name compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.0.lowercased() == wanted }?.1
    }

    /// `application/json; charset=utf-8` response from raw bytes.
    public static func json(_ status: Int = 200, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }

    /// `application/json; charset=utf-8` response from `Data`.
    public static func json(_ status: Int = 200, _ body: Data) -> HTTPResponse {
        json(status, [UInt8](body))
    }

    /// `application/json; charset=utf-8` response from JSON text.
    public static func json(_ status: Int = 200, _ body: String) -> HTTPResponse {
        json(status, Array(body.utf8))
    }

    /// JSON response encoding `value` with sorted keys (stable output for golden files).
    public static func json<T: Encodable>(_ status: Int = 200, encoding value: T) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return json(status, try encoder.encode(value))
        } catch {
            return text(500, "cannot encode response: \(error)")
        }
    }

    /// `text/plain; charset=utf-8` response.
    public static func text(_ status: Int = 200, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(body.utf8))
    }

    /// 404 with a short text body.
    public static var notFound: HTTPResponse { text(404, "not found") }

    /// Standard reason phrase for the status line.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
