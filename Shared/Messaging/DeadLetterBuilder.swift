import Foundation

/// Builds the dead-letter message for a record a consumer could not process.
public enum DeadLetterBuilder {
    /// Room left, below a size limit, for the record's framing on the broker (offsets, lengths,
    /// timestamps, CRC): the limit applies to the whole record, not only to key, value and headers.
    public static let recordOverhead = 512

    /// Longest detail kept in a truncated dead letter.
    public static let truncatedDetailLimit = 2_000

    /// Wraps the original bytes, headers and position with a reason. The dead-letter message keeps
    /// the original headers too (prefixed `dlq-` headers are added), keyed by `topic/partition/offset`.
    ///
    /// With `maxBytes` (the producer's `message.max.bytes`), a message that would be larger keeps
    /// only the longest prefix of the original value that fits (and a short detail), flagged
    /// `truncated` with the original's length and SHA-256; if even an empty value does not fit, the
    /// original headers are dropped as well.
    public static func build(
        reason: DeadLetterV1.Reason, detail: String, sourceTopic: String, sourcePartition: Int32,
        sourceOffset: Int64, consumer: String, originalKey: [UInt8]?, originalValue: [UInt8],
        originalHeaders: [MessageHeader], producer: ProducerIdentity, maxBytes: Int? = nil, now: Date = Date()
    ) throws -> EncodedMessage {
        try buildReportingTruncation(
            reason: reason, detail: detail, sourceTopic: sourceTopic, sourcePartition: sourcePartition, sourceOffset: sourceOffset,
            consumer: consumer, originalKey: originalKey, originalValue: originalValue, originalHeaders: originalHeaders,
            producer: producer, maxBytes: maxBytes, now: now
        ).message
    }

    /// `build`, also saying whether the letter was truncated to fit `maxBytes`.
    public static func buildReportingTruncation(
        reason: DeadLetterV1.Reason, detail: String, sourceTopic: String, sourcePartition: Int32,
        sourceOffset: Int64, consumer: String, originalKey: [UInt8]?, originalValue: [UInt8],
        originalHeaders: [MessageHeader], producer: ProducerIdentity, maxBytes: Int?, now: Date = Date()
    ) throws -> (message: EncodedMessage, truncated: Bool) {
        var payload = DeadLetterV1(
            reason: reason, detail: detail, sourceTopic: sourceTopic, sourcePartition: sourcePartition,
            sourceOffset: sourceOffset, consumer: consumer, originalKey: originalKey, originalValue: originalValue,
            originalHeaders: originalHeaders)
        let correlation =
            originalHeaders.value(for: MessageHeader.Name.correlationId) ?? "\(sourceTopic)/\(sourcePartition)/\(sourceOffset)"
        func encode(_ payload: DeadLetterV1) throws -> EncodedMessage {
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
        var message = try encode(payload)
        guard let maxBytes else { return (message, false) }
        let budget = max(0, maxBytes - recordOverhead)
        guard size(of: message) > budget else { return (message, false) }
        let sha256 = SHA256.hex(originalValue)
        func truncated(_ prefix: Int) throws -> EncodedMessage {
            var cut = payload
            cut.truncate(whole: originalValue, sha256: sha256, toPrefix: prefix, detailLimit: truncatedDetailLimit)
            return try encode(cut)
        }
        if try size(of: truncated(0)) > budget { payload.originalHeaders = [] }
        // The longest prefix that fits (escaping makes the size per value byte vary, so search).
        var fits = 0
        var tooLong = originalValue.count
        while tooLong - fits > 1 {
            let middle = fits + (tooLong - fits) / 2
            if try size(of: truncated(middle)) <= budget { fits = middle } else { tooLong = middle }
        }
        payload.truncate(whole: originalValue, sha256: sha256, toPrefix: fits, detailLimit: truncatedDetailLimit)
        message = try encode(payload)
        return (message, payload.truncated == true)
    }

    /// Bytes a message takes against a broker's size limit: key, value, and header names and values.
    public static func size(of message: EncodedMessage) -> Int {
        (message.key?.count ?? 0) + message.value.count
            + message.headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.utf8.count ?? 0) }
    }
}
