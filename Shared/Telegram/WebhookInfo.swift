/// Current webhook status (Bot API `WebhookInfo`); `url` is empty when polling.
public struct WebhookInfo: Sendable, Hashable, Codable {
    /// Webhook URL, empty if none is set.
    public var url: String
    /// True if a self-signed certificate was uploaded.
    public var hasCustomCertificate: Bool
    /// Updates waiting to be delivered.
    public var pendingUpdateCount: Int
    /// Unix time of the most recent delivery error.
    public var lastErrorDate: Int64?
    /// Most recent delivery error.
    public var lastErrorMessage: String?
    /// Maximum simultaneous connections for delivery.
    public var maxConnections: Int?
    /// Update kinds the bot is subscribed to.
    public var allowedUpdates: [String]?

    /// Creates a status.
    public init(
        url: String, hasCustomCertificate: Bool = false, pendingUpdateCount: Int = 0, lastErrorDate: Int64? = nil,
        lastErrorMessage: String? = nil, maxConnections: Int? = nil, allowedUpdates: [String]? = nil
    ) {
        self.url = url
        self.hasCustomCertificate = hasCustomCertificate
        self.pendingUpdateCount = pendingUpdateCount
        self.lastErrorDate = lastErrorDate
        self.lastErrorMessage = lastErrorMessage
        self.maxConnections = maxConnections
        self.allowedUpdates = allowedUpdates
    }

    enum CodingKeys: String, CodingKey {
        case url
        case hasCustomCertificate = "has_custom_certificate"
        case pendingUpdateCount = "pending_update_count"
        case lastErrorDate = "last_error_date"
        case lastErrorMessage = "last_error_message"
        case maxConnections = "max_connections"
        case allowedUpdates = "allowed_updates"
    }

    /// Lenient on the optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        hasCustomCertificate = container.lenient(Bool.self, forKey: .hasCustomCertificate) ?? false
        pendingUpdateCount = container.lenient(Int.self, forKey: .pendingUpdateCount) ?? 0
        lastErrorDate = container.lenient(Int64.self, forKey: .lastErrorDate)
        lastErrorMessage = container.lenient(String.self, forKey: .lastErrorMessage)
        maxConnections = container.lenient(Int.self, forKey: .maxConnections)
        allowedUpdates = container.lenient([String].self, forKey: .allowedUpdates)
    }
}
