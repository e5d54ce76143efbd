import Foundation
import Testing

@testable import Kafka

@Suite("Kafka value types")
struct KafkaValueTypeTests {
    @Test("headers decode UTF-8 and keep null apart from empty")
    func headers() {
        #expect(KafkaHeader(key: "k", string: "سلام").stringValue == "سلام")
        #expect(KafkaHeader(key: "k", value: nil).stringValue == nil)
        #expect(KafkaHeader(key: "k", value: []).stringValue == "")
        #expect(KafkaHeader(key: "k", value: [0xFF, 0xFE]).stringValue == nil)
        #expect(KafkaHeader(key: "k", value: nil) != KafkaHeader(key: "k", value: []))
    }

    @Test("record.header returns the last header with the name")
    func lastHeaderWins() {
        let record = KafkaRecord(
            topic: "t", partition: 0, offset: 0, key: nil, value: [],
            headers: [
                KafkaHeader(key: "a", string: "1"), KafkaHeader(key: "b", string: "x"),
                KafkaHeader(key: "a", string: "2"),
            ])
        #expect(record.header("a") == "2")
        #expect(record.header("missing") == nil)
        #expect(record.topicPartition == KafkaTopicPartition(topic: "t", partition: 0))
    }

    @Test("errors describe themselves and classify admin non-answers")
    func errors() {
        let error = KafkaError(code: .timedOut, message: "CreateTopics", isRetriable: true)
        #expect(error.description.contains("timedOut"))
        #expect(error.description.contains("retriable"))
        #expect(error.isAdminRequestUnanswered)
        #expect(KafkaError(code: .unsupported, message: "").isAdminRequestUnanswered)
        #expect(!KafkaError(code: .transport, message: "").isAdminRequestUnanswered)
        #expect(KafkaError.Code("custom") == KafkaError.Code("custom"))
    }

    @Test("durations become clamped milliseconds")
    func milliseconds() {
        #expect(Duration.seconds(6).kafkaMilliseconds == 6000)
        #expect(Duration.milliseconds(1500).kafkaMilliseconds == 1500)
        #expect(Duration.microseconds(999).kafkaMilliseconds == 0)
        #expect(Duration.seconds(-1).kafkaMilliseconds == 0)
        #expect(Duration.seconds(Int64.max / 2).kafkaMilliseconds == Int32.max)
    }
}
