/// Which service instance produced a message.
public struct ProducerIdentity: Sendable, Hashable, Codable {
    /// Service name: `scraper`, `notifier`, `bot`.
    public var service: String
    /// Instance id (host name or `INSTANCE_ID`).
    public var instance: String

    /// Creates an identity.
    public init(service: String, instance: String) {
        self.service = service
        self.instance = instance
    }
}
