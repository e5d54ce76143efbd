import CRdKafka

extension RdKafkaClient {
    /// Creates `specs` and waits up to `timeout` for the answer. Returns the names created;
    /// a topic that already exists is not an error (it is simply not in the result). Blocking.
    func createTopics(_ specs: [KafkaTopicSpec], timeout: Duration) throws(KafkaError) -> [String] {
        guard !specs.isEmpty else { return [] }
        return try withHandle("create topics") { handle throws(KafkaError) -> [String] in
            var errorText = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
            for spec in specs {
                guard
                    let topic = rd_kafka_NewTopic_new(
                        spec.name, Int32(clamping: spec.partitions), Int32(clamping: spec.replicationFactor),
                        &errorText, errorText.count)
                else {
                    throw KafkaError(
                        code: .invalidArgument, message: "topic \(spec.name): \(Self.string(from: errorText))")
                }
                newTopics.append(topic)
                for (key, value) in spec.config.sorted(by: { $0.key < $1.key }) {
                    let error = rd_kafka_NewTopic_set_config(topic, key, value)
                    guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                        throw KafkaError(error, "topic \(spec.name) config \(key)")
                    }
                }
            }

            let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            let milliseconds = timeout.kafkaMilliseconds
            _ = rd_kafka_AdminOptions_set_request_timeout(options, milliseconds, &errorText, errorText.count)
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, milliseconds, &errorText, errorText.count)

            // A private queue: the answer comes back here and nowhere else.
            let queue = rd_kafka_queue_new(handle)
            defer { rd_kafka_queue_destroy(queue) }
            newTopics.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_CreateTopics(handle, buffer.baseAddress, buffer.count, options, queue)
            }
            // librdkafka enforces the request timeout itself; the margin covers its bookkeeping.
            guard let event = rd_kafka_queue_poll(queue, milliseconds.addingReportingOverflow(2000).partialValue) else {
                throw KafkaError(
                    code: .timedOut, message: "CreateTopics got no answer within \(timeout)", isRetriable: true)
            }
            defer { rd_kafka_event_destroy(event) }
            let eventError = rd_kafka_event_error(event)
            guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
                var error = KafkaError(eventError, "CreateTopics")
                if let text = rd_kafka_event_error_string(event) {
                    error.message = "CreateTopics: \(String(cString: text))"
                }
                throw error
            }
            guard let result = rd_kafka_event_CreateTopics_result(event) else {
                throw KafkaError(code: .broker, message: "CreateTopics: unexpected event type")
            }
            var count = 0
            guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [] }
            var created: [String] = []
            for index in 0..<count {
                guard let topicResult = results[index] else { continue }
                let name = String(cString: rd_kafka_topic_result_name(topicResult))
                let error = rd_kafka_topic_result_error(topicResult)
                switch error {
                case RD_KAFKA_RESP_ERR_NO_ERROR:
                    created.append(name)
                case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
                    continue
                default:
                    var kafkaError = KafkaError(error, "create topic \(name)")
                    if let text = rd_kafka_topic_result_error_string(topicResult) {
                        kafkaError.message = "create topic \(name): \(String(cString: text))"
                    }
                    throw kafkaError
                }
            }
            return created
        }
    }
}
