import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import StandIns
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Thousands of random and malformed updates, injected as raw JSON through the Telegram stand-in's
/// control endpoint and long-polled by the real poller: the bot must neither crash nor stop
/// answering, every well-formed private message must get exactly one reply, every callback query
/// exactly one answer, and no input may make a handler fail.
@Suite("Fuzz: random and malformed updates", .enabled(if: BotHarness.canStartBroker))
struct UpdateFuzzTests {
    static let updateCount = 10_000
    static let chunkSize = 250

    @Test("10,000 random and malformed updates: no crash, still answering, every private message answered once")
    func fuzz() async throws {
        try await HeavyTestGate.run { try await fuzzBody() }
    }

    func fuzzBody() async throws {
        let seed = ProcessInfo.processInfo.environment["SLOTHUNTER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_006
        // The default flood limits, so flooded chats are part of the run; all update kinds delivered
        // (`allowed_updates: []`), so kinds the bot never asks for reach it too. A private broker:
        // the run subscribes people to the recorded doctor, whose targets other suites watch.
        let defaults = Conversation.Settings()
        try await withBot(
            allowedUpdates: [], privateBroker: true, flood: (defaults.floodBurst, defaults.floodPerMinute)
        ) { bot in
            // Half of the button-only chats are registered people, so their taps reach the store.
            for chat in UpdateFuzzer.callbackChats.prefix(100) {
                _ = try await bot.store.upsertUser(
                    chatId: chat, userId: chat, username: nil, firstName: "Fuzz", language: .persian)
            }
            var fuzzer = UpdateFuzzer(seed: seed)
            var owedReplies: [Int64: Int] = [:]
            var owedAnswers: Set<String> = []
            var categories: [String: Int] = [:]
            var bytes = 0
            let started = ContinuousClock.now
            let control = bot.telegram.baseURL.appendingPathComponent("control/updates")
            for chunkStart in stride(from: 0, to: Self.updateCount, by: Self.chunkSize) {
                var elements: [String] = []
                for _ in chunkStart..<min(chunkStart + Self.chunkSize, Self.updateCount) {
                    let item = fuzzer.next()
                    elements.append(item.json)
                    categories[item.category, default: 0] += 1
                    switch item.owed {
                    case .reply(let chat): owedReplies[chat, default: 0] += 1
                    case .answer(let id): owedAnswers.insert(id)
                    case .nothing: break
                    }
                }
                let body = Data(FuzzJSON.array(elements).utf8)
                bytes += body.count
                try await Self.post(body, to: control, seed: seed)
            }
            let injected = ContinuousClock.now - started

            let expectedReplies = owedReplies.values.reduce(0, +)
            let poller = try #require(bot.poller)
            try await bot.waitUntil("every update handled (seed \(seed))", timeout: .seconds(90)) {
                guard await bot.telegram.pendingUpdates().isEmpty, await bot.dispatcher.pendingCount == 0 else { return false }
                let delivered = await bot.telegram.sentMessages().filter {
                    $0.delivered && UpdateFuzzer.messageChats.contains($0.chatID ?? 0)
                }
                return delivered.count >= expectedReplies
            }
            let handled = ContinuousClock.now - started

            // Every well-formed private message got exactly one reply; nothing else wrote to those chats.
            let sent = await bot.telegram.sentMessages()
            var replies: [Int64: Int] = [:]
            for message in sent where message.delivered { replies[message.chatID ?? 0, default: 0] += 1 }
            let wrong = owedReplies.filter { replies[$0.key] != $0.value }
            let example =
                wrong.first.map { chat, _ in
                    sent.filter { $0.chatID == chat && $0.delivered }.map { String(($0.text ?? "").prefix(60)) }
                } ?? []
            #expect(
                wrong.isEmpty,
                "chats with the wrong number of replies (seed \(seed)): \(wrong.prefix(5).map { "\($0.key): owed \($0.value), got \(replies[$0.key] ?? 0)" }); e.g. \(example)"
            )
            let strangers = replies.keys.filter { UpdateFuzzer.messageChats.contains($0) && owedReplies[$0] == nil }
            #expect(strangers.isEmpty, "replies to chats that sent nothing readable: \(strangers.prefix(5))")
            #expect(sent.allSatisfy { $0.status == 200 }, "every sendMessage was accepted (text length, keyboard shape)")

            // Every well-formed callback query got exactly one answer.
            let answers = await bot.answers().compactMap { $0.parameters["callback_query_id"]?.stringValue }
            let answerCounts = Dictionary(answers.map { ($0, 1) }, uniquingKeysWith: +)
            let unanswered = owedAnswers.filter { answerCounts[$0] == nil }
            #expect(unanswered.isEmpty, "unanswered callback queries: \(unanswered.prefix(5))")
            #expect(answerCounts.filter { owedAnswers.contains($0.key) && $0.value > 1 }.isEmpty, "a callback answered twice")

            // No input made a handler fail.
            let failures = bot.logs.lines.filter { $0.contains("update handling failed") }
            #expect(failures.isEmpty, "\(failures.count) handler failures, e.g. \(failures.prefix(3))")

            // Still polling, still answering.
            try await bot.expectReply(999_999_001, "/help", BotText(.persian).help)
            #expect(try await bot.count("SELECT count(*) FROM users") > 0)

            let skipped = bot.logs.lines.filter { $0.contains("skipping an undecodable update") }.count
            print(
                "fuzz seed \(seed): \(Self.updateCount) updates, \(bytes / 1024) KiB, \(categories.sorted { $0.key < $1.key }); "
                    + "\(expectedReplies) replies owed to \(owedReplies.count) chats, \(owedAnswers.count) answers owed; "
                    + "\(skipped) undecodable updates skipped; injected in \(injected), all handled after \(handled)")
            #expect(handled < .seconds(90))
            _ = poller
        }
    }

    /// POSTs raw JSON to the stand-in's control endpoint.
    static func post(_ body: Data, to url: URL, seed: UInt64) async throws {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.timeoutInterval = 60
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (answer, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw HarnessTimeout(
                description:
                    "the stand-in refused a chunk (seed \(seed)): \(status) \(String(decoding: answer, as: UTF8.self).prefix(300))"
            )
        }
    }
}
