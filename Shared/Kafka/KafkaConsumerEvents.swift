/// The events of one `KafkaConsumer`, fed by its poll thread through a bounded buffer.
///
/// Meant for a single reader: each event is delivered once, to whichever iterator asks first.
/// The sequence ends after `close()`, or for an iterator whose task is cancelled.
public struct KafkaConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerEvent

    let buffer: ConsumerEventBuffer

    /// Iterator over the consumer's events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: ConsumerEventBuffer

        /// The next event; nil when the consumer was closed or the task cancelled.
        public mutating func next() async -> KafkaConsumerEvent? {
            await buffer.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffer: buffer)
    }
}
