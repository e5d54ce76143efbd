import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import ServiceRuntime
import StandIns
import Telegram
import TestSupport
import Testing

/// Random updates as raw bytes straight into `TelegramClient.getUpdates` decoding (no stand-in
/// in between to re-encode them): the oracle for "owes a reply" is the Telegram module's own
/// decoding of each update, so every update that reads as a private message must be answered
/// exactly once and nothing else may be.
@Suite("Fuzz: raw getUpdates bodies", .enabled(if: BotHarness.canStartBroker))
struct RawUpdateFuzzTests {
    @Test("5,000 raw updates with JSON oddities through the client's decoding: answered exactly as decoded")
    func rawBodies() async throws {
        try await HeavyTestGate.run { try await rawBodiesBody() }
    }

    func rawBodiesBody() async throws {
        let seed = ProcessInfo.processInfo.environment["SLOTHUNTER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 7_000_001
        try await withBot(poll: false, privateBroker: true) { bot in
            var fuzzer = UpdateFuzzer(seed: seed)
            var updates: [(id: Int64, json: String)] = []
            var owed: [Int64: Int] = [:]
            var id: Int64 = 500_000
            for _ in 0..<5_000 {
                id += Int64.random(in: 1...3, using: &fuzzer.rng)  // increasing, with gaps
                let payload = fuzzer.next().json.dropFirst().dropLast()  // `"kind":{…}` of `{"kind":{…}}`
                let json = RawOddities.apply("{\"update_id\":\(id)," + payload + "}", using: &fuzzer.rng)
                guard let update = try? JSONDecoder().decode(Update.self, from: Data(json.utf8)) else {
                    updates.append((id, json))
                    continue
                }
                if let message = update.message ?? update.editedMessage, message.chat.type == .private {
                    owed[message.chat.id, default: 0] += 1
                }
                updates.append((id, json))
            }
            let transport = RawUpdatesTransport(updates: updates, forward: URLSessionTelegramTransport())
            let api = TelegramClient(
                configuration: TelegramConfiguration(
                    token: botTestToken, baseURL: bot.telegram.baseURL, requestTimeout: .seconds(10)),
                transport: transport)
            let poller = UpdatePoller(
                api: api, dispatcher: bot.dispatcher, logger: bot.logger, longPollSeconds: 1, allowedUpdates: [])
            let running = Task { try await poller.run() }
            try await bot.waitUntil("every raw update confirmed and handled (seed \(seed))", timeout: .seconds(60)) {
                let unconfirmed = await transport.pendingCount
                let queued = await bot.dispatcher.pendingCount
                return unconfirmed == 0 && queued == 0
            }
            try await Task.sleep(for: .milliseconds(300))
            running.cancel()
            try await running.value

            let sent = await bot.telegram.sentMessages().filter(\.delivered)
            var replies: [Int64: Int] = [:]
            for message in sent where UpdateFuzzer.messageChats.contains(message.chatID ?? 0) {
                replies[message.chatID ?? 0, default: 0] += 1
            }
            let wrong = owed.filter { replies[$0.key] != $0.value }
            #expect(
                wrong.isEmpty,
                "seed \(seed): \(wrong.prefix(5).map { "\($0.key): owed \($0.value), got \(replies[$0.key] ?? 0)" })")
            #expect(replies.keys.allSatisfy { owed[$0] != nil }, "replies only where a private message was read")
            let failures = bot.logs.lines.filter { $0.contains("update handling failed") || $0.contains("getUpdates failed") }
            #expect(failures.isEmpty, "\(failures.prefix(3))")
            #expect(owed.values.reduce(0, +) > 2_000, "the run must carry plenty of readable private messages")
        }
    }
}

@Suite("UpdatePoller: updates it cannot confirm", .enabled(if: BotHarness.isEnabled))
struct UnconfirmableUpdateTests {
    @Test("a batch with no readable update_id is retried with backoff, not in a hot loop")
    func noReadableId() async throws {
        try await withBot(poll: false) { bot in
            let unreadable =
                #"{"update_id":"7","message":{"message_id":1,"date":1790000000,"chat":{"id":42,"type":"private"},"text":"hi"}}"#
            let transport = RawUpdatesTransport(updates: [(7, unreadable)], forward: URLSessionTelegramTransport())
            let api = TelegramClient(
                configuration: TelegramConfiguration(
                    token: botTestToken, baseURL: bot.telegram.baseURL, requestTimeout: .seconds(5)),
                transport: transport)
            let poller = UpdatePoller(api: api, dispatcher: bot.dispatcher, logger: bot.logger, longPollSeconds: 1)
            let running = Task { try await poller.run() }
            try await Task.sleep(for: .seconds(2))
            running.cancel()
            try await running.value
            let polls = await transport.pollCount
            #expect(polls <= 5, "polled \(polls) times in 2 s")
            #expect(bot.logs.lines.contains { $0.contains("updates without a readable update_id block the queue") })
            #expect(await bot.sent(to: 42).isEmpty)
        }
    }
}

/// Rewrites valid JSON into equivalent (or near-equivalent) JSON that a normalising server would
/// never send: escaped slashes, `\u` escapes, padding whitespace, duplicate keys.
enum RawOddities {
    static func apply(_ json: String, using rng: inout SplitMix64) -> String {
        var text = json
        switch Int.random(in: 0...5, using: &rng) {
        case 0: text = text.replacingOccurrences(of: "/", with: "\\/")
        case 1: text = text.replacingOccurrences(of: "\"text\":\"/", with: "\"text\":\"\\u002f")
        case 2: text = text.replacingOccurrences(of: ":", with: " :\t\r\n ")
        case 3:
            // Duplicate keys: the id twice (same value), and an unknown key twice with different values.
            if let comma = text.firstIndex(of: ",") {
                let id = text[text.index(text.startIndex, offsetBy: 13)..<comma]
                text.insert(contentsOf: ",\"update_id\":\(id),\"x_dup\":1,\"x_dup\":[2]", at: comma)
            }
        case 4: text = " \n" + text + " \n"
        default: break
        }
        return text
    }
}
