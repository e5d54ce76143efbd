import CRdKafka

extension KafkaError {
    /// Maps a librdkafka error code to a `KafkaError`.
    init(_ error: rd_kafka_resp_err_t, _ context: String, file: String = #fileID, line: Int = #line) {
        let (code, retriable) = Self.classify(error)
        self.init(
            code: code, message: "\(context): \(String(cString: rd_kafka_err2str(error)))",
            isRetriable: retriable, isFatal: error == RD_KAFKA_RESP_ERR__FATAL,
            librdkafkaCode: error.rawValue, librdkafkaName: String(cString: rd_kafka_err2name(error)),
            file: file, line: line)
    }

    /// Maps an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer, _ context: String, file: String = #fileID, line: Int = #line) {
        let code = rd_kafka_error_code(error)
        self.init(code, context, file: file, line: line)
        if let text = rd_kafka_error_string(error) { message = "\(context): \(String(cString: text))" }
        isRetriable = isRetriable || rd_kafka_error_is_retriable(error) != 0
        isFatal = rd_kafka_error_is_fatal(error) != 0
        if isFatal { self.code = .fatal }
        rd_kafka_error_destroy(error)
    }

    /// Module code and retriability of a librdkafka error code.
    static func classify(_ error: rd_kafka_resp_err_t) -> (Code, Bool) {
        switch error {
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
            RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION, RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
            return (.transport, true)
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
            return (.timedOut, true)
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
            return (.messageTimedOut, true)
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return (.queueFull, true)
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
            return (.messageTooLarge, false)
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
            return (.unknownTopicOrPartition, true)
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            return (.unknownTopicOrPartition, false)
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
            return (.topicAlreadyExists, false)
        case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE, RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION,
            RD_KAFKA_RESP_ERR_INVALID_REQUEST:
            return (.unsupported, false)
        case RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS,
            RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR, RD_KAFKA_RESP_ERR_INVALID_CONFIG,
            RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
            return (.invalidArgument, false)
        case RD_KAFKA_RESP_ERR__FATAL:
            return (.fatal, false)
        case RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
            return (.purged, false)
        case RD_KAFKA_RESP_ERR__NO_OFFSET:
            return (.noOffset, false)
        case RD_KAFKA_RESP_ERR__STATE:
            return (.invalidState, false)
        case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION,
            RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
            return (.rebalanceInProgress, true)
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR__AUTHENTICATION,
            RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
            return (.notAuthorized, false)
        case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
            RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH, RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
            RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_CONTROLLER,
            RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS, RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED,
            RD_KAFKA_RESP_ERR__WAIT_COORD, RD_KAFKA_RESP_ERR__IN_PROGRESS, RD_KAFKA_RESP_ERR__RETRY,
            RD_KAFKA_RESP_ERR__NODE_UPDATE, RD_KAFKA_RESP_ERR__PARTIAL:
            return (.broker, true)
        default:
            return (.broker, false)
        }
    }
}
