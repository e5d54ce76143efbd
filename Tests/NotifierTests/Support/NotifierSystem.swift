import Foundation
import Kafka
import Messaging
import Postgres
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The notifier as processes, for integration tests and failure drills: a private broker, a
/// database (on the shared test server or a private one), the Telegram stand-in process and any
/// number of `notifier` replicas, plus a producer of `slot.found` events.
final class NotifierSystem: @unchecked Sendable {
    // @unchecked: every stored property is set in `start`; `notifiers` is only touched by the
    // single test task that owns the system.
    let broker: TestBroker
    let database: TestDatabase
    let client: PostgresClient
    let telegram: TestTelegram
    let producer: KafkaProducer
    let bin: String
    private(set) var notifiers: [String: ChildProcess] = [:]

    private init(
        broker: TestBroker, database: TestDatabase, client: PostgresClient, telegram: TestTelegram, producer: KafkaProducer, bin: String
    ) {
        self.broker = broker
        self.database = database
        self.client = client
        self.telegram = telegram
        self.producer = producer
        self.bin = bin
    }

    /// Starts the broker and the stand-in, creates (or uses) a database and migrates it.
    static func start(database: TestDatabase? = nil, telegramConfig: [String: Any]? = nil) async throws -> NotifierSystem {
        let bin = try TestEnvironment.requireBinDir()
        let broker = try await TestBroker.start()
        let database = if let database { database } else { try await TestDatabase.create(prefix: "ntf") }
        let client = try database.client(poolSize: 2)
        try await NotifierTestData.migrate(client)
        let telegram = try await TestTelegram.start(token: "123456:NOTIFIER-test-token", configuration: telegramConfig)
        var config = KafkaProducerConfiguration(bootstrapServers: broker.bootstrap, clientId: "notifier-test-producer")
        config.extra["linger.ms"] = "2"
        let producer = try KafkaProducer(configuration: config)
        return NotifierSystem(broker: broker, database: database, client: client, telegram: telegram, producer: producer, bin: bin)
    }

    /// Starts a system, runs `body`, and stops everything whether `body` succeeded or not.
    static func with<T>(
        database: TestDatabase? = nil, telegramConfig: [String: Any]? = nil, _ body: (NotifierSystem) async throws -> T
    ) async throws -> T {
        let system = try await start(database: database, telegramConfig: telegramConfig)
        do {
            let result = try await body(system)
            await system.stop()
            return result
        } catch {
            await system.stop()
            throw error
        }
    }

    /// Environment of a notifier replica (overridable per test).
    var environment: [String: String] {
        ServiceTestEnvironment.common(broker: broker, database: database, telegram: telegram)
            .merging(["NOTIFIER_COALESCE_WINDOW_MS": "300"]) { _, new in new }
    }

    /// Starts a notifier replica and waits until it has its partitions.
    @discardableResult
    func startNotifier(
        _ name: String = "notifier", extra: [String: String] = [:], waitForAssignment: Bool = true
    ) async throws -> ChildProcess {
        var env = environment
        env["INSTANCE_ID"] = name
        for (key, value) in extra { env[key] = value }
        let process = try ChildProcess(name: name, executable: "\(bin)/notifier", environment: env)
        notifiers[name] = process
        if waitForAssignment { try await process.waitForOutput(containing: "\"partitions assigned\"", timeout: .seconds(45)) }
        return process
    }

    /// Forgets a replica (after a crash, before starting its successor under the same name).
    func forget(_ name: String) { notifiers[name] = nil }

