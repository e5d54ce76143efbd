import Foundation
import Localization
import Messaging
import NotifierAdapters
import NotifierApp
import NotifierDomain
import ServiceRuntime
import StandIns
import Telegram
import TestSupport
import Testing

/// The sender against the Telegram stand-in (in process, over real HTTP): 429 waits for
/// retry_after, 5xx and timeouts are retried with backoff, 403 blocks, other 400s are final.
@Suite("TelegramNoticeSender")
struct TelegramNoticeSenderTests {
    static let token = "123456:SENDER-test"
    let logger = Logger(service: "notifier-test", instance: "t", level: .critical)
    /// Parses the stand-in's RFC 3339 times (milliseconds).
    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    func notice(chat: Int64, language: Language = .persian) -> Notice {
        let start = NotifierTestData.slotStart(index: 0)
        return Notice(
            chatId: chat, language: language, targetId: NotifierTestData.targetId(1), doctor: NotifierTestData.noticeDoctor(1),
            center: NotifierTestData.noticeCenter(1), bookingURL: "https://www.paziresh24.com/dr/drill-doctor-1/",
            slots: [SlotPeriod(start: start, end: start + 600)], observedAt: Date())
    }

    func makeSender(
        _ standIn: TelegramStandIn, timeout: Duration = .seconds(5), pacer: SendPacer = SendPacer(globalRate: 30, perChatInterval: 1),
        registry: MetricsRegistry = MetricsRegistry()
    ) -> TelegramNoticeSender {
        let client = TelegramClient(
            configuration: TelegramConfiguration(token: Self.token, baseURL: standIn.baseURL, requestTimeout: timeout))
        return TelegramNoticeSender(
            api: client, pacer: pacer, logger: logger, metrics: NotifierMetrics(registry: registry), maxBackoff: .milliseconds(400))
    }

    func startStandIn(_ configure: (inout TelegramStandInConfiguration) -> Void = { _ in }) async throws -> TelegramStandIn {
        var configuration = TelegramStandInConfiguration()
        configure(&configuration)
        let standIn = TelegramStandIn(token: Self.token, configuration: configuration)
        try standIn.start()
        return standIn
    }

