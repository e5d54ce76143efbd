import Foundation

/// Encodes envelopes to the wire format: compact JSON with sorted keys and RFC 3339 dates.
public enum MessageCodec {
    /// The JSON encoder of the contract (sorted keys so bytes are stable across runs and hosts).
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }

    /// The JSON decoder of the contract (unknown fields ignored; dates RFC 3339 with any offset).
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an RFC 3339 timestamp with offset: \(text.prefix(40))")
            }
            return date
        }
        return decoder
    }

    /// Encodes an envelope with its routing headers.
    public static func encode<P: MessagePayload>(_ envelope: Envelope<P>, key: String?) throws -> EncodedMessage {
        let value = try makeEncoder().encode(envelope)
        return EncodedMessage(
            key: key.map { Array($0.utf8) },
            value: Array(value),
            headers: [
                MessageHeader(key: MessageHeader.Name.schema, value: envelope.schema),
                MessageHeader(key: MessageHeader.Name.version, value: String(envelope.version)),
                MessageHeader(key: MessageHeader.Name.id, value: envelope.id.uuidString.lowercased()),
                MessageHeader(key: MessageHeader.Name.contentType, value: "application/json"),
                MessageHeader(key: MessageHeader.Name.correlationId, value: envelope.correlationId),
            ])
    }
}
