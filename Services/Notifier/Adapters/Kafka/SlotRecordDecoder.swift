import Kafka
import Messaging
import NotifierDomain

/// Decodes `smartwhale.data.slots` records into the notifier's `SlotEvent`s. A record that is not
/// a `slot.found` or `slot.gone` this notifier understands is a decoding error, to be dead-lettered.
public struct SlotRecordDecoder: Sendable {
    let decoder = MessageDecoder(accepting: [SlotFoundV1.schema, SlotGoneV1.schema])
    /// `slot.gone` as the bytes of a `schema` header (compared without converting every header).
    static let goneSchema = Array(SlotGoneV1.schema.utf8)

    /// Creates the decoder.
    public init() {}

    /// The slot event of `record`, or why it cannot be handled.
    public func decode(_ record: KafkaRecord) -> Result<SlotEvent, MessageDecodingError> {
        let decoded = Result { () throws(MessageDecodingError) in
            try decoder.decode(value: record.value, headers: record.messageHeaders)
        }
        switch decoded {
        case .success(.slotFound(let envelope)):
            return .success(.found(FoundSlot(envelope.payload)))
        case .success(.slotGone(let envelope)):
            return .success(.gone(GoneSlot(envelope.payload)))
        case .success(let other):
            return .failure(MessageDecodingError(reason: .unknownSchema, detail: "\(other.schema) is not handled here"))
        case .failure(let error):
            return .failure(error)
        }
    }

    /// The gone slot of `record` if it is a `slot.gone` (judged by its `schema` header first, so
    /// that other records cost no decoding); nil otherwise. For the consumer pump's early look.
    public func goneSlot(_ record: KafkaRecord) -> GoneSlot? {
        guard record.headers.last(where: { $0.key == MessageHeader.Name.schema })?.value == Self.goneSchema,
            case .success(.gone(let slot)) = decode(record)
        else { return nil }
        return slot
    }
}