    /// Publishes `slot.found` events (keyed by target id, as the scraper does) and waits for the acks;
    /// with `partition`, all go to that partition, one after another, in order.
    func produce(_ slots: [SlotFoundV1], partition: Int32? = nil) async throws {
        if let partition {
            for slot in slots {
                let envelope = Envelope(
                    producer: ProducerIdentity(service: "scraper", instance: "test"), correlationId: slot.pollId.uuidString.lowercased(),
                    payload: slot)
                let message = try MessageCodec.encode(envelope, key: slot.targetId)
                _ = try await producer.send(
                    topic: Topic.slots, key: message.key, value: message.value,
                    headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) }, partition: partition)
            }
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in slots {
                let envelope = Envelope(
                    producer: ProducerIdentity(service: "scraper", instance: "test"), correlationId: slot.pollId.uuidString.lowercased(),
                    payload: slot)
                let message = try MessageCodec.encode(envelope, key: slot.targetId)
                group.addTask {
                    _ = try await self.producer.send(
                        topic: Topic.slots, key: message.key, value: message.value,
                        headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) })
                }
            }
            try await group.waitForAll()
        }
    }

    /// Publishes slot events one after another (each acknowledged before the next is sent), keyed
    /// by target id as the scraper does: a target's events reach the notifier in this order.
    func produceInOrder(_ events: [SlotMessage]) async throws {
        for event in events {
            let message: EncodedMessage
            switch event {
            case .found(let slot):
                message = try MessageCodec.encode(
                    Envelope(
                        producer: ProducerIdentity(service: "scraper", instance: "test"),
                        correlationId: slot.pollId.uuidString.lowercased(), payload: slot),
                    key: slot.targetId)
            case .gone(let slot):
                message = try MessageCodec.encode(
                    Envelope(
                        producer: ProducerIdentity(service: "scraper", instance: "test"),
                        correlationId: slot.pollId.uuidString.lowercased(), payload: slot),
                    key: slot.targetId)
            }
            _ = try await producer.send(
                topic: Topic.slots, key: message.key, value: message.value,
                headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) })
        }
    }

    /// Reads `topic` from the beginning (a throw-away consumer group) until `count` records arrived
    /// or `timeout` passed; returns what it read.
    func read(_ topic: String, count: Int, timeout: Duration) async throws -> [KafkaRecord] {
        var config = KafkaConsumerConfiguration(
            bootstrapServers: broker.bootstrap, groupId: "reader-\(UUID().uuidString.prefix(8))", clientId: "notifier-test-reader",
            topics: [topic])
        config.sessionTimeout = .seconds(6)
        config.heartbeatInterval = .seconds(1)
        let consumer = try KafkaConsumer(configuration: config)
        let collector = RecordCollector()
        let reader = Task {
            for try await event in consumer.events {
                if case .message(let record) = event { await collector.append(record) }
            }
        }
        try? await eventually(within: timeout, every: .milliseconds(200), "\(count) records on \(topic)") {
            await collector.records.count >= count
        }
        await consumer.close()
        reader.cancel()
        _ = await reader.result
        return await collector.records
    }

    /// Merges keys into the stand-in's configuration (`POST /control/config`).
    func configureTelegram(_ patch: [String: Any]) async throws { try await telegram.configure(patch) }

    /// What the stand-in delivered so far.
    func delivered() async throws -> DeliveredMessages {
        DeliveredMessages(sent: try await telegram.control.get("/control/sent"))
    }

    /// The stand-in's call log for sendMessage: (time, chat, status).
    func sendLog() async throws -> [(time: Date, chat: Int64, status: Int)] { try await telegram.sendLog() }

    /// Waits until `condition` holds for the delivered messages, polling the stand-in.
    @discardableResult
    func waitForDelivered(
        timeout: Duration, every interval: Duration = .milliseconds(500), _ condition: (DeliveredMessages) -> Bool
    ) async throws -> DeliveredMessages {
        var last = DeliveredMessages(sent: [String: Any]())
        do {
            try await eventually(within: timeout, every: interval, "delivered messages to meet the condition") {
                last = try await delivered()
                return condition(last)
            }
        } catch is EventuallyTimeout {
            throw ControlError("condition not met within \(timeout): \(last.messages.count) delivered\n\(logs())")
        }
        return last
    }

    /// The health port a replica printed (`health server listening`).
    func healthPort(of process: ChildProcess) async throws -> Int {
        let port = try? await eventuallyValue(within: .seconds(30), every: .milliseconds(100), "\(process.name)'s health port") {
            () -> Int? in
            for line in process.output.split(separator: "\n") where line.contains("\"health server listening\"") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let port = (object["port"] as? String).flatMap(Int.init) ?? (object["port"] as? Int)
                {
                    return port
                }
            }
            return nil
        }
        if let port { return port }
        throw ControlError("\(process.name) never said on which port it serves health\n\(process.output.suffix(2000))")
    }

    /// GET on a replica's health server: (status, body).
    func health(_ process: ChildProcess, _ path: String) async throws -> (status: Int, body: String) {
        let port = try await healthPort(of: process)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The sum of a metric's samples on a replica whose labels include `labels` (e.g. `reason="blocked"`).
    func metric(_ process: ChildProcess, _ name: String, labels: String? = nil) async throws -> Double {
        let body = try await health(process, "/metrics").body
        return Self.sum(of: name, labels: labels, in: body)
    }

    static func sum(of name: String, labels: String? = nil, in text: String) -> Double {
        var total = 0.0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard line.hasPrefix(name + " ") || line.hasPrefix(name + "{") else { continue }
            if let labels, !line.contains(labels) { continue }
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { total += value }
        }
        return total
    }

    /// The last lines of every replica's output and of the stand-in (for failure messages).
    func logs() -> String {
        notifiers.sorted { $0.key < $1.key }.map { "---- \($0.key)\n\($0.value.output.suffix(3000))" }.joined(separator: "\n")
    }

    /// Stops the replicas, the stand-in and the broker; returns the replicas' exit statuses.
    @discardableResult
    func stop() async -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        for (name, process) in notifiers { statuses[name] = await process.terminate(grace: .seconds(20)) }
        await producer.close()
        await client.close()
        await telegram.stop()
        await broker.stop()
        return statuses
    }
}

/// A record of the slots topic, for `produceInOrder`.
enum SlotMessage {
    case found(SlotFoundV1)
    case gone(SlotGoneV1)
}

/// Records read by a test consumer.
actor RecordCollector {
    private(set) var records: [KafkaRecord] = []
    func append(_ record: KafkaRecord) { records.append(record) }
}
