import BotAdapters
import BotApp
import BotDomain
import EventBus
import Foundation
import Kafka
import Messaging
import Paziresh24
import Postgres
import ServiceRuntime
import StandIns
import Storage
import Telegram
import TestSupport
import Testing

/// The bot token the stand-ins accept in these tests.
let botTestToken = "424242:BOT-TESTS-TOKEN"
/// The stand-in bot's username (`/start@SlotHunterTestBot` is addressed to it).
let botTestUsername = "SlotHunterTestBot"

/// The bot wired from its real pieces, in process: `Conversation` over `PostgresBotStore` on a fresh
/// database, `WatchSync` over `KafkaWatchPublisher` on the test broker, `Paziresh24DoctorDirectory` over a
/// `Paziresh24Client` pointed at a `Paziresh24StandIn`, and `TelegramBotMessenger` over a
/// `TelegramClient` pointed at a `TelegramStandIn` that an `UpdatePoller` long-polls.
final class BotHarness: Sendable {
    let telegram: TelegramStandIn
    let paziresh24: Paziresh24StandIn
    let database: TestDatabase
    let postgres: PostgresClient
    let producer: KafkaProducer
    let store: PostgresBotStore
    let watches: WatchSync
    let api: TelegramClient
    let conversation: Conversation
    let dispatcher: UpdateDispatcher
    let logs: LogBuffer
    let logger: Logger
    let poller: Task<(any Error)?, Never>?
    /// The private broker, when the harness started one.
    let broker: TestBroker?

    private init(
        telegram: TelegramStandIn, paziresh24: Paziresh24StandIn, database: TestDatabase, postgres: PostgresClient,
        producer: KafkaProducer, store: PostgresBotStore, watches: WatchSync, api: TelegramClient,
        conversation: Conversation, dispatcher: UpdateDispatcher, logs: LogBuffer, logger: Logger,
        poller: Task<(any Error)?, Never>?, broker: TestBroker?
    ) {
        self.telegram = telegram
        self.paziresh24 = paziresh24
        self.database = database
        self.postgres = postgres
        self.producer = producer
        self.store = store
        self.watches = watches
        self.api = api
        self.conversation = conversation
        self.dispatcher = dispatcher
        self.logs = logs
        self.logger = logger
        self.poller = poller
        self.broker = broker
    }

    /// Whether the integration pieces are configured (or we are in CI, where missing ones fail).
    static var isEnabled: Bool { TestEnvironment.hasDatabase && TestEnvironment.hasKafka }
    /// Whether tests that start their own broker can run (they need the built `kafka-mock-broker`).
    static var canStartBroker: Bool { isEnabled && (TestEnvironment.binDir != nil || TestEnvironment.isCI) }

