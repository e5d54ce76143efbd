import Foundation
import Telegram

/// A `TelegramTransport` that answers `getUpdates` itself, from raw JSON texts exactly as written
/// (bytes the stand-in would have normalised: duplicate keys, escaped slashes, `\u` escapes,
/// exponents), with Telegram's offset semantics; every other method goes to `forward` (the
/// Telegram stand-in). This drives the real `TelegramClient` decoding directly.
final class RawUpdatesTransport: TelegramTransport {
    private let forward: any TelegramTransport
    private let queue: RawUpdateQueue

    init(updates: [(id: Int64, json: String)], forward: any TelegramTransport) {
        self.forward = forward
        self.queue = RawUpdateQueue(updates)
    }

    /// Updates not confirmed yet.
    var pendingCount: Int {
        get async { await queue.pending }
    }

    /// getUpdates calls so far.
    var pollCount: Int {
        get async { await queue.polls }
    }

    func send(_ request: TelegramHTTPRequest) async throws -> TelegramHTTPResponse {
        guard request.url.lastPathComponent == "getUpdates" else { return try await forward.send(request) }
        let parameters = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
        let offset = (parameters["offset"] as? NSNumber)?.int64Value ?? 0
        let limit = (parameters["limit"] as? NSNumber)?.intValue ?? 100
        let timeout = (parameters["timeout"] as? NSNumber)?.doubleValue ?? 0
        let batch = await queue.take(offset: offset, limit: limit)
        if batch.isEmpty, timeout > 0 { try await Task.sleep(for: .milliseconds(200)) }
        let body = "{\"ok\":true,\"result\":[" + batch.joined(separator: " ,\n") + "]}"
        return TelegramHTTPResponse(status: 200, body: Data(body.utf8))
    }
}

/// The scripted updates and what has been confirmed.
actor RawUpdateQueue {
    private var updates: [(id: Int64, json: String)]

    init(_ updates: [(id: Int64, json: String)]) {
        self.updates = updates
    }

    var pending: Int { updates.count }
    private(set) var polls = 0

    func take(offset: Int64, limit: Int) -> [String] {
        polls += 1
        if offset > 0 { updates.removeAll { $0.id < offset } }
        return updates.prefix(max(1, min(limit, 100))).map(\.json)
    }
}
