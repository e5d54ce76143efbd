import BotAdapters
import BotApp
import BotDomain
import EventBus
import Foundation
import Kafka
import Messaging
import TestSupport
import Testing

/// After every commit, the last `smartwhale.data.watches` message of a target says what the database
/// wants (watched or not), whatever the interleaving of subscribes, unsubscribes and reconciler
/// passes across chat lanes and bot processes.
@Suite("WatchSync", .enabled(if: BotHarness.isEnabled))
struct WatchSyncTests {
    @Test("1,000 random interleavings on PostgreSQL: the last acknowledged message per target matches the database")
    func interleavingsOnPostgres() async throws {
        // The stand-in broker pauses before appending (up to 0.8 ms, one time in eight 2–6 ms, longer
        // than a subscribe takes): the gap between a decision and the broker in which, before
        // WatchSync, a stale cancel overtook a newer request (a reconciler's orphan list, or the last
        // unsubscribe in one chat against the next first subscribe in another).
        let broker = RecordingWatchPublisher(pauseMicroseconds: 0...800, longPauseMicroseconds: 2000...6000)
        let race = try await WatchRace.start(publisher: broker)
        do {
            try await Self.runRounds(1000, seed: 0x5EED_0001, race: race, broker: broker)
        } catch {
            await race.stop()
            throw error
        }
        await race.stop()
    }

    @Test("50 random interleavings on the broker: the topic read back ends, per target, with what the database wants")
    func interleavingsOnBroker() async throws {
        var configuration = KafkaProducerConfiguration(
            bootstrapServers: try TestEnvironment.requireKafkaBootstrap(), clientId: "bot-tests-watch-race")
        configuration.messageTimeout = .seconds(10)
        let producer = try KafkaProducer(configuration: configuration)
        let bus = BusPublisher(producer: producer, identity: ProducerIdentity(service: "bot", instance: "bot-tests"))
        let acknowledged = RecordingWatchPublisher(inner: KafkaWatchPublisher(bus: bus), pauseMicroseconds: 0...500)
        let race = try await WatchRace.start(publisher: acknowledged)
        do {
            try await Self.runRounds(50, seed: 0x5EED_0002, race: race, broker: acknowledged)
            // The topic itself, read by a fresh consumer: per key, exactly what was acknowledged, in
            // that order, so its last message is the database's state too.
            let sent = await acknowledged.log
            let topic = try await Self.readBack(keys: Set(race.targets.map(\.target.id)), expecting: sent)
            for stored in race.targets {
                let id = stored.target.id
                #expect(topic[id] == sent[id], "topic vs acknowledgements for \(id)")
            }
            let last = topic.compactMapValues(\.last)
            #expect(try await race.mismatches(last) == [])
        } catch {
            await race.stop()
            await producer.close()
            throw error
        }
        await race.stop()
        await producer.close()
    }

    @Test("a publish that fails is healed by the next reconciler pass")
    func failedPublishHealed() async throws {
        let broker = RecordingWatchPublisher()
        let race = try await WatchRace.start(publisher: broker, replicas: 1)
        do {
            let replica = race.replicas[0]
            try await replica.reconciler.reconcile()
            await broker.failNext(1)
            let target = race.targets[0]
            let confirm = IncomingCallback(
                id: "1", chatId: race.users[0], userId: race.users[0], languageCode: "en", data: "sub:\(target.shortId)")
            try await replica.conversation.handle(.callback(confirm))
            #expect(race.warnings.lines.withLock { $0 } == ["could not publish the watch event; the reconciler will"])
            #expect(try await race.mismatches(await broker.lastMessages()).count == 1)

            let (requested, cancelled) = try await replica.reconciler.reconcile()
            #expect(requested == 1 && cancelled == race.targets.count - 1)
            #expect(try await race.mismatches(await broker.lastMessages()) == [])
        } catch {
            await race.stop()
            throw error
        }
        await race.stop()
    }

    // MARK: Helpers

    /// Seeds every target with a message, then runs `rounds` random plans, checking after each that
    /// every target's last acknowledged message matches the database.
    static func runRounds(_ rounds: Int, seed: UInt64, race: WatchRace, broker: RecordingWatchPublisher) async throws {
        try await race.replicas[0].reconciler.reconcile()
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        var flips = 0
        var previous = try await race.watchedTargetIds()
        var played = 0
        for round in 0..<rounds {
            played += 1
            let plan = WatchRace.Plan.random(
                users: race.users.count, targets: race.targets.count, replicas: race.replicas.count, using: &rng)
            try await race.run(plan)
            let wrong = try await race.mismatches(await broker.lastMessages())
            if !wrong.isEmpty {
                failures.append("round \(round) [\(plan)]: \(wrong.joined(separator: "; "))")
                if failures.count == 5 { break }
            }
            let watched = try await race.watchedTargetIds()
            flips += watched.symmetricDifference(previous).count
            previous = watched
        }
        let published = await broker.log.values.reduce(0) { $0 + $1.count }
        print("watch race: \(played) rounds, \(flips) watched/unwatched flips, \(published) messages acknowledged")
        #expect(failures == [], "\(failures.count) round(s) left the topic disagreeing with the database")
        #expect(race.warnings.lines.withLock { $0 } == [])
        // The plans did exercise the transitions that matter (a target's first watcher, its last).
        #expect(flips >= played / 10, "only \(flips) watched/unwatched flips in \(played) rounds")
    }

    /// Reads `smartwhale.data.watches` from the beginning with a consumer of its own group until every
    /// key of `keys` has as many messages as `expecting` holds; returns them per key, in topic order.
    static func readBack(
        keys: Set<String>, expecting: [String: [RecordingWatchPublisher.Message]]
    ) async throws -> [String: [RecordingWatchPublisher.Message]] {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: try TestEnvironment.requireKafkaBootstrap(),
            groupId: "bot-tests-watch-race-\(UUID().uuidString.prefix(8))", clientId: "bot-tests-watch-race",
            topics: [Topic.watches])
        configuration.autoOffsetReset = .earliest
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        let consumer = try KafkaConsumer(configuration: configuration)
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
        let wanted = keys.reduce(into: [String: Int]()) { $0[$1] = expecting[$1]?.count ?? 0 }
        let reading = Task { () -> [String: [RecordingWatchPublisher.Message]] in
            var seen: [String: [RecordingWatchPublisher.Message]] = [:]
            func complete() -> Bool { wanted.allSatisfy { (seen[$0.key]?.count ?? 0) >= $0.value } }
            if complete() { return seen }
            for await event in consumer.events {
                guard case .message(let record) = event else { continue }
                let key = record.key.map { String(decoding: $0, as: UTF8.self) } ?? ""
                guard keys.contains(key) else { continue }
                switch try? decoder.decode(value: record.value, headers: record.messageHeaders) {
                case .watchRequested(let envelope): seen[key, default: []].append(.requested(envelope.payload.target))
                case .watchCancelled(let envelope): seen[key, default: []].append(.cancelled(reason: envelope.payload.reason ?? ""))
                default: Issue.record("undecodable record for \(key)")
                }
                if complete() { break }
            }
            return seen
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(30))
            await consumer.close()
        }
        let seen = await reading.value
        timeout.cancel()
        await consumer.close()
        for (key, count) in wanted {
            #expect((seen[key]?.count ?? 0) == count, "read \(seen[key]?.count ?? 0) of \(count) messages of \(key)")
        }
        return seen
    }
}