    /// Starts everything; `poll: false` leaves the poller out (tests that run their own).
    /// - Parameters:
    ///   - rateLimits: keep the stand-in's Telegram flood limits (1 message a second per chat): off by
    ///     default so conversations run at test speed.
    ///   - privateBroker: publish on a broker of our own instead of the shared one (for tests whose
    ///     watch events name the recorded doctor's targets, which other suites use too).
    static func start(
        poll: Bool = true, allowedUpdates: [String]? = UpdatePoller.allowedUpdates, longPollSeconds: Int = 5,
        rateLimits: Bool = false, privateBroker: Bool = false, _ configure: (inout Conversation.Settings) -> Void = { _ in }
    ) async throws -> BotHarness {
        let broker = privateBroker ? try await TestBroker.start() : nil
        let bootstrap = try broker?.bootstrap ?? TestEnvironment.requireKafkaBootstrap()
        let database = try await TestDatabase.create(prefix: "bot")
        let postgres = try database.client(poolSize: 4)
        try await DatabaseStartup.migrate(postgres, log: { _ in })

        let telegram = TelegramStandIn(token: botTestToken, botUsername: botTestUsername)
        try telegram.start()
        if !rateLimits {
            var limits = await telegram.configuration()
            limits.rateLimitsEnabled = false
            await telegram.configure(limits)
        }
        let paziresh24 = Paziresh24StandIn()
        let p24Port = try paziresh24.start()
        var p24Configuration = Paziresh24Configuration(baseURL: URL(string: "http://127.0.0.1:\(p24Port)")!)
        p24Configuration.requestTimeout = .seconds(5)
        p24Configuration.maxAttempts = 2
        p24Configuration.retry = Paziresh24RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(100), jitter: 0.5, maxRetryAfter: .seconds(1))

        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: bootstrap, clientId: "bot-tests")
        producerConfiguration.messageTimeout = .seconds(10)
        let producer = try KafkaProducer(configuration: producerConfiguration)
        let bus = BusPublisher(producer: producer, identity: ProducerIdentity(service: "bot", instance: "bot-tests"))

        let logs = LogBuffer()
        let logger = Logger(service: "bot", instance: "bot-tests", level: .debug, sink: .buffer(logs))
        let api = TelegramClient(
            configuration: TelegramConfiguration(
                token: botTestToken, baseURL: telegram.baseURL, requestTimeout: .seconds(10), longPollGrace: .seconds(5)))
        var settings = Conversation.Settings()
        settings.botUsername = botTestUsername
        // Conversations in tests are faster than people; the flood test sets its own limits.
        settings.floodBurst = 1000
        settings.floodPerMinute = 1000
        configure(&settings)
        let store = PostgresBotStore(client: postgres)
        let watches = WatchSync(store: store, publisher: KafkaWatchPublisher(bus: bus))
        let metrics = BotMetrics(registry: MetricsRegistry())
        let conversation = Conversation(
            store: store, watches: watches,
            directory: Paziresh24DoctorDirectory(client: Paziresh24Client(configuration: p24Configuration)),
            messenger: TelegramBotMessenger(api: api), settings: settings,
            onWarning: { logger.warning($0, $1) })
        let dispatcher = UpdateDispatcher(conversation: conversation, metrics: metrics, logger: logger)
        var poller: Task<(any Error)?, Never>?
        if poll {
            let service = UpdatePoller(
                api: api, dispatcher: dispatcher, logger: logger, longPollSeconds: longPollSeconds, allowedUpdates: allowedUpdates
            )
            poller = Task {
                do {
                    try await service.run()
                    return nil
                } catch {
                    return error
                }
            }
        }
        return BotHarness(
            telegram: telegram, paziresh24: paziresh24, database: database, postgres: postgres, producer: producer,
            store: store, watches: watches, api: api, conversation: conversation, dispatcher: dispatcher, logs: logs,
            logger: logger, poller: poller, broker: broker)
    }

    /// Stops the poller (and waits for it), the stand-ins, the producer and the pool.
    func stop() async {
        for line in logs.lines where line.contains("\"level\":\"error\"") || line.contains("\"level\":\"critical\"") {
            print("bot log: \(line)")
        }
        if let poller {
            poller.cancel()
            _ = await poller.value
        }
        telegram.stop()
        paziresh24.stop()
        await producer.close()
        await postgres.close()
        await broker?.stop()
    }

    // MARK: Talking to the bot

    /// Sends a private text message from `chat` and returns the bot's replies (waits for `replies` of them).
    @discardableResult
    func say(
        _ chat: Int64, _ text: String, languageCode: String? = nil, firstName: String? = nil, username: String? = nil,
        replies: Int = 1
    ) async throws -> [Reply] {
        let before = await sent(to: chat).count
        await telegram.injectMessage(
            chatID: chat, text: text, firstName: firstName, username: username, languageCode: languageCode)
        return try await waitForReplies(to: chat, after: before, count: replies)
    }

    /// Sends a private text message and returns the text of the one reply.
    func ask(_ chat: Int64, _ text: String, languageCode: String? = nil) async throws -> String {
        try await say(chat, text, languageCode: languageCode).first?.text ?? ""
    }

    /// Sends a private text message and expects exactly `expected` as the one reply.
    func expectReply(
        _ chat: Int64, _ text: String, languageCode: String? = nil, _ expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let replies = try await say(chat, text, languageCode: languageCode)
        #expect(replies.map(\.text) == [expected], "reply to \(text.prefix(80))", sourceLocation: sourceLocation)
    }

    /// Queues raw updates (full `Update` objects or stand-in shorthands).
    @discardableResult
    func inject(_ updates: [TelegramJSON]) async throws -> [Int64] {
        try await telegram.injectUpdates(updates)
    }

    /// Injects updates and waits for `replies` messages to `chat`.
    func send(_ updates: [TelegramJSON], expecting replies: Int, in chat: Int64) async throws -> [Reply] {
        let before = await sent(to: chat).count
        try await inject(updates)
        return try await waitForReplies(to: chat, after: before, count: replies)
    }

    /// Taps a button (callback data) on the bot's last message in `chat`; waits for the callback to
    /// be answered and returns the messages sent meanwhile and the answer's text.
    func tap(_ chat: Int64, _ data: String) async throws -> (replies: [Reply], answer: String?) {
        let before = await sent(to: chat).count
        let answersBefore = await answers().count
        await telegram.injectCallbackQuery(chatID: chat, data: data)
        let answered = try await waitUntil("the callback \(data) is answered") { await self.answers().count > answersBefore }
        _ = answered
        let answer = await answers()[answersBefore]
        let replies = await sent(to: chat).dropFirst(before).map(Reply.init)
        return (Array(replies), answer.parameters["text"]?.stringValue)
    }

    /// Subscribes `chat` through the buttons: `/subscribe <url>`, the target whose label contains
    /// `label`, confirm. Returns the confirmation reply.
    @discardableResult
    func subscribe(_ chat: Int64, to url: String, choosing label: String) async throws -> Reply {
        let choose = try #require(await say(chat, "/subscribe \(url)").first)
        let pick = try #require(choose.data(of: label), "no button \(label) in \(choose)")
        let confirm = try #require(await tap(chat, pick).replies.first)
        let done = try await tap(chat, try #require(confirm.data(of: "✅")))
        return try #require(done.replies.first)
    }

    /// Every answerCallbackQuery call.
    func answers() async -> [TelegramStandInLogEntry] {
        await telegram.callLog().filter { $0.method == "answerCallbackQuery" }
    }

    /// Every message delivered to `chat` (sendMessage calls the stand-in answered 200; a 429 and its
    /// retry are one message).
    func sent(to chat: Int64) async -> [TelegramStandInSentMessage] {
        await telegram.sentMessages().filter { $0.chatID == chat && $0.delivered }
    }

    /// The replies to `chat` so far.
    func replies(to chat: Int64) async -> [Reply] {
        await sent(to: chat).map(Reply.init)
    }

    /// Waits until `count` messages after the first `before` reached `chat`; returns them.
    func waitForReplies(to chat: Int64, after before: Int, count: Int, timeout: Duration = .seconds(20)) async throws -> [Reply] {
        try await waitUntil("\(count) replies to chat \(chat)", timeout: timeout) {
            await self.sent(to: chat).count >= before + count
        }
        if count == 0 { try await Task.sleep(for: .milliseconds(300)) }
        return await Array(sent(to: chat).dropFirst(before).map(Reply.init))
    }

    /// Polls `condition` until it holds; throws (with the bot's log tail) after `timeout`.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        if try await condition() { return true }
        throw HarnessTimeout(
            description: "timed out waiting for \(what); bot log tail:\n" + logs.lines.suffix(15).joined(separator: "\n"))
    }

    // MARK: Database

    /// Runs a query on the bot's database.
    func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await postgres.query(query)
    }

    /// `count(*)` of a query.
    func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await postgres.query(query)
        return Int(try rows[0].decode(column: 0, as: Int64.self))
    }

    // MARK: paziresh24

    /// Registers a synthetic doctor with unique ids (so its watch targets are this test's alone):
    /// an in-person office with one service and the online-visit center `5532` with one.
    func registerDoctor(displayName: String = "سارا آزمون", withOnline: Bool = true, bookable: Bool = true) -> TestDoctor {
        let tag = UUID().uuidString.lowercased()
        let slug = "دکتر-آزمون-\(tag.prefix(8))"
        let office = Paziresh24StandInDoctor.Center(
            id: "office-\(tag)", name: "مطب تهران", userCenterId: "uc-office-\(tag)",
            services: [.init(id: "svc-office-\(tag)", name: "ویزیت حضوری", canBooking: bookable ? 1 : 0)])
        let online = Paziresh24StandInDoctor.Center(
            id: "5532", name: "ویزیت آنلاین", userCenterId: "uc-online-\(tag)",
            services: [.init(id: "svc-online-\(tag)", name: "مشاوره تلفنی", canBooking: bookable ? 1 : 0)])
        paziresh24.registerDoctor(
            Paziresh24StandInDoctor(
                slug: slug, displayName: displayName, specialty: "متخصص قلب", centers: withOnline ? [office, online] : [office]))
        return TestDoctor(
            slug: slug, displayName: displayName, officeTargetId: "office-\(tag):svc-office-\(tag)",
            onlineTargetId: withOnline ? "5532:svc-online-\(tag)" : nil)
    }
}

