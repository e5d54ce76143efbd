import Foundation

/// Decodes bus messages for one consumer, which names the schemas it accepts.
///
/// Routing uses the `schema` and `version` headers when present (so a bad body is classified
/// without parsing), and falls back to the envelope's own fields. Unknown fields are ignored.
public struct MessageDecoder: Sendable {
    /// Schemas this consumer handles.
    public let acceptedSchemas: Set<String>

    /// Creates a decoder that accepts the given schemas.
    public init(accepting schemas: Set<String>) {
        self.acceptedSchemas = schemas
    }

    private struct Probe: Decodable {
        var schema: String?
        var version: Int?
    }

    /// Decodes a message or throws a `MessageDecodingError` naming the dead-letter reason.
    public func decode(value: [UInt8], headers: [MessageHeader]) throws(MessageDecodingError) -> InboundMessage {
        let data = Data(value)
        var schema = headers.value(for: MessageHeader.Name.schema)
        var version: Int?
        if let text = headers.value(for: MessageHeader.Name.version) {
            guard let parsed = Int(text) else {
                throw MessageDecodingError(reason: .malformed, detail: "version header is not an integer: \(text.prefix(20))")
            }
            version = parsed
        }
        if schema == nil || version == nil {
            guard let probe = try? JSONDecoder().decode(Probe.self, from: data) else {
                throw MessageDecodingError(reason: .malformed, detail: "value is not a JSON envelope")
            }
            schema = schema ?? probe.schema
            version = version ?? probe.version
        }
        guard let schema else {
            throw MessageDecodingError(reason: .malformed, detail: "no schema in headers or envelope")
        }
        guard acceptedSchemas.contains(schema), let supported = SchemaCatalog.supportedVersions[schema] else {
            throw MessageDecodingError(reason: .unknownSchema, detail: "schema \(schema.prefix(80)) is not handled by this consumer")
        }
        guard let version else {
            throw MessageDecodingError(reason: .malformed, detail: "no version in headers or envelope")
        }
        guard supported.contains(version) else {
            throw MessageDecodingError(
                reason: .unsupportedVersion,
                detail: "\(schema) v\(version) is not supported (this build decodes v\(supported.lowerBound)...v\(supported.upperBound))")
        }
        switch schema {
        case WatchRequestedV1.schema: return .watchRequested(try decodeEnvelope(data, schema: schema, version: version))
        case WatchCancelledV1.schema: return .watchCancelled(try decodeEnvelope(data, schema: schema, version: version))
        case SlotFoundV1.schema: return .slotFound(try decodeEnvelope(data, schema: schema, version: version))
        case SlotGoneV1.schema: return .slotGone(try decodeEnvelope(data, schema: schema, version: version))
        case DoctorCheckedV1.schema: return .doctorChecked(try decodeEnvelope(data, schema: schema, version: version))
        case NotificationSentV1.schema: return .notificationSent(try decodeEnvelope(data, schema: schema, version: version))
        case DeadLetterV1.schema: return .deadLetter(try decodeEnvelope(data, schema: schema, version: version))
        case SlotStateV1.schema: return .slotState(try decodeEnvelope(data, schema: schema, version: version))
        default: throw MessageDecodingError(reason: .unknownSchema, detail: "schema \(schema.prefix(80)) is unknown")
        }
    }

    /// Decodes the envelope of a v1 payload; when a v2 exists, this is where v1 is upcast.
    private func decodeEnvelope<P: MessagePayload>(
        _ data: Data, schema: String, version: Int
    ) throws(MessageDecodingError) -> Envelope<P> {
        let envelope: Envelope<P>
        do {
            envelope = try MessageCodec.makeDecoder().decode(Envelope<P>.self, from: data)
        } catch {
            throw MessageDecodingError(reason: .malformed, detail: "\(schema) v\(version): \(Self.describe(error))")
        }
        guard envelope.schema == schema, envelope.version == version else {
            throw MessageDecodingError(
                reason: .malformed,
                detail: "headers say \(schema) v\(version) but the envelope says \(envelope.schema.prefix(80)) v\(envelope.version)")
        }
        return envelope
    }

    /// A short description of a decoding error: the path and what was wrong, never the values.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return "missing field \(prefix.isEmpty ? "" : prefix + ".")\(key.stringValue)"
        case .typeMismatch(let type, let context): return "wrong type at \(path(context)) (expected \(type))"
        case .valueNotFound(let type, let context): return "null at \(path(context)) (expected \(type))"
        case .dataCorrupted(let context):
            let where_ = path(context)
            return where_.isEmpty ? "invalid JSON" : "invalid value at \(where_): \(context.debugDescription.prefix(80))"
        @unknown default: return "invalid JSON"
        }
    }
}
