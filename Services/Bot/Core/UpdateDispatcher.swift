import Foundation
import ServiceRuntime
import Telegram

/// Hands a batch of updates to the conversation: one chat's updates in order, different chats in
/// parallel; a failure is logged and counted, never fatal.
public struct UpdateDispatcher: Sendable {
    let conversation: Conversation
    let metrics: BotMetrics
    let logger: Logger

    /// Creates a dispatcher.
    public init(conversation: Conversation, metrics: BotMetrics, logger: Logger) {
        self.conversation = conversation
        self.metrics = metrics
        self.logger = logger
    }

    /// Dispatches updates and returns when all are handled.
    public func dispatch(_ updates: [Update]) async {
        var byChat: [Int64: [Update]] = [:]
        var order: [Int64] = []
        for update in updates {
            metrics.update(kind: update.kind.rawValue.isEmpty ? "unknown" : update.kind.rawValue)
            let chat = update.chat?.id ?? update.callbackQuery?.from.id ?? 0
            if byChat[chat] == nil { order.append(chat) }
            byChat[chat, default: []].append(update)
        }
        await withTaskGroup(of: Void.self) { group in
            for chat in order {
                let queue = byChat[chat] ?? []
                group.addTask {
                    for update in queue { await handle(update) }
                }
            }
        }
    }

    func handle(_ update: Update) async {
        do {
            try await conversation.handle(UpdateMapper.event(for: update))
        } catch {
            metrics.failure()
            logger.error("update handling failed", ["update_id": String(update.updateID), "error": "\(error)"])
        }
    }
}
