import BotDomain
import Foundation
import ServiceRuntime
import Telegram

/// Hands updates to the conversation: one chat's updates one after another and in order,
/// different chats in parallel, so one slow chat (a paziresh24 lookup that takes 30 s) never holds
/// up the others. At most `maxPending` updates are queued or in progress; `submit` waits beyond
/// that. A failure is logged and counted, never fatal.
public final class UpdateDispatcher: Sendable {
    let conversation: Conversation
    let metrics: any BotCounters
    let logger: Logger
    private let lanes: ChatLanes<Update>

    /// Creates a dispatcher.
    public init(conversation: Conversation, metrics: any BotCounters, logger: Logger, maxPending: Int = 1000) {
        self.conversation = conversation
        self.metrics = metrics
        self.logger = logger
        self.lanes = ChatLanes(capacity: maxPending) { update in
            await UpdateDispatcher.handle(update, conversation: conversation, metrics: metrics, logger: logger)
        }
    }

    /// Queues updates and returns as soon as they are queued (waiting while `maxPending` are).
    public func submit(_ updates: [Update]) async {
        await lanes.enqueue(route(updates))
    }

    /// Queues updates and returns when all of them have been handled (webhook requests, tests).
    public func dispatch(_ updates: [Update]) async {
        await lanes.enqueueAndWait(route(updates))
    }

    /// Returns when every queued update has been handled.
    public func drain() async {
        await lanes.waitUntilIdle()
    }

    /// Waits until every queued update was handled, at most `timeout` (the lanes' wait ignores
    /// cancellation, hence the race of two unstructured tasks). Returns whether it became idle.
    /// Shutdown uses it: a handler whose Telegram call hangs (the request timeout is 30 s) must
    /// not hold the bot past its grace period.
    public func drain(within timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            let race = ResumeOnce(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                race.resume(returning: false)
            }
            Task {
                await self.drain()
                race.resume(returning: true)
                timer.cancel()
            }
        }
    }

    /// Updates queued or in progress.
    public var pendingCount: Int {
        get async { await lanes.count }
    }

    private func route(_ updates: [Update]) -> [(chat: Int64, item: Update)] {
        updates.map { update in
            metrics.update(kind: update.kind.rawValue.isEmpty ? "unknown" : update.kind.rawValue)
            // Updates without a chat (inline queries, polls, …) share lane 0; they are only counted.
            return (update.chat?.id ?? update.callbackQuery?.from.id ?? 0, update)
        }
    }

    static func handle(_ update: Update, conversation: Conversation, metrics: any BotCounters, logger: Logger) async {
        do {
            try await conversation.handle(UpdateMapper.event(for: update))
        } catch {
            metrics.failure()
            logger.error("update handling failed", ["update_id": String(update.updateID), "error": "\(error)"])
        }
    }
}