/// A synthetic doctor registered in the paziresh24 stand-in.
struct TestDoctor: Sendable {
    let slug: String
    let displayName: String
    let officeTargetId: String
    let onlineTargetId: String?

    /// The doctor's page as people paste it.
    var url: String { "https://www.paziresh24.com/dr/\(slug)/" }
}

/// A message the bot sent, reduced to what a person sees.
struct Reply: Sendable, CustomStringConvertible {
    /// The text.
    let text: String
    /// Inline keyboard rows: (label, callback data or URL).
    let buttons: [[(label: String, data: String)]]
    /// The reply keyboard's rows of button texts, when the message shows one.
    let replyKeyboard: [[String]]
    /// Whether the message removes the reply keyboard.
    let removesKeyboard: Bool

    init(_ sent: TelegramStandInSentMessage) {
        text = sent.text ?? ""
        replyKeyboard = (sent.replyMarkup?["keyboard"]?.arrayValue ?? []).map { row in
            (row.arrayValue ?? []).map { $0["text"]?.stringValue ?? $0.stringValue ?? "" }
        }
        removesKeyboard = sent.replyMarkup?["remove_keyboard"] == true
        let rows = sent.replyMarkup?["inline_keyboard"]?.arrayValue ?? []
        buttons = rows.map { row in
            (row.arrayValue ?? []).map { button in
                (button["text"]?.stringValue ?? "", button["callback_data"]?.stringValue ?? button["url"]?.stringValue ?? "")
            }
        }
    }

