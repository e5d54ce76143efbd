import Kafka

/// A dead letter the broker refused for good (invalid topic, not authorized, still too large after
/// truncation…) after `DeadLetterPublisher`'s bounded retries. The record's offset must not be
/// stored: the consumer stops, loudly, rather than lose the record or retry forever.
public struct DeadLetterPublishError: Error, Sendable, CustomStringConvertible {
    /// The source record's position, `topic/partition/offset`.
    public var source: String
    /// Attempts made.
    public var attempts: Int
    /// The broker's last answer.
    public var underlying: KafkaError

    /// Creates the error.
    public init(source: String, attempts: Int, underlying: KafkaError) {
        self.source = source
        self.attempts = attempts
        self.underlying = underlying
    }

    /// `could not dead-letter smartwhale.data.slots/2/41 after 5 attempts: …`.
    public var description: String {
        "could not dead-letter \(source) after \(attempts) attempts: \(underlying)"
    }
}
