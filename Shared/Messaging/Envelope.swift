import Foundation

/// The envelope every SlotHunter message travels in.
///
/// JSON keys are snake_case: `id`, `schema`, `version`, `occurred_at`, `producer`,
/// `correlation_id`, `trace_id` (optional) and `payload`.
public struct Envelope<Payload: MessagePayload>: Sendable, Equatable, Codable {
    /// Unique message id.
    public var id: UUID
    /// Schema name of the payload.
    public var schema: String
    /// Schema version of the payload.
    public var version: Int
    /// When the event happened (RFC 3339 with offset on the wire).
    public var occurredAt: Date
    /// Which service instance produced it.
    public var producer: ProducerIdentity
    /// Ties together the messages caused by one original request.
    public var correlationId: String
    /// Optional W3C trace id.
    public var traceId: String?
    /// The payload.
    public var payload: Payload

    /// Creates an envelope; `schema` and `version` come from the payload type.
    public init(
        id: UUID = UUID(), occurredAt: Date = Date(), producer: ProducerIdentity,
        correlationId: String, traceId: String? = nil, payload: Payload
    ) {
        self.id = id
        self.schema = Payload.schema
        self.version = Payload.version
        self.occurredAt = occurredAt
        self.producer = producer
        self.correlationId = correlationId
        self.traceId = traceId
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case id, schema, version, producer, payload
        case occurredAt = "occurred_at"
        case correlationId = "correlation_id"
        case traceId = "trace_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeUUID(forKey: .id)
        schema = try container.decode(String.self, forKey: .schema)
        version = try container.decode(Int.self, forKey: .version)
        occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        producer = try container.decode(ProducerIdentity.self, forKey: .producer)
        correlationId = try container.decode(String.self, forKey: .correlationId)
        traceId = try container.decodeIfPresent(String.self, forKey: .traceId)
        payload = try container.decode(Payload.self, forKey: .payload)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeLowercased(id, forKey: .id)
        try container.encode(schema, forKey: .schema)
        try container.encode(version, forKey: .version)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(producer, forKey: .producer)
        try container.encode(correlationId, forKey: .correlationId)
        try container.encodeIfPresent(traceId, forKey: .traceId)
        try container.encode(payload, forKey: .payload)
    }
}