    /// Every button, row after row.
    var allButtons: [(label: String, data: String)] { buttons.flatMap { $0 } }

    /// The callback data of the first button whose label contains `label`.
    func data(of label: String) -> String? {
        allButtons.first { $0.label.contains(label) }?.data
    }

    var description: String {
        text
            + (buttons.isEmpty
                ? "" : "\n" + buttons.map { "[" + $0.map(\.label).joined(separator: "] [") + "]" }.joined(separator: "\n"))
    }
}

/// A harness wait that ran out of time.
struct HarnessTimeout: Error, CustomStringConvertible {
    let description: String
}

/// Runs `body` with a started harness and always stops it.
func withBot(
    poll: Bool = true, allowedUpdates: [String]? = UpdatePoller.allowedUpdates, rateLimits: Bool = false,
    privateBroker: Bool = false, maxSubscriptions: Int? = nil, adminChatIds: Set<Int64> = [],
    flood: (burst: Int, perMinute: Int)? = nil, _ body: (BotHarness) async throws -> Void
) async throws {
    let bot = try await BotHarness.start(
        poll: poll, allowedUpdates: allowedUpdates, rateLimits: rateLimits, privateBroker: privateBroker
    ) { settings in
        if let maxSubscriptions { settings.maxSubscriptions = maxSubscriptions }
        settings.adminChatIds = adminChatIds
        if let flood {
            settings.floodBurst = flood.burst
            settings.floodPerMinute = flood.perMinute
        }
    }
    do {
        try await body(bot)
    } catch {
        await bot.stop()
        throw error
    }
    await bot.stop()
}
