import ChatPacing
import EventBus
import Foundation
import Kafka
import Messaging
import NotifierAdapters
import NotifierDomain
import Postgres
import ServiceRuntime
import Storage
import Telegram

/// Wires the notifier from the environment and runs it until SIGTERM/SIGINT.
public enum NotifierApp {
    /// Entry point used by `main.swift`.
    public static func main(arguments: [String] = CommandLine.arguments) async -> Int32 {
        await ServiceLauncher.main(
            service: "notifier", settings: NotifierSettings.self, arguments: arguments
        ) { settings, identity, logger in
            try await run(settings: settings, identity: identity, logger: logger)
        }
    }

    static func run(settings: NotifierSettings, identity: ServiceIdentity, logger: Logger) async throws {
        let registry = MetricsRegistry()
        let metrics = NotifierMetrics(registry: registry)
        let database = PostgresClient(
            configuration: try PostgresConfiguration(url: settings.databaseURL.value), poolSize: settings.databasePoolSize)
        try await DatabaseStartup.migrate(database) { logger.notice($0) }
        await TopicBootstrapper.ensureTopicsIfEnabled(settings.bus, clientId: identity.description, logger: logger)
        var producerConfig = KafkaProducerConfiguration(bootstrapServers: settings.bus.bootstrapServers, clientId: identity.description)
        producerConfig.messageTimeout = .seconds(120)
        producerConfig.extra["reconnect.backoff.max.ms"] = "2000"
        producerConfig.logLevel = settings.bus.clientLogLevel
        producerConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "producer")
        let producer = try KafkaProducer(configuration: producerConfig)
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: settings.bus.bootstrapServers, groupId: settings.groupId, clientId: identity.description,
            topics: [Topic.slots])
        consumerConfig.sessionTimeout = settings.sessionTimeout
        consumerConfig.heartbeatInterval = settings.heartbeatInterval
        // Room for eight batches: when the consumer's buffer fills it pauses its partitions, which
        // drops what librdkafka prefetched, and they are fetched again after the resume. With the
        // default 256 a backlog was read at ~1,000 records/s instead of ~40,000; with two batches'
        // room a backlog still paused once and stalled ~0.2 s (bench/notifier/run.sh). (Capping
        // librdkafka's prefetch instead, `queued.min.messages`, made it back off a second per fetch.)
        consumerConfig.eventBufferCapacity = max(1024, settings.batchSize * 8)
        consumerConfig.extra["fetch.wait.max.ms"] = String(settings.fetchWait.wholeMilliseconds)
        consumerConfig.extra["reconnect.backoff.max.ms"] = "2000"
        consumerConfig.logLevel = settings.bus.clientLogLevel
        consumerConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "consumer")
        let consumer = try KafkaConsumer(configuration: consumerConfig)

        // One connection per concurrent send, so sends never queue inside URLSession.
        let telegram = TelegramClient(
            configuration: TelegramConfiguration(
                token: settings.telegramToken.value, baseURL: settings.telegramBaseURL, requestTimeout: settings.telegramTimeout),
            transport: URLSessionTelegramTransport(maxConnections: settings.maxConcurrentSends))
        let pacer = SendPacer(globalRate: settings.globalRate, perChatInterval: settings.perChatInterval)
        let sender = TelegramNoticeSender(
            api: telegram, pacer: pacer,
            // Shared with the bot (see ChatPacingRule.arrivalAllowance).
            chatPacing: PostgresChatPacing(
                client: database, interval: .seconds(settings.perChatInterval + ChatPacingRule.arrivalAllowance)),
            logger: logger, metrics: metrics, maxBackoff: settings.sendMaxBackoff)
        let readAhead = GoneSlotsReadAhead()
        let store = PostgresNotifierStore(client: database)
        let bus = BusPublisher(producer: producer, identity: ProducerIdentity(service: identity.service, instance: identity.instance))
        let deliver = DeliverSlotBatch(
            store: store, sender: sender, events: KafkaNotificationEvents(bus: bus),
            limit: .perDay(settings.noticesPerDay, burst: settings.burst),
            expiry: SlotExpiry(maxAge: TimeInterval(settings.maxAge.components.seconds)), readAhead: readAhead,
            failureKind: PostgresNotifierStore.failureKind,
            maxConcurrentSends: settings.maxConcurrentSends,
            metrics: metrics, logger: logger, recordPoisonTimeout: settings.poisonTimeout)
        let deadLetters = DeadLetterPublisher(bus: bus, consumer: "notifier (group \(settings.groupId))", logger: logger, metrics: registry)
        let notifier = NotifierService(
            consumer: consumer, producer: producer, deliver: deliver, deadLetters: deadLetters, pacer: pacer,
            batchSize: settings.batchSize, window: settings.coalesceWindow, fallbackPartitionCount: settings.bus.topicPartitions,
            poisonTimeout: settings.poisonTimeout, failureKind: PostgresNotifierStore.failureKind, metrics: metrics, logger: logger,
            readAhead: readAhead, ledger: store)
        let health = HealthServer(
            port: settings.httpPort, metrics: registry,
            checks: [
                ReadinessCheck(name: "kafka") { await producer.isBrokerReachable(timeout: .seconds(2)) },
                ReadinessCheck(name: "postgres") { await database.isReachable() },
            ],
            logger: logger)
        logger.notice(
            "notifier starting",
            [
                "kafka": settings.bus.bootstrapServers, "group": settings.groupId, "telegram": settings.telegramBaseURL.absoluteString,
                "global_rate": String(settings.globalRate),
            ])
        defer { Task { await database.close() } }
        try await ServiceGroup(
            services: [
                ("health", health), ("notifier", notifier),
                // Lag against the group's committed offsets: what the notifier has still to deliver.
                ("kafka-lag", ConsumerLagMonitor(consumer: consumer, group: settings.groupId, metrics: registry, logger: logger)),
            ],
            gracePeriod: settings.shutdownGracePeriod, logger: logger
        ).run()
    }
}
