import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A tiny JSON client for the stand-ins' control endpoints.
public struct ControlClient: Sendable {
    /// Base URL, e.g. `http://127.0.0.1:40123`.
    public let baseURL: URL

    /// Creates a client.
    public init(baseURL: URL) {
        self.baseURL = baseURL
    }

    /// GET a path and parse the JSON answer.
    public func get(_ path: String) async throws -> Any {
        try await send("GET", path, body: nil)
    }

    /// POST JSON to a path and parse the JSON answer.
    public func post(_ path: String, json: Any) async throws -> Any {
        try await send("POST", path, body: try JSONSerialization.data(withJSONObject: json))
    }

    /// POST a value encoded with `JSONEncoder` (the stand-ins decode their control bodies with
    /// `JSONDecoder`) and parse the JSON answer.
    public func post(_ path: String, encodable: some Encodable) async throws -> Any {
        try await send("POST", path, body: try JSONEncoder().encode(encodable))
    }

    /// GET a path and decode the answer with `JSONDecoder`.
    public func get<T: Decodable>(_ path: String, decoding type: T.Type) async throws -> T {
        try JSONDecoder().decode(type, from: try await sendRaw("GET", path, body: nil))
    }

    func send(_ method: String, _ path: String, body: Data?) async throws -> Any {
        try JSONSerialization.jsonObject(with: try await sendRaw(method, path, body: body), options: [.fragmentsAllowed])
    }

    func sendRaw(_ method: String, _ path: String, body: Data?) async throws -> Data {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw ControlError("\(method) \(path) answered \(status): \(String(decoding: data, as: UTF8.self).prefix(500))")
        }
        return data
    }
}

/// A control call failed.
public struct ControlError: Error, CustomStringConvertible {
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
