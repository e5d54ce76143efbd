import Testing

@testable import Kafka

@Suite("KafkaAdmin")
struct KafkaAdminTests {
    static let hostTopics = [
        "smartwhale.data.watches": 6, "smartwhale.data.slots": 6, "smartwhale.data.checks": 6,
        "smartwhale.data.notifications": 6, "smartwhale.data.deadletter": 3,
    ]

    @Test(
        "listTopics sees the topics the broker host pre-created",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(1)))
    func listTopics() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let admin = try KafkaAdmin(bootstrapServers: bootstrap, clientId: "test-admin")
        defer { admin.close() }
        let topics = try await admin.listTopics(timeout: .seconds(5))
        for (name, partitions) in Self.hostTopics {
            #expect(topics[name] == partitions, "\(name)")
        }
        if KafkaTestEnvironment.control != nil {
            let topic = KafkaTestEnvironment.uniqueName("listed")
            try await KafkaTestEnvironment.makeTopic(topic, partitions: 5, bootstrap: bootstrap)
            #expect(try await admin.listTopics(timeout: .seconds(5))[topic] == 5)
        }
    }

    @Test(
        "ensureTopics leaves existing topics alone and reports the mock's missing CreateTopics as unanswered",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(1)))
    func ensureTopics() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let admin = try KafkaAdmin(bootstrapServers: bootstrap, clientId: "test-admin")
        defer { admin.close() }
        let existing = Self.hostTopics.map { KafkaTopicSpec(name: $0.key, partitions: 12, replicationFactor: 1) }
        #expect(try await admin.ensureTopics(existing, timeout: .seconds(5)) == [])

        let missing = KafkaTopicSpec(
            name: KafkaTestEnvironment.uniqueName("ensure"), partitions: 2, replicationFactor: 1,
            config: ["retention.ms": "60000"])
        let started = ContinuousClock.now
        do {
            let created = try await admin.ensureTopics(existing + [missing], timeout: .seconds(2))
            // A real broker answers CreateTopics.
            #expect(created == [missing.name])
        } catch {
            #expect(error.isAdminRequestUnanswered, "\(error)")
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("calls after close fail with .closed")
    func closed() async throws {
        let admin = try KafkaAdmin(bootstrapServers: "127.0.0.1:1", clientId: "closed")
        admin.close()
        admin.close()
        do {
            _ = try await admin.listTopics(timeout: .milliseconds(100))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .closed)
        }
    }
}
