import Foundation

/// Builds the dead-letter message for a record a consumer could not process.
public enum DeadLetterBuilder {
    /// Wraps the original bytes, headers and position with a reason. The dead-letter message keeps
    /// the original headers too (prefixed `dlq-` headers are added), keyed by `topic/partition/offset`.
    public static func build(
        reason: DeadLetterV1.Reason, detail: String, sourceTopic: String, sourcePartition: Int32,
        sourceOffset: Int64, consumer: String, originalKey: [UInt8]?, originalValue: [UInt8],
        originalHeaders: [MessageHeader], producer: ProducerIdentity, now: Date = Date()
    ) throws -> EncodedMessage {
        let payload = DeadLetterV1(
            reason: reason, detail: detail, sourceTopic: sourceTopic, sourcePartition: sourcePartition,
            sourceOffset: sourceOffset, consumer: consumer, originalKey: originalKey, originalValue: originalValue,
            originalHeaders: originalHeaders)
        let correlation = originalHeaders.value(for: MessageHeader.Name.correlationId) ?? "\(sourceTopic)/\(sourcePartition)/\(sourceOffset)"
        let envelope = Envelope(occurredAt: now, producer: producer, correlationId: correlation, payload: payload)
        var message = try MessageCodec.encode(envelope, key: "\(sourceTopic)/\(sourcePartition)/\(sourceOffset)")
        message.headers += [
            MessageHeader(key: MessageHeader.Name.deadLetterReason, value: reason.rawValue),
            MessageHeader(key: MessageHeader.Name.deadLetterSourceTopic, value: sourceTopic),
            MessageHeader(key: MessageHeader.Name.deadLetterSourcePartition, value: String(sourcePartition)),
            MessageHeader(key: MessageHeader.Name.deadLetterSourceOffset, value: String(sourceOffset)),
        ]
        return message
    }
}
