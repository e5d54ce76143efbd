import ChatPacing
import Foundation
import NotifierAdapters
import NotifierApp
import NotifierDomain
import ServiceRuntime
import StandIns
import Telegram
import Testing

/// The notice after the bot's reply: the sender waits for the chat's turn in the schedule it shares
/// with the bot, so a stand-in enforcing one message per second per chat answers no 429.
@Suite("TelegramNoticeSender shared chat pacing", .timeLimit(.minutes(1)))
struct SharedChatPacingTests {
    @Test("a notice right after the bot's reply to the chat waits for the chat's turn: no 429")
    func noticeAfterReply() async throws {
        let standIn = TelegramStandIn(token: TelegramNoticeSenderTests.token)
        try standIn.start()
        defer { standIn.stop() }
        let registry = MetricsRegistry()
        let client = TelegramClient(configuration: TelegramConfiguration(token: TelegramNoticeSenderTests.token, baseURL: standIn.baseURL))
        // More than the stand-in's one second, so the test does not depend on request latency.
        let shared = InMemoryChatPacing(interval: 1.5)
        let sender = TelegramNoticeSender(
            api: client, pacer: SendPacer(globalRate: 30, perChatInterval: 1), chatPacing: shared,
            logger: Logger(service: "notifier-test", instance: "t", level: .critical), metrics: NotifierMetrics(registry: registry),
            maxBackoff: .milliseconds(400))

        // The bot's reply, paced by the same schedule.
        try await shared.waitForTurn(chatId: 9)
        _ = try await client.sendMessage(SendMessageRequest(chatID: 9, text: "✅ subscribed"))
        let outcome = try await sender.send(TelegramNoticeSenderTests().notice(chat: 9))

        guard case .sent = outcome else { Issue.record("\(outcome)"); return }
        let log = await standIn.callLog()
        #expect(log.map(\.status) == [200, 200])
        let times = log.compactMap { TelegramNoticeSenderTests.date($0.time) }
        #expect(times.count == 2 && times[1].timeIntervalSince(times[0]) >= 1, "\(times)")
        #expect(!registry.render().contains("slothunter_notifier_telegram_429_total 1"))
    }
}
