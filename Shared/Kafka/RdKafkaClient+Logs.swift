import CRdKafka

extension RdKafkaClient {
    /// Hands the queued librdkafka log lines (at most `limit`) to the log handler, waiting up to
    /// `timeoutMilliseconds` for the first. No-op without a handler.
    ///
    /// Only the thread that owns the handle's lifetime calls this (a poll thread, or a close path
    /// after that thread stopped), never after `retireAndDestroy()`.
    func deliverLogs(waitingUpTo timeoutMilliseconds: Int32, limit: Int = 256) {
        guard let logQueue, let logHandler else { return }
        var wait = timeoutMilliseconds
        for _ in 0..<limit {
            guard let event = rd_kafka_queue_poll(logQueue, wait) else { return }
            wait = 0
            var facility: UnsafePointer<CChar>?
            var text: UnsafePointer<CChar>?
            var level: Int32 = 0
            let isLog =
                rd_kafka_event_type(event) == RD_KAFKA_EVENT_LOG
                && rd_kafka_event_log(event, &facility, &text, &level) == 0
            // The strings belong to the event: copy them before destroying it.
            let line =
                isLog
                ? (facility.map { String(cString: $0) } ?? "", text.map { String(cString: $0) } ?? "") : nil
            rd_kafka_event_destroy(event)
            if let (facilityName, message) = line {
                logHandler(KafkaLogLevel(syslogLevel: level), facilityName, message)
            }
        }
    }
}
