/// A Kafka record header: a key and an optional (possibly null) byte value.
public struct KafkaHeader: Sendable, Hashable {
    /// Header name; Kafka allows repeated names.
    public var key: String
    /// Header bytes; nil is a null header value.
    public var value: [UInt8]?

    /// Creates a header with raw bytes (nil = null value).
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 encoding of `string`.
    public init(key: String, string: String) {
        self.init(key: key, value: Array(string.utf8))
    }

    /// The value decoded as UTF-8, or nil for a null value or bytes that are not valid UTF-8.
    public var stringValue: String? {
        guard let value else { return nil }
        return String(validating: value, as: UTF8.self)
    }
}
