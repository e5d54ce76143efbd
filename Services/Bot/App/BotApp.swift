import BotAdapters
import BotDomain
import ChatPacing
import EventBus
import Foundation
import Kafka
import Messaging
import Paziresh24
import Postgres
import ServiceRuntime
import Storage
import Telegram

/// Wires the bot from the environment and runs it until SIGTERM/SIGINT.
public enum BotApp {
    /// Entry point used by `main.swift`.
    public static func main(arguments: [String] = CommandLine.arguments) async -> Int32 {
        await ServiceLauncher.main(
            service: "bot", settings: BotSettings.self, arguments: arguments,
            exitStatus: { $0 is UpdatePoller.AnotherInstanceIsPolling ? 2 : nil }
        ) { settings, identity, logger in
            try await run(settings: settings, identity: identity, logger: logger)
        }
    }

    static func run(settings: BotSettings, identity: ServiceIdentity, logger: Logger) async throws {
        let registry = MetricsRegistry()
        let metrics = BotMetrics(registry: registry)
        let database = PostgresClient(
            configuration: try PostgresConfiguration(url: settings.databaseURL.value), poolSize: settings.databasePoolSize)
        try await DatabaseStartup.migrate(database) { logger.notice($0) }
        await TopicBootstrapper.ensureTopicsIfEnabled(settings.bus, clientId: identity.description, logger: logger)
        var producerConfig = KafkaProducerConfiguration(
            bootstrapServers: settings.bus.bootstrapServers, clientId: identity.description)
        producerConfig.logLevel = settings.bus.clientLogLevel
        producerConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "producer")
        let producer = try KafkaProducer(configuration: producerConfig)
        var checksConfig = KafkaConsumerConfiguration(
            bootstrapServers: settings.bus.bootstrapServers, groupId: "bot-checks", clientId: identity.description,
            topics: [Topic.checks])
        checksConfig.autoOffsetReset = .latest
        checksConfig.logLevel = settings.bus.clientLogLevel
        checksConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "consumer")
        let checksConsumer = try KafkaConsumer(configuration: checksConfig)

        let bus = BusPublisher(
            producer: producer, identity: ProducerIdentity(service: identity.service, instance: identity.instance))
        let store = PostgresBotStore(client: database)
        // The only way to the watch topic, for the conversation and the reconciler alike.
        let watches = WatchSync(store: store, publisher: KafkaWatchPublisher(bus: bus))
        let telegram = TelegramClient(
            configuration: TelegramConfiguration(token: settings.telegramToken.value, baseURL: settings.telegramBaseURL))
        var conversationSettings = Conversation.Settings()
        conversationSettings.maxSubscriptions = settings.maxSubscriptions
        conversationSettings.adminChatIds = settings.adminChatIds
        conversationSettings.stillFreeStaleAfter = settings.stillFreeStaleAfter
        if let me = try? await telegram.getMe() { conversationSettings.botUsername = me.username }
        let conversation = Conversation(
            store: store, watches: watches,
            directory: Paziresh24DoctorDirectory(
                client: Paziresh24Client(
                    configuration: settings.paziresh24,
                    transport: InteractiveBudgetTransport(
                        base: URLSessionTransport(), budget: InteractiveBudget(rate: settings.interactiveRate)))),
            messenger: TelegramBotMessenger(
                api: telegram,
                pacing: PostgresChatPacing(
                    client: database, interval: .seconds(settings.perChatInterval + ChatPacingRule.arrivalAllowance)),
                on429: { metrics.telegram429() }),
            notices: PostgresNoticeSlots(client: database), settings: conversationSettings,
            onCommand: { metrics.command($0) }, onWarning: { logger.warning($0, $1) })
        let dispatcher = UpdateDispatcher(conversation: conversation, metrics: metrics, logger: logger)
        let updates: any Service
        // Updates in hand get at most 15 s on shutdown, and never more than 60 % of the grace period.
        let drainTimeout = min(.seconds(15), settings.shutdownGracePeriod * 0.6)
        switch settings.mode {
        case .polling:
            updates = UpdatePoller(api: telegram, dispatcher: dispatcher, logger: logger, drainTimeout: drainTimeout)
        case .webhook:
            updates = WebhookReceiver(
                api: telegram, dispatcher: dispatcher, publicURL: settings.webhookURL!, secret: settings.webhookSecret!.value,
                port: settings.webhookPort, path: settings.webhookURL!.path.isEmpty ? "/" : settings.webhookURL!.path,
                drainTimeout: drainTimeout, monitor: HTTPServerMonitor(listener: "webhook", metrics: registry, logger: logger),
                logger: logger)
        }
        let deadLetters = DeadLetterPublisher(bus: bus, consumer: "bot (group bot-checks)", logger: logger, metrics: registry)
        let health = HealthServer(
            port: settings.httpPort, metrics: registry,
            checks: [
                ReadinessCheck(name: "kafka") { await producer.isBrokerReachable(timeout: .seconds(2)) },
                ReadinessCheck(name: "postgres") { await database.isReachable() },
            ],
            logger: logger)
        logger.notice("bot starting", ["mode": settings.mode.rawValue, "telegram": settings.telegramBaseURL.absoluteString])
        try await ServiceGroup(
            services: [
                ("health", health),
                // The `/` menu and descriptions: set in the background, retried, never fatal.
                ("command-menu", CommandMenuPublisher(api: telegram, logger: logger)),
                (
                    "reconciler",
                    WatchReconciler(store: store, sync: watches, interval: settings.reconcileInterval, logger: logger)
                ),
                (
                    "checks",
                    CheckRecorder(
                        consumer: checksConsumer, store: store, deadLetters: deadLetters, poisonTimeout: settings.poisonTimeout,
                        metrics: metrics, logger: logger)
                ),
                ("updates", updates),
                (
                    "kafka-lag",
                    ConsumerLagMonitor(consumer: checksConsumer, group: "bot-checks", metrics: registry, logger: logger)
                ),
            ],
            gracePeriod: settings.shutdownGracePeriod, logger: logger
        ).run()
        await ShutdownCleanup.run(
            within: .seconds(5), logger: logger,
            [("kafka producer", { await producer.close() }), ("postgres", { await database.close() })])
    }
}
