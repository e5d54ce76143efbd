import EventBus
import Foundation
import Kafka
import Messaging
import Synchronization

/// Reads one topic from its beginning, in a consumer group of its own, and keeps every message it
/// can decode (what the scraper published, as any downstream consumer would see it).
final class TopicRecorder: Sendable {
    private let consumer: KafkaConsumer
    private let messages = Mutex<[InboundMessage]>([])
    private let assigned = Mutex(false)
    private let reader = Mutex<Task<Void, Never>?>(nil)

    init(bootstrap: String, topic: String, schemas: Set<String>) throws {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrap, groupId: "test-recorder-\(UUID().uuidString.prefix(8))", clientId: "test-recorder",
            topics: [topic])
        configuration.autoOffsetReset = .earliest
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        consumer = try KafkaConsumer(configuration: configuration)
        let decoder = MessageDecoder(accepting: schemas)
        // The task keeps `self` until the events end (close()).
        let task = Task { [self, consumer] in
            for await event in consumer.events {
                switch event {
                case .message(let record):
                    if let message = try? decoder.decode(value: record.value, headers: record.messageHeaders) {
                        self.messages.withLock { $0.append(message) }
                    }
                case .assigned:
                    self.assigned.withLock { $0 = true }
                case .revoked, .error:
                    break
                }
            }
        }
        reader.withLock { $0 = task }
    }

    /// Everything decoded so far.
    var all: [InboundMessage] { messages.withLock { $0 } }

    /// Whether the group assigned the topic's partitions to this recorder.
    var isAssigned: Bool { assigned.withLock { $0 } }

    /// `doctor.checked` payloads with the instance that published each.
    var checks: [(instance: String, payload: DoctorCheckedV1)] {
        all.compactMap {
            if case .doctorChecked(let envelope) = $0 { return (envelope.producer.instance, envelope.payload) }
            return nil
        }
    }

    /// `slot.found` payloads.
    var slots: [SlotFoundV1] {
        all.compactMap {
            if case .slotFound(let envelope) = $0 { return envelope.payload }
            return nil
        }
    }

    /// `slot.gone` payloads.
    var gone: [SlotGoneV1] {
        all.compactMap {
            if case .slotGone(let envelope) = $0 { return envelope.payload }
            return nil
        }
    }

    /// `slot.state` payloads with their partition (in arrival order).
    var states: [SlotStateV1] {
        all.compactMap {
            if case .slotState(let envelope) = $0 { return envelope.payload }
            return nil
        }
    }

    /// Leaves the group and stops reading.
    func close() async {
        await consumer.close()
        await reader.withLock { $0 }?.value
    }
}
