import CRdKafka

/// Name <-> number tables for control commands: Kafka API keys and librdkafka error codes.
enum KafkaNames {
    /// Protocol API keys by their Kafka names (case-insensitive lookup).
    static let apiKeys: [String: Int16] = [
        "produce": 0, "fetch": 1, "listoffsets": 2, "metadata": 3, "offsetcommit": 8, "offsetfetch": 9,
        "findcoordinator": 10, "joingroup": 11, "heartbeat": 12, "leavegroup": 13, "syncgroup": 14,
        "describegroups": 15, "listgroups": 16, "apiversion": 18, "apiversions": 18, "createtopics": 19,
        "deletetopics": 20, "initproducerid": 22, "addpartitionstotxn": 24, "addoffsetstotxn": 25,
        "endtxn": 26, "txnoffsetcommit": 28,
    ]

    /// Error codes by librdkafka name without the `RD_KAFKA_RESP_ERR_` prefix, e.g. `NOT_LEADER_FOR_PARTITION`.
    static let errorCodes: [String: rd_kafka_resp_err_t] = {
        var descriptions: UnsafePointer<rd_kafka_err_desc>?
        var count = 0
        rd_kafka_get_err_descs(&descriptions, &count)
        var table: [String: rd_kafka_resp_err_t] = [:]
        guard let descriptions else { return table }
        for index in 0..<count {
            let entry = descriptions[index]
            guard let name = entry.name else { continue }
            table[String(cString: name).uppercased()] = entry.code
        }
        return table
    }()

    /// Parses an API key given as a number or a name.
    static func apiKey(_ text: String) -> Int16? {
        if let number = Int16(text), number >= 0 { return number }
        return apiKeys[text.lowercased()]
    }

    /// Parses an error code given as a number or a name (with or without `RD_KAFKA_RESP_ERR_`).
    static func errorCode(_ text: String) -> rd_kafka_resp_err_t? {
        if let number = Int32(text) { return rd_kafka_resp_err_t(rawValue: number) }
        var name = text.uppercased()
        if name.hasPrefix("RD_KAFKA_RESP_ERR_") { name.removeFirst("RD_KAFKA_RESP_ERR_".count) }
        return errorCodes[name]
    }
}
