import BotDomain
import Foundation
import ServiceRuntime
import Synchronization
import Telegram

/// Long polling (`getUpdates` with `offset` = last `update_id` + 1 and a long `timeout`), after
/// `deleteWebhook`. Exactly one poller may run: a 409 Conflict means another instance is polling,
/// and this one exits with a clear message (`AnotherInstanceIsPolling`).
///
/// Updates go to the dispatcher's per-chat lanes, so polling goes on while slow chats are served.
/// A batch is confirmed (by the next call's offset) once it is queued; on shutdown the poller stops
/// fetching, waits (at most `drainTimeout`) for every queued update to be handled, then confirms
/// the last batch; past the timeout it leaves the last batch unconfirmed, to be replayed. A crash
/// (SIGKILL) can lose the replies to the updates in hand; it never replays handled ones after a
/// clean stop.
public final class UpdatePoller: Service {
    /// Update kinds the bot asks for.
    public static let allowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"]

    let api: any TelegramBotAPI
    let dispatcher: UpdateDispatcher
    let logger: Logger
    let longPollSeconds: Int
    let allowedUpdates: [String]?
    /// How long shutdown waits for the updates in hand (below the service group's grace period).
    let drainTimeout: Duration

    /// Creates the poller.
    /// - Parameters:
    ///   - longPollSeconds: the `timeout` of each getUpdates (Telegram holds the request that long).
    ///   - allowedUpdates: update kinds to receive; `[]` lets Telegram send every default kind (tests
    ///     use it to feed the bot kinds it does not ask for).
    ///   - drainTimeout: how long shutdown waits for the updates in hand.
    public init(
        api: any TelegramBotAPI, dispatcher: UpdateDispatcher, logger: Logger, longPollSeconds: Int = 25,
        allowedUpdates: [String]? = UpdatePoller.allowedUpdates, drainTimeout: Duration = .seconds(15)
    ) {
        self.drainTimeout = drainTimeout
        self.api = api
        self.dispatcher = dispatcher
        self.logger = logger
        self.longPollSeconds = longPollSeconds
        self.allowedUpdates = allowedUpdates
    }

    /// Thrown when another instance polls the same bot token.
    public struct AnotherInstanceIsPolling: Error, CustomStringConvertible {
        /// What Telegram said (`Conflict: terminated by other getUpdates request; …`).
        public var telegramDescription: String

        /// Creates the error.
        public init(telegramDescription: String = "") {
            self.telegramDescription = telegramDescription
        }

        public var description: String {
            "another bot instance is polling this bot token (Telegram answered 409 Conflict"
                + (telegramDescription.isEmpty ? "" : ": \(telegramDescription)")
                + "); the bot must run as exactly one instance, so this one exits"
        }
    }

    public func run() async throws {
        try await retrying("deleteWebhook") { () async throws(TelegramError) in try await self.api.deleteWebhook() }
        logger.notice("long polling started", ["timeout_s": String(longPollSeconds)])
        var offset: Int64? = nil
        var failures = 0
        polling: while !Task.isCancelled {
            let batch: UpdateBatch
            do {
                batch = try await api.getUpdates(
                    offset: offset, limit: 100, timeout: longPollSeconds, allowedUpdates: allowedUpdates)
                failures = 0
            } catch {
                switch error.kind {
                case .conflict(let description):
                    // Don't call getUpdates again: that would cut the other instance's poll in turn.
                    let conflict = AnotherInstanceIsPolling(telegramDescription: description)
                    logger.critical("\(conflict)")
                    await dispatcher.drain()
                    throw conflict
                case .cancelled:
                    break polling
                case .unauthorized, .notFound:
                    // The token was revoked or is wrong: retrying cannot help, and a bot that quietly
                    // retries forever looks healthy while nobody gets an answer.
                    logger.critical("Telegram rejected the bot token; exiting", ["error": "\(error)"])
                    await dispatcher.drain()
                    throw error
                default:
                    failures += 1
                    let delay = min(30.0, 0.5 * pow(2, Double(min(failures, 8))))
                    logger.warning("getUpdates failed; retrying", ["error": "\(error)", "delay_s": String(delay)])
                    do {
                        try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                    } catch {
                        break polling
                    }
                    continue polling
                }
            }
            for bad in batch.undecodable {
                logger.warning(
                    "skipping an undecodable update", ["update_id": bad.updateID.map(String.init) ?? "?", "reason": bad.reason])
            }
            await dispatcher.submit(batch.updates)
            if let next = batch.nextOffset {
                offset = next
            } else if !batch.undecodable.isEmpty {
                // Nothing in the batch has a readable update_id, so nothing can be confirmed: the same
                // batch comes back. Back off instead of spinning on it.
                failures += 1
                logger.error("updates without a readable update_id block the queue", ["count": String(batch.undecodable.count)])
                do {
                    try await Task.sleep(for: .milliseconds(Int64(min(30_000, 500 * (1 << min(failures, 6))))))
                } catch {
                    break polling
                }
            }
        }
        // Shutdown: finish what is queued, then confirm it so a restart doesn't replay it. Both run
        // in this (cancelled) task, so the confirmation goes through an uncancelled one.
        // Bounded: a handler whose Telegram call hangs (the request timeout is 30 s) must not hold
        // the bot past its grace period. The last batch then stays unconfirmed and comes back.
        guard await dispatcher.drain(within: drainTimeout) else {
            logger.warning(
                "updates still in hand after the drain timeout: left unconfirmed, Telegram delivers them again",
                ["drain_timeout_ms": String(drainTimeout.components.seconds * 1000)])
            logger.notice("long polling stopped")
            return
        }
        if let offset {
            let api = self.api
            _ = await Task { try? await api.getUpdates(offset: offset, limit: 1, timeout: 0, allowedUpdates: nil) }.value
        }
        logger.notice("long polling stopped")
    }

    private func retrying(_ what: String, _ body: @Sendable () async throws(TelegramError) -> Void) async throws {
        var attempt = 0
        while true {
            do {
                try await body()
                return
            } catch {
                attempt += 1
                // A wrong token (401) or similar won't fix itself: give up after a few tries.
                guard error.isRetriable || attempt < 3 else { throw error }
                logger.warning("\(what) failed; retrying", ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(Int64(min(30_000, 500 * (1 << min(attempt, 6))))))
            }
        }
    }
}
