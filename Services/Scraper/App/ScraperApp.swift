import EventBus
import Foundation
import Kafka
import Messaging
import Paziresh24
import ScraperAdapters
import ScraperDomain
import ServiceRuntime

/// Wires the scraper from the environment and runs it until SIGTERM/SIGINT.
public enum ScraperApp {
    /// Entry point used by `main.swift`.
    public static func main(arguments: [String] = CommandLine.arguments) async -> Int32 {
        await ServiceLauncher.main(
            service: "scraper", settings: ScraperSettings.self, arguments: arguments
        ) { settings, identity, logger in
            try await run(settings: settings, identity: identity, logger: logger)
        }
    }

    static func run(settings: ScraperSettings, identity: ServiceIdentity, logger: Logger) async throws {
        let registry = MetricsRegistry()
        let metrics = ScraperMetrics(registry: registry)
        await TopicBootstrapper.ensureTopicsIfEnabled(settings.bus, clientId: identity.description, logger: logger)
        var producerConfig = KafkaProducerConfiguration(bootstrapServers: settings.bus.bootstrapServers, clientId: identity.description)
        producerConfig.messageTimeout = .seconds(120)
        producerConfig.closeTimeout = settings.producerCloseTimeout
        // librdkafka backs reconnects off up to 10 s; after a broker outage that delayed both
        // publishing and /readyz by up to 10 s once the broker was back (measured 7–9 s in the
        // outage drill). Reconnecting every 2 s at most costs the broker nothing.
        producerConfig.extra["reconnect.backoff.max.ms"] = "2000"
        producerConfig.logLevel = settings.bus.clientLogLevel
        producerConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "producer")
        let producer = try KafkaProducer(configuration: producerConfig)
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: settings.bus.bootstrapServers, groupId: settings.groupId, clientId: identity.description,
            topics: [Topic.watches, Topic.slotState])
        consumerConfig.readAssignedPartitionsFromBeginning = true
        consumerConfig.sessionTimeout = settings.sessionTimeout
        consumerConfig.heartbeatInterval = settings.heartbeatInterval
        consumerConfig.extra["reconnect.backoff.max.ms"] = "2000"
        consumerConfig.logLevel = settings.bus.clientLogLevel
        consumerConfig.logHandler = KafkaLogBridge.handler(logger: logger, client: "consumer")
        let consumer = try KafkaConsumer(configuration: consumerConfig)

        let budget = PolitenessBudget(
            globalRate: settings.sweepRate, coolDownFactor: settings.coolDownFactor, coolDown: settings.coolDown)
        let gate = BudgetGate(budget: budget) { snapshot in metrics.budget(snapshot) }
        let transport = BudgetedTransport(base: URLSessionTransport(), gate: gate) { duration, _ in
            metrics.requests.inc()
            metrics.requestDuration.observe(duration)
        }
        let client = Paziresh24Client(configuration: settings.paziresh24, transport: transport)
        let state = ScraperState(minInterval: settings.minInterval, restoresState: true, probing: settings.probingPolicy) {
            targets, partitions in
            metrics.targets.set(Double(targets))
            metrics.partitions.set(Double(partitions))
        }
        let producerIdentity = ProducerIdentity(service: identity.service, instance: identity.instance)
        let bus = BusPublisher(producer: producer, identity: producerIdentity)
        let poll = PollTarget(
            source: Paziresh24FreeSlotSource(client: client, bookingSite: settings.paziresh24.wwwURL), events: KafkaScraperEvents(bus: bus),
            state: state, store: KafkaSlotStateStore(bus: bus))
        let probe = RunProbe(source: Paziresh24ProbeSource(client: client), state: state)
        let deadLetters = DeadLetterPublisher(
            bus: bus, consumer: "scraper (group \(settings.groupId))", logger: logger, metrics: registry)
        let scraper = ScraperService(
            settings: settings, consumer: consumer, producer: producer, state: state, gate: gate, poll: poll, probe: probe, client: client,
            metrics: metrics, deadLetters: deadLetters, logger: logger)
        let health = HealthServer(
            port: settings.httpPort, metrics: registry,
            checks: [ReadinessCheck(name: "kafka") { await producer.isBrokerReachable(timeout: .seconds(2)) }],
            logger: logger)
        logger.notice(
            "scraper starting",
            [
                "kafka": settings.bus.bootstrapServers, "group": settings.groupId, "global_rate": String(settings.globalRate),
                "interactive_rate": String(settings.interactiveRate), "min_interval_s": String(settings.minInterval),
                "probing": String(settings.probing), "sweep_interval_s": String(settings.sweepInterval),
                "apigw": settings.paziresh24.apiGatewayURL.absoluteString,
            ])
        try await ServiceGroup(
            services: [
                ("health", health), ("scraper", scraper),
                // The scraper re-reads its partitions from the beginning and never commits: lag
                // is counted from its position.
                (
                    "kafka-lag",
                    ConsumerLagMonitor(
                        consumer: consumer, group: settings.groupId, metrics: registry, logger: logger, basis: .position)
                ),
            ],
            gracePeriod: settings.shutdownGracePeriod, logger: logger
        ).run()
    }
}
