import TestSupport
import Testing

@testable import Kafka

@Suite("ConsumerEventBuffer")
struct ConsumerEventBufferTests {
    private func record(_ partition: Int32, _ offset: Int64) -> KafkaRecord {
        KafkaRecord(topic: "t", partition: partition, offset: offset, key: nil, value: [UInt8(offset)])
    }

    private func offset(_ event: KafkaConsumerEvent?) -> Int64? {
        if case .message(let record) = event { record.offset } else { nil }
    }

    @Test("events come out in order and records count against the capacity")
    func orderAndCapacity() async {
        let buffer = ConsumerEventBuffer(capacity: 2)
        #expect(buffer.hasRoom)
        buffer.push(.message(record(0, 0)))
        buffer.push(.assigned([KafkaTopicPartition(topic: "t", partition: 0)]))
        buffer.push(.message(record(0, 1)))
        #expect(!buffer.hasRoom)
        buffer.push(.error(KafkaError(code: .transport, message: "dropped while full")))
        buffer.push(.revoked([]))  // assignment changes are never dropped
        #expect(buffer.bufferedRecordCount == 2)

        #expect(offset(await buffer.next()) == 0)
        #expect(buffer.hasRoom)
        if case .assigned(let partitions) = await buffer.next() {
            #expect(partitions == [KafkaTopicPartition(topic: "t", partition: 0)])
        } else {
            Issue.record("expected assigned")
        }
        #expect(offset(await buffer.next()) == 1)
        if case .revoked = await buffer.next() {} else { Issue.record("expected revoked") }
        #expect(buffer.bufferedRecordCount == 0)
    }

    @Test("a waiting reader gets the next pushed event")
    func waitingReader() async throws {
        let buffer = ConsumerEventBuffer(capacity: 4)
        async let next = buffer.next()
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the reader to wait") { buffer.waitingReaderCount == 1 }
        buffer.push(.message(record(1, 7)))
        #expect(offset(await next) == 7)
    }

    @Test("revoked partitions lose their buffered records; finish drops records and ends the sequence")
    func discardAndFinish() async {
        let buffer = ConsumerEventBuffer(capacity: 10)
        buffer.push(.message(record(0, 0)))
        buffer.push(.message(record(1, 0)))
        buffer.push(.message(record(0, 1)))
        buffer.discardRecords(of: [KafkaTopicPartition(topic: "t", partition: 0)])
        #expect(buffer.bufferedRecordCount == 1)
        buffer.push(.revoked([KafkaTopicPartition(topic: "t", partition: 1)]))
        buffer.push(.message(record(1, 1)))
        buffer.finish()
        buffer.push(.message(record(1, 2)))  // ignored after finish
        if case .revoked = await buffer.next() {} else { Issue.record("expected revoked to survive finish") }
        #expect(await buffer.next() == nil)
        #expect(await buffer.next() == nil)
    }

    @Test("a cancelled reader gets nil")
    func cancellation() async throws {
        let buffer = ConsumerEventBuffer(capacity: 1)
        let reader = Task { await buffer.next() }
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the reader to wait") { buffer.waitingReaderCount == 1 }
        reader.cancel()
        #expect(await reader.value == nil)
        buffer.push(.message(record(0, 3)))
        #expect(offset(await buffer.next()) == 3)
    }
}
