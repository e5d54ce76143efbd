import EventBus
import Foundation
import Kafka
import Messaging
import Postgres
import ServiceRuntime
import Storage
import TestSupport
import Testing

@testable import BotAdapters
import BotApp
@testable import BotDomain

/// `CheckRecorder` on a private broker and a real database: a `doctor.checked` the database refuses
/// every time is dead-lettered as `processing_failed` after the poison timeout, and the record after
/// it on the same partition is recorded.
@Suite("CheckRecorder", .enabled(if: BotHarness.canStartBroker))
struct CheckRecorderTests {
    static func check(_ target: String, at checkedAt: Date) -> DoctorCheckedV1 {
        DoctorCheckedV1(
            targetId: target, doctorSlug: "dr-\(target)", outcome: .ok, errorKind: nil, freeSlotCount: 2, newSlotCount: 1,
            earliestSlots: [checkedAt.addingTimeInterval(86_400)], durationMs: 120, checkedAt: checkedAt, pollId: UUID())
    }

    @Test("a poison record is dead-lettered after the timeout and the partition moves on", .timeLimit(.minutes(2)))
    func poisonRecord() async throws {
        let broker = try await TestBroker.start()
        let database = try await TestDatabase.create(prefix: "chkrec")
        let postgres = try database.client(poolSize: 2)
        var config = KafkaProducerConfiguration(bootstrapServers: broker.bootstrap, clientId: "check-recorder-test")
        config.messageTimeout = .seconds(10)
        let producer = try KafkaProducer(configuration: config)
        var consumerConfig = KafkaConsumerConfiguration(
            bootstrapServers: broker.bootstrap, groupId: "bot-checks", clientId: "check-recorder-test", topics: [Topic.checks])
        consumerConfig.sessionTimeout = .seconds(6)
        consumerConfig.heartbeatInterval = .seconds(1)
        let consumer = try KafkaConsumer(configuration: consumerConfig)
        let logs = LogBuffer()
        let logger = Logger(service: "bot", instance: "t", level: .debug, sink: .buffer(logs))
        let registry = MetricsRegistry()
        let bus = BusPublisher(producer: producer, identity: ProducerIdentity(service: "bot", instance: "t"))
        let recorder = CheckRecorder(
            consumer: consumer, store: PostgresBotStore(client: postgres),
            deadLetters: DeadLetterPublisher(bus: bus, consumer: "bot (group bot-checks)", logger: logger, metrics: registry),
            poisonTimeout: .milliseconds(500), metrics: BotMetrics(registry: registry), logger: logger)
        let running = Task { try await recorder.run() }
        defer { running.cancel() }

        try await DatabaseStartup.migrate(postgres, log: { _ in })
        for target in ["c1:s1", "c2:s2"] {
            _ = try await postgres.query("INSERT INTO doctors (slug, display_name) VALUES (\("dr-\(target)"), 'Dr')")
            _ = try await postgres.query(
                """
                INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name)
                VALUES (\(target), \("dr-\(target)"), \("c-\(target)"), 'Clinic', 'uc', false, 's', 'visit')
                """)
        }
        try await postgres.execute(
            unsafeSQL: """
                CREATE FUNCTION refuse_check() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'test: check refused'; END $$
                """)
        try await postgres.execute(
            unsafeSQL: """
                CREATE TRIGGER refuse_check BEFORE INSERT ON target_checks FOR EACH ROW
                    WHEN (NEW.target_id = 'c1:s1') EXECUTE FUNCTION refuse_check()
                """)

        let now = Date()
        for target in ["c1:s1", "c2:s2"] {
            let check = Self.check(target, at: now)
            let message = try MessageCodec.encode(
                Envelope(producer: ProducerIdentity(service: "scraper", instance: "t"), correlationId: "x", payload: check), key: target)
            try await bus.send(message, topic: Topic.checks, partition: 0)
        }

        // The healthy record after the poison one is recorded…
        let deadline = ContinuousClock.now + .seconds(60)
        var recorded: [String] = []
        while ContinuousClock.now < deadline {
            recorded = try await postgres.query("SELECT target_id FROM target_checks ORDER BY target_id").map { try $0.decode(String.self) }
            if recorded == ["c2:s2"] { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(recorded == ["c2:s2"], "\(logs.lines.joined(separator: "\n"))")
        // …and the poison one was dead-lettered, once, with the reason and the error.
        let rendered = registry.render()
        #expect(rendered.contains(#"slothunter_deadletter_total{reason="processing_failed",service="bot"} 1"#), "\(rendered)")
        #expect(rendered.contains("slothunter_bot_poison_records_total 1"))
        #expect(logs.lines.joined(separator: "\n").contains("giving up a doctor.checked record"))
        #expect(logs.lines.joined(separator: "\n").contains("P0001"))

        running.cancel()
        _ = await running.result
        await producer.close()
        await postgres.close()
        await broker.stop()
    }
}
