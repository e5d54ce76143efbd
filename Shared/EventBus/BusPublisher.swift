import Foundation
import Kafka
import Messaging

/// Publishes contract envelopes on Kafka: JSON value, key, and the routing headers.
public struct BusPublisher: Sendable {
    let producer: KafkaProducer
    /// Who is publishing (written into every envelope).
    public let identity: ProducerIdentity

    /// Creates a publisher over a producer.
    public init(producer: KafkaProducer, identity: ProducerIdentity) {
        self.producer = producer
        self.identity = identity
    }

    /// Wraps a payload in an envelope and sends it, awaiting the broker's acknowledgement.
    @discardableResult
    public func publish<P: MessagePayload>(
        _ payload: P, topic: String, key: String?, correlationId: String, occurredAt: Date = Date(),
        traceId: String? = nil
    ) async throws -> KafkaDeliveryReport {
        let envelope = Envelope(
            occurredAt: occurredAt, producer: identity, correlationId: correlationId, traceId: traceId, payload: payload)
        return try await send(try MessageCodec.encode(envelope, key: key), topic: topic)
    }

    /// Sends an already encoded message.
    @discardableResult
    public func send(_ message: EncodedMessage, topic: String, partition: Int32? = nil) async throws -> KafkaDeliveryReport {
        try await producer.send(
            topic: topic, key: message.key, value: message.value,
            headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) },
            partition: partition)
    }
}

extension KafkaRecord {
    /// The record's headers as contract headers (values decoded as UTF-8).
    public var messageHeaders: [MessageHeader] {
        headers.map { MessageHeader(key: $0.key, value: $0.value.map { String(decoding: $0, as: UTF8.self) }) }
    }
}