    @Test("the message: Persian text, the booking button, no link preview, accepted by the stand-in")
    func messageShape() async throws {
        let standIn = try await startStandIn()
        defer { standIn.stop() }
        let outcome = try await makeSender(standIn).send(notice(chat: 42))
        guard case .sent(let id) = outcome else { Issue.record("\(outcome)"); return }
        #expect(id != nil)
        let sent = try #require(await standIn.sentMessages().first)
        #expect(sent.delivered && sent.chatID == 42 && sent.parseMode == nil)
        #expect(sent.text?.contains("دکتر Drill Doctor 1") == true)
        #expect(
            sent.replyMarkup?["inline_keyboard"]?.arrayValue?.first?.arrayValue?.first?["url"]?.stringValue
                == "https://www.paziresh24.com/dr/drill-doctor-1/")
        #expect(sent.linkPreviewOptions?["is_disabled"]?.boolValue == true)
        // The second row: the "still free?" callback button, checked by the stand-in against the spec.
        let rows = sent.replyMarkup?["inline_keyboard"]?.arrayValue ?? []
        #expect(rows.count == 2)
        let still = rows.last?.arrayValue?.first
        #expect(still?["text"]?.stringValue == "🔄 هنوز آزاد است؟")
        let start = NotifierTestData.slotStart(index: 0)
        #expect(still?["callback_data"]?.stringValue == "still:\(Int64((start.timeIntervalSince1970 * 1000).rounded()))")
    }

    @Test("429: waits parameters.retry_after, then delivers, and counts the 429")
    func tooManyRequests() async throws {
        let standIn = try await startStandIn {
            $0.faults = [TelegramStandInFault(method: "sendMessage", status: 429, retryAfter: 2, count: 1)]
        }
        defer { standIn.stop() }
        let registry = MetricsRegistry()
        let started = ContinuousClock.now
        let outcome = try await makeSender(standIn, registry: registry).send(notice(chat: 7))
        guard case .sent = outcome else { Issue.record("\(outcome)"); return }
        #expect(ContinuousClock.now - started >= .seconds(2))
        let log = await standIn.callLog()
        #expect(log.map(\.status) == [429, 200])
        #expect(registry.render().contains("slothunter_notifier_telegram_429_total 1"))
    }

    @Test("5xx answers (JSON and proxy HTML) and timeouts are retried with backoff until delivered")
    func serverErrorsAndTimeouts() async throws {
        let standIn = try await startStandIn {
            $0.faults = [
                TelegramStandInFault(method: "sendMessage", status: 502, html: true, count: 1),
                TelegramStandInFault(method: "sendMessage", status: 500, count: 1),
                TelegramStandInFault(method: "sendMessage", status: 504, hangSeconds: 3.5, count: 1),
                TelegramStandInFault(method: "sendMessage", status: 503, count: 1),
            ]
        }
        defer { standIn.stop() }
        let registry = MetricsRegistry()
        let outcome = try await makeSender(standIn, timeout: .seconds(2), registry: registry).send(notice(chat: 8))
        guard case .sent = outcome else { Issue.record("\(outcome)"); return }
        // The hung call is logged when the stand-in answers it (after its 3.5 s hang).
        try? await eventually(within: .seconds(10), "the hung call in the stand-in's log") { await standIn.callLog().count >= 5 }
        let statuses = await standIn.callLog().map(\.status)
        // The stand-in notices the client hung up on the stalled call (499, "client closed the request").
        #expect(statuses.sorted() == [200, 499, 500, 502, 503], "\(statuses)")
        let text = registry.render()
        #expect(text.contains("slothunter_notifier_telegram_retries_total{reason=\"server\"} 3"), "\(text)")
        #expect(text.contains("slothunter_notifier_telegram_retries_total{reason=\"timeout\"} 1"), "\(text)")
    }

    @Test("403: the chat is reported blocked after one attempt")
    func forbidden() async throws {
        let standIn = try await startStandIn { $0.forbiddenChats = [99] }
        defer { standIn.stop() }
        let outcome = try await makeSender(standIn).send(notice(chat: 99))
        #expect(outcome == .blocked(reason: "Forbidden: bot was blocked by the user"))
        #expect(await standIn.callLog().count == 1)
    }

    @Test("400: rejected for good after one attempt, with the reason")
    func badRequest() async throws {
        let standIn = try await startStandIn { $0.unknownChats = [55] }
        defer { standIn.stop() }
        let outcome = try await makeSender(standIn).send(notice(chat: 55))
        guard case .rejected(let reason) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason.contains("chat not found"))
        #expect(await standIn.callLog().count == 1)
    }

    @Test("paced at the global rate and one message per chat per second: no 429 from a stand-in enforcing both")
    func pacedWithinLimits() async throws {
        let standIn = try await startStandIn()
        defer { standIn.stop() }
        // The stand-in shares this process with tests running in parallel, so requests reach it
        // with plenty of jitter: the pacer's window counts from answers, which jitter cannot beat.
        let sender = makeSender(standIn)
        // 45 chats, five of which get a second notice.
        let chats: [Int64] = (1...45).map(Int64.init) + [1, 2, 3, 4, 5]
        let started = ContinuousClock.now
        let outcomes = try await withThrowingTaskGroup(of: DeliveryOutcome.self) { group in
            for chat in chats { group.addTask { try await sender.send(notice(chat: chat)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - started
        #expect(outcomes.allSatisfy { if case .sent = $0 { true } else { false } })
        let statuses = await standIn.callLog().map(\.status)
        #expect(statuses.allSatisfy { $0 == 200 }, "429s: \(statuses.filter { $0 != 200 }.count)")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        #expect(seconds >= 49.0 / 30, "50 messages at 30/s take at least 1.63 s, took \(seconds)")
        let times = await standIn.callLog().compactMap { Self.date($0.time) }.sorted()
        #expect(times.count == 50)
        for (index, time) in times.enumerated() where index >= 30 {
            #expect(time.timeIntervalSince(times[index - 30]) >= 1, "31 messages within a second")
        }
    }
}

/// Point 7: the stand-in itself enforces Telegram's limits, so the tests above mean something.
@Suite("Telegram stand-in limits")
struct TelegramStandInLimitTests {
    @Test("30 messages per second overall: the 31st inside a second gets 429 with retry_after")
    func globalLimit() async throws {
        let standIn = TelegramStandIn(token: TelegramNoticeSenderTests.token)
        try standIn.start()
        defer { standIn.stop() }
        // 30 per 10 s instead of per 1 s: the same sliding-window rule, independent of machine load.
        var configuration = await standIn.configuration()
        configuration.globalWindowSeconds = 10
        await standIn.configure(configuration)
        let client = TelegramClient(token: TelegramNoticeSenderTests.token, baseURL: standIn.baseURL)
        let results = await withTaskGroup(of: TelegramError?.self) { group in
            for chat in 1...40 {
                group.addTask {
                    do throws(TelegramError) {
                        _ = try await client.sendMessage(SendMessageRequest(chatID: Int64(chat), text: "hello \(chat)"))
                        return nil
                    } catch { return error }
                }
            }
            return await group.reduce(into: [TelegramError?]()) { $0.append($1) }
        }
        let refused = results.compactMap { $0 }
        let times = await standIn.callLog().map(\.time).sorted()
        #expect(refused.allSatisfy { ($0.retryAfter ?? Duration.zero) >= Duration.seconds(1) }, "\(refused)")
        let accepted = results.count - refused.count
        // All 40 arrived within one second here (checked from the stand-in's own clock): exactly 30 pass.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let first = times.first.flatMap(formatter.date), let last = times.last.flatMap(formatter.date),
            last.timeIntervalSince(first) < 10
        {
            #expect(accepted == 30)
            #expect(refused.count == 10)
        } else {
            #expect(accepted < 40)
        }
    }

    @Test("one message per second per chat: a second message to the chat at once gets 429, later it passes")
    func perChatLimit() async throws {
        let standIn = TelegramStandIn(token: TelegramNoticeSenderTests.token)
        try standIn.start()
        defer { standIn.stop() }
        var configuration = await standIn.configuration()
        configuration.perChatWindowSeconds = 4  // the 1/s rule over 4 s: independent of machine load
        await standIn.configure(configuration)
        let client = TelegramClient(token: TelegramNoticeSenderTests.token, baseURL: standIn.baseURL)
        _ = try await client.sendMessage(SendMessageRequest(chatID: 5, text: "one"))
        await #expect(throws: TelegramError.self) { _ = try await client.sendMessage(SendMessageRequest(chatID: 5, text: "two")) }
        _ = try await client.sendMessage(SendMessageRequest(chatID: 6, text: "other chat"))
        try await letTimePass(.milliseconds(4100), "chat 5's 4 s rate window moves on")
        _ = try await client.sendMessage(SendMessageRequest(chatID: 5, text: "three"))
        #expect(await standIn.callLog().map(\.status) == [200, 429, 200, 200])
    }
}
