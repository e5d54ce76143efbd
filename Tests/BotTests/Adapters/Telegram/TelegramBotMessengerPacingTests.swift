import BotAdapters
import BotDomain
import ChatPacing
import Foundation
import StandIns
import Telegram
import Testing

/// The bot's messages wait for their chat's turn in the schedule shared with the notifier, and
/// Telegram's 429 answers are counted.
@Suite("TelegramBotMessenger pacing", .timeLimit(.minutes(1)))
struct TelegramBotMessengerPacingTests {
    static let token = "778:PACING-test"

    /// Counts `on429` calls.
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    /// Sends two replies in a row to one chat through a stand-in enforcing one message per second
    /// per chat; returns the stand-in's statuses and the 429s counted.
    func twoReplies(pacing: (any ChatPacing)?) async throws -> (statuses: [Int], counted: Int) {
        let standIn = TelegramStandIn(token: Self.token)
        try standIn.start()
        defer { standIn.stop() }
        let count = Count()
        let messenger = TelegramBotMessenger(
            api: TelegramClient(token: Self.token, baseURL: standIn.baseURL), pacing: pacing, on429: { count.increment() })
        try await messenger.send(chatId: 3, text: "one", keyboard: nil)
        try await messenger.send(chatId: 3, text: "two", keyboard: nil)
        return (await standIn.callLog().map(\.status), count.value)
    }

    @Test("paced: two replies to one chat both pass at the first attempt")
    func paced() async throws {
        // More than the stand-in's one second, so the test does not depend on request latency.
        let result = try await twoReplies(pacing: InMemoryChatPacing(interval: 1.5))
        #expect(result.statuses == [200, 200])
        #expect(result.counted == 0)
    }

    @Test("unpaced: the second reply is answered 429, counted, and retried after retry_after")
    func unpaced() async throws {
        let result = try await twoReplies(pacing: nil)
        #expect(
            result.statuses.first == 200 && result.statuses.dropFirst().first == 429 && result.statuses.last == 200, "\(result.statuses)")
        #expect(result.counted == result.statuses.filter { $0 == 429 }.count && result.counted >= 1)
    }
}
