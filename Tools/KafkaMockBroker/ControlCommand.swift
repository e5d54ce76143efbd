import CRdKafka

/// One line of the control FIFO, parsed.
enum ControlCommand: Equatable {
    /// A broker id, or every broker of the cluster.
    enum BrokerSelector: Equatable {
        case one(Int32)
        case all
    }

    case brokerDown(BrokerSelector)
    case brokerUp(BrokerSelector)
    case brokerRTT(BrokerSelector, milliseconds: Int32)
    case requestErrors(apiKey: Int16, errors: [rd_kafka_resp_err_t])
    case clearErrors(apiKey: Int16)
    case topicError(topic: String, error: rd_kafka_resp_err_t)
    case createTopic(name: String, partitions: Int32, replicationFactor: Int32?)
    case partitionLeader(topic: String, partition: Int32, brokerId: Int32)

    /// Why a line was rejected.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses a command line; blank lines and `#` comments yield nil.
    static func parse(_ line: String) throws(ParseError) -> ControlCommand? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard let verb = words.first, !verb.hasPrefix("#") else { return nil }
        let arguments = Array(words.dropFirst())
        func require(_ range: ClosedRange<Int>) throws(ParseError) {
            guard range.contains(arguments.count) else {
                throw ParseError(description: "\(verb): wrong number of arguments")
            }
        }
        func broker(_ text: String) throws(ParseError) -> BrokerSelector {
            if text == "all" || text == "*" { return .all }
            guard let id = Int32(text) else { throw ParseError(description: "bad broker id \(text)") }
            return .one(id)
        }
        func int32(_ text: String) throws(ParseError) -> Int32 {
            guard let value = Int32(text), value >= 0 else { throw ParseError(description: "bad number \(text)") }
            return value
        }
        func apiKey(_ text: String) throws(ParseError) -> Int16 {
            guard let key = KafkaNames.apiKey(text) else { throw ParseError(description: "unknown api key \(text)") }
            return key
        }
        func error(_ text: String) throws(ParseError) -> rd_kafka_resp_err_t {
            guard let code = KafkaNames.errorCode(text) else { throw ParseError(description: "unknown error \(text)") }
            return code
        }
        switch verb {
        case "broker-down":
            try require(1...1)
            return .brokerDown(try broker(arguments[0]))
        case "broker-up":
            try require(1...1)
            return .brokerUp(try broker(arguments[0]))
        case "broker-rtt":
            try require(2...2)
            return .brokerRTT(try broker(arguments[0]), milliseconds: try int32(arguments[1]))
        case "request-errors":
            try require(2...100)
            var errors: [rd_kafka_resp_err_t] = []
            for text in arguments.dropFirst() { errors.append(try error(text)) }
            return .requestErrors(apiKey: try apiKey(arguments[0]), errors: errors)
        case "clear-errors":
            try require(1...1)
            return .clearErrors(apiKey: try apiKey(arguments[0]))
        case "topic-error":
            try require(2...2)
            return .topicError(topic: arguments[0], error: try error(arguments[1]))
        case "create-topic":
            try require(2...3)
            let partitions = try int32(arguments[1])
            guard partitions > 0 else { throw ParseError(description: "partitions must be positive") }
            let factor = arguments.count == 3 ? try int32(arguments[2]) : nil
            return .createTopic(name: arguments[0], partitions: partitions, replicationFactor: factor)
        case "partition-leader":
            try require(3...3)
            return .partitionLeader(
                topic: arguments[0], partition: try int32(arguments[1]), brokerId: try int32(arguments[2]))
        default:
            throw ParseError(description: "unknown command \(verb)")
        }
    }
}
