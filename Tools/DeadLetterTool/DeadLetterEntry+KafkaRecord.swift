import EventBus
import Kafka
import Messaging

extension DeadLetterEntry {
    /// Accepts only `dead.letter` messages; anything else on the topic is skipped and counted.
    private static let decoder = MessageDecoder(accepting: [DeadLetterV1.schema])

    /// Decodes a record of the dead-letter topic.
    init(record: KafkaRecord) throws(MessageDecodingError) {
        let message = try Self.decoder.decode(value: record.value, headers: record.messageHeaders)
        guard case .deadLetter(let envelope) = message else {
            throw MessageDecodingError(reason: .unknownSchema, detail: "not a \(DeadLetterV1.schema) message")
        }
        self.init(position: DeadLetterPosition(partition: record.partition, offset: record.offset), envelope: envelope)
    }
}
