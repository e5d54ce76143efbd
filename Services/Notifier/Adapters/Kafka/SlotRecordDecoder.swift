import Kafka
import Messaging
import NotifierDomain

/// Decodes `smartwhale.data.slots` records into the notifier's `FoundSlot`s. A record that is not
/// a `slot.found` this notifier understands is a decoding error, to be dead-lettered.
public struct SlotRecordDecoder: Sendable {
    let decoder = MessageDecoder(accepting: [SlotFoundV1.schema])

    /// Creates the decoder.
    public init() {}

    /// The found slot of `record`, or why it cannot be handled.
    public func decode(_ record: KafkaRecord) -> Result<FoundSlot, MessageDecodingError> {
        switch Result(catching: { () throws(MessageDecodingError) in try decoder.decode(value: record.value, headers: record.messageHeaders) }) {
        case .success(.slotFound(let envelope)):
            return .success(FoundSlot(envelope.payload))
        case .success(let other):
            return .failure(MessageDecodingError(reason: .unknownSchema, detail: "\(other.schema) is not handled here"))
        case .failure(let error):
            return .failure(error)
        }
    }
}
