/// A message ready for the bus: key, JSON value and headers.
public struct EncodedMessage: Sendable, Equatable {
    /// Partitioning key (UTF-8 of the target or chat id).
    public var key: [UInt8]?
    /// The JSON envelope.
    public var value: [UInt8]
    /// `schema`, `version`, `id`, `content-type`, `correlation-id`.
    public var headers: [MessageHeader]

    /// Creates an encoded message.
    public init(key: [UInt8]?, value: [UInt8], headers: [MessageHeader]) {
        self.key = key
        self.value = value
        self.headers = headers
    }
}
