import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StandIns
import Testing

/// Talks to a Telegram stand-in over plain HTTP, as any bot would.
struct TelegramStandInHTTPClient: Sendable {
    let baseURL: URL
    let token: String

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    /// POSTs a JSON body to `/bot<token>/<method>`; returns the status and the parsed body.
    func call(_ method: String, _ parameters: TelegramJSON = [:], token: String? = nil) async throws -> (Int, TelegramJSON) {
        try await post("bot\(token ?? self.token)/\(method)", body: Data(parameters.encoded()), contentType: "application/json")
    }

    /// POSTs a form-encoded body.
    func callForm(_ method: String, _ form: String) async throws -> (Int, TelegramJSON) {
        try await post("bot\(token)/\(method)", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// The `result` of a call that must succeed.
    func result(_ method: String, _ parameters: TelegramJSON = [:]) async throws -> TelegramJSON {
        let (status, body) = try await call(method, parameters)
        guard status == 200, body["ok"] == true, let result = body["result"] else {
            throw TelegramStandInError("\(method) answered \(status): \(String(decoding: body.encoded(), as: UTF8.self))")
        }
        return result
    }

    func get(_ path: String) async throws -> (Int, TelegramJSON) {
        let url = try #require(URL(string: baseURL.absoluteString + "/" + path))
        let (data, response) = try await Self.session.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, TelegramJSON.parse([UInt8](data)) ?? .null)
    }

    func post(_ path: String, json: TelegramJSON) async throws -> (Int, TelegramJSON) {
        try await post(path, body: Data(json.encoded()), contentType: "application/json")
    }

    func post(_ path: String, body: Data, contentType: String) async throws -> (Int, TelegramJSON) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await Self.session.data(for: request)
        return (
            (response as? HTTPURLResponse)?.statusCode ?? 0,
            TelegramJSON.parse([UInt8](data)) ?? .string(String(decoding: data, as: UTF8.self))
        )
    }

    /// Injects updates through `POST /control/updates`; returns their ids.
    @discardableResult
    func inject(_ elements: [TelegramJSON]) async throws -> [Int64] {
        let (status, body) = try await post("control/updates", json: .array(elements))
        guard status == 200 else { throw TelegramStandInError("inject answered \(status)") }
        return body["result"]?.arrayValue?.compactMap(\.int64Value) ?? []
    }
}

/// Runs `body` with a started stand-in and an HTTP client for it.
func withTelegramStandIn(
    token: String = "5550001:standin-TEST", _ body: (TelegramStandIn, TelegramStandInHTTPClient) async throws -> Void
) async throws {
    let standIn = TelegramStandIn(token: token)
    try standIn.start()
    defer { standIn.stop() }
    try await body(standIn, TelegramStandInHTTPClient(baseURL: standIn.baseURL, token: token))
}
