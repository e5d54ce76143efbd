/// A header of a message on the bus, independent of any Kafka client.
///
/// `schema`, `version`, `id` and `content-type` are always set, so a consumer can route or
/// dead-letter a message without parsing its body.
public struct MessageHeader: Sendable, Hashable, Codable {
    /// Header name.
    public var key: String
    /// Header value as UTF-8 text (`nil` for a header without a value).
    public var value: String?

    /// Creates a header.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    /// Well-known header names.
    public enum Name {
        /// The schema name, e.g. `slot.found`.
        public static let schema = "schema"
        /// The schema version as a decimal integer.
        public static let version = "version"
        /// The envelope id (UUID).
        public static let id = "id"
        /// Always `application/json`.
        public static let contentType = "content-type"
        /// The correlation id of the envelope.
        public static let correlationId = "correlation-id"
        /// Dead-letter headers.
        public static let deadLetterReason = "dlq-reason"
        public static let deadLetterSourceTopic = "dlq-source-topic"
        public static let deadLetterSourcePartition = "dlq-source-partition"
        public static let deadLetterSourceOffset = "dlq-source-offset"
    }
}

extension Array where Element == MessageHeader {
    /// The value of the last header named `key` (Kafka allows repeats; the last one wins).
    public func value(for key: String) -> String? {
        last(where: { $0.key.lowercased() == key.lowercased() })?.value
    }
}
