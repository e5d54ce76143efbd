import Foundation
import Kafka
import Messaging
import StandIns
import Synchronization
import TestSupport

/// A private broker (`kafka-mock-broker` process), a paziresh24 stand-in process serving
/// synthetic doctors, their watches on `smartwhale.data.watches`, and scraper processes.
final class ScraperFleet: Sendable {
    /// Process-level scraper tests need the built executables (and fail under CI without them).
    static var isEnabled: Bool { TestEnvironment.binDir != nil || TestEnvironment.isCI }

    let broker: TestBroker
    let standIn: Paziresh24StandInProcess
    let standInURL: URL
    let targets: [SyntheticTarget]
    let bin: String
    private let replicas = Mutex<[ScraperReplica]>([])

    private init(broker: TestBroker, standIn: Paziresh24StandInProcess, standInURL: URL, targets: [SyntheticTarget], bin: String) {
        self.broker = broker
        self.standIn = standIn
        self.standInURL = standInURL
        self.targets = targets
        self.bin = bin
    }

    /// Starts the broker and the stand-in, registers `count` doctors (one target each) with the
    /// given slots, and produces one `watch.requested` per target, keyed by target id.
    static func start(
        targets count: Int, prefix: String, slots: (SyntheticTarget) -> [Int] = { _ in [] }
    ) async throws
        -> ScraperFleet
    {
        let bin = try TestEnvironment.requireBinDir()
        let broker = try await TestBroker.start()
        let standIn = try await Paziresh24StandInProcess.start(bin: bin)
        let targets = (0..<count).map { SyntheticTarget(index: $0, prefix: prefix) }
        try await standIn.registerDoctors(targets.map(\.doctor))
        try await standIn.setSlots(targets.map { $0.slots(slots($0)) })
        let fleet = ScraperFleet(broker: broker, standIn: standIn, standInURL: standIn.url, targets: targets, bin: bin)
        try await fleet.produceWatches()
        return fleet
    }

    private func produceWatches() async throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: broker.bootstrap, clientId: "test-bot"))
        for target in targets {
            let envelope = Envelope(
                producer: ProducerIdentity(service: "bot", instance: "test"), correlationId: "test-\(target.index)",
                payload: WatchRequestedV1(target: target.watchTarget))
            let message = try MessageCodec.encode(envelope, key: target.id)
            _ = try await producer.send(
                topic: Topic.watches, key: message.key, value: message.value,
                headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) })
        }
        await producer.close()
    }

    /// Environment of a scraper pointed at this fleet.
    func environment(name: String, extra: [String: String]) -> [String: String] {
        var env = [
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
            "KAFKA_CREATE_TOPICS": "false",
            "HTTP_PORT": "0",
            "PAZIRESH24_APIGW_URL": standInURL.absoluteString,
            "PAZIRESH24_PROFILE_URL": standInURL.absoluteString,
            "SCRAPER_SESSION_TIMEOUT_MS": "6000",
            "SCRAPER_HEARTBEAT_MS": "1000",
            "INSTANCE_ID": name,
            "LOG_LEVEL": "notice",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Starts a scraper process.
    @discardableResult
    func startScraper(_ name: String, extra: [String: String] = [:]) throws -> ScraperReplica {
        let process = try ChildProcess(name: name, executable: "\(bin)/scraper", environment: environment(name: name, extra: extra))
        let replica = ScraperReplica(name: name, process: process)
        replicas.withLock { $0.append(replica) }
        return replica
    }

    /// Every scraper started so far.
    var scrapers: [ScraperReplica] { replicas.withLock { $0 } }

    /// getFreeDays requests the stand-in answered, in arrival order.
    func freeDaysRequests(from start: Date = .distantPast, to end: Date = .distantFuture) async throws -> [Paziresh24RequestRecord] {
        let from = Int64(start.timeIntervalSince1970 * 1000), to = Int64(end.timeIntervalSince1970 * 1000)
        return try await standIn.requests(path: "/booking/v2/getFreeDays").filter { $0.unixMs >= from && $0.unixMs < to }
    }

    /// Waits until the replicas' latest assignments are non-empty, disjoint and cover every
    /// partition of the watches topic, and no rebalance happened for `quiet`.
    func waitForStableAssignment(
        of replicas: [ScraperReplica], partitions: Int = 6, quiet: Duration = .seconds(3), timeout: Duration = .seconds(45)
    ) async throws -> [String: Set<Int32>] {
        do {
            return try await eventuallyValue(within: timeout, every: .milliseconds(200), "a stable assignment") {
                () throws -> [String: Set<Int32>]? in
                let views = replicas.map { ($0.name, $0.assignment()) }
                let owned = views.map(\.1.partitions)
                let union = owned.reduce(into: Set<Int32>()) { $0.formUnion($1) }
                let lastChange = views.compactMap(\.1.changedAt).max() ?? .distantPast
                if union == Set(0..<Int32(partitions)), owned.map(\.count).reduce(0, +) == partitions,
                    owned.allSatisfy({ !$0.isEmpty }), Date().timeIntervalSince(lastChange) >= quiet.timeInterval
                {
                    return Dictionary(uniqueKeysWithValues: views.map { ($0.0, $0.1.partitions) })
                }
                for replica in replicas where !replica.process.isRunning {
                    throw ControlError("\(replica.name) exited:\n\(replica.process.output.suffix(3000))")
                }
                return nil
            }
        } catch is EventuallyTimeout {
            throw ControlError(
                "no stable assignment within \(timeout): \(replicas.map { ($0.name, $0.assignment().partitions.sorted()) })\n\(logs())")
        }
    }

    /// The tail of every scraper's output, for failure messages.
    func logs() -> String {
        scrapers.map { "---- \($0.name)\n\($0.process.output.suffix(2500))" }.joined(separator: "\n")
    }

    /// Stops every scraper still running (SIGTERM, all at once), closes the recorders, then the
    /// stand-in and the broker.
    /// - Returns: the exit statuses of the scrapers stopped here.
    @discardableResult
    func stop(closing recorders: [TopicRecorder] = []) async -> [String: Int32] {
        let running = scrapers.filter { $0.process.isRunning }
        let statuses = await withTaskGroup(of: (String, Int32).self) { group in
            for replica in running {
                group.addTask { (replica.name, await replica.process.terminate(grace: .seconds(30))) }
            }
            var statuses: [String: Int32] = [:]
            for await (name, status) in group { statuses[name] = status }
            return statuses
        }
        for recorder in recorders { await recorder.close() }
        await standIn.stop()
        await broker.stop()
        return statuses
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
