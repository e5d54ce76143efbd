import Foundation
import ServiceRuntime
import Telegram

/// Long polling (`getUpdates` with `offset` = last `update_id` + 1 and a long `timeout`), after
/// `deleteWebhook`. Exactly one poller may run: a 409 Conflict means another instance is polling,
/// and this one exits with a clear message.
public final class UpdatePoller: Service {
    let api: any TelegramBotAPI
    let dispatcher: UpdateDispatcher
    let logger: Logger
    let longPollSeconds: Int

    /// Creates the poller.
    public init(api: any TelegramBotAPI, dispatcher: UpdateDispatcher, logger: Logger, longPollSeconds: Int = 25) {
        self.api = api
        self.dispatcher = dispatcher
        self.logger = logger
        self.longPollSeconds = longPollSeconds
    }

    /// Thrown when another instance polls the same bot.
    public struct AnotherInstanceIsPolling: Error, CustomStringConvertible {
        public var description: String {
            "another bot instance is polling this bot token (Telegram answered 409 Conflict); the bot must run as exactly one instance"
        }
    }

    public func run() async throws {
        try await retrying("deleteWebhook") { () async throws(TelegramError) in try await self.api.deleteWebhook() }
        logger.notice("long polling started")
        var offset: Int64? = nil
        var failures = 0
        while !Task.isCancelled {
            let batch: UpdateBatch
            do {
                batch = try await api.getUpdates(
                    offset: offset, limit: 100, timeout: longPollSeconds,
                    allowedUpdates: ["message", "edited_message", "callback_query", "my_chat_member"])
                failures = 0
            } catch {
                if case .conflict = error.kind {
                    logger.critical("\(AnotherInstanceIsPolling())")
                    throw AnotherInstanceIsPolling()
                }
                if case .cancelled = error.kind { return }
                failures += 1
                let delay = min(30.0, 0.5 * pow(2, Double(min(failures, 8))))
                logger.warning("getUpdates failed; retrying", ["error": "\(error)", "delay_s": String(delay)])
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                continue
            }
            for bad in batch.undecodable {
                logger.warning("skipping an undecodable update", ["update_id": bad.updateID.map(String.init) ?? "?", "reason": bad.reason])
            }
            // Finish the batch in hand even during shutdown, then confirm it with the next offset.
            await dispatcher.dispatch(batch.updates)
            if let next = batch.nextOffset { offset = next }
        }
        // Confirm the last batch so a restart doesn't replay it.
        if let offset { _ = try? await api.getUpdates(offset: offset, limit: 1, timeout: 0, allowedUpdates: nil) }
    }

    private func retrying(_ what: String, _ body: @Sendable () async throws(TelegramError) -> Void) async throws {
        var attempt = 0
        while true {
            do {
                try await body()
                return
            } catch {
                attempt += 1
                guard error.isRetriable || attempt < 3 else { throw error }
                logger.warning("\(what) failed; retrying", ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(Int64(min(30_000, 500 * (1 << min(attempt, 6))))))
            }
        }
    }
}
