import Messaging
import ServiceRuntime

/// The notes a command prints on standard error about how the dead-letter topic was read.
enum ScanNotes {
    /// Lines saying how much was read, how the end was found, and what was skipped or went wrong.
    static func lines(for scan: DeadLetterScan) -> [String] {
        var lines: [String] = []
        let read = "read \(scan.recordCount) record\(scan.recordCount == 1 ? "" : "s") from \(Topic.deadLetter)"
        switch scan.ending {
        case .idle(let idle):
            lines.append(
                "note: \(read); stopped after \(idle.wholeMilliseconds) ms without a new record. The Kafka module "
                    + "offers no high-watermark query, so that silence is taken as the end of the topic "
                    + "(raise --idle-ms if the broker is slow).")
        case .timeLimit(let limit):
            lines.append(
                "warning: \(read); stopped after reading for \(limit.wholeMilliseconds / 1000) s while records kept "
                    + "arriving: the result may be incomplete.")
        }
        if !scan.skipped.isEmpty {
            let examples = scan.skipped.prefix(5).map { "\($0.position) (\($0.detail))" }.joined(separator: "; ")
            let more = scan.skipped.count > 5 ? "; …" : ""
            lines.append(
                "warning: skipped \(scan.skipped.count) record(s) that are not readable \(DeadLetterV1.schema) "
                    + "v\(DeadLetterV1.version) messages: \(examples)\(more)")
        }
        if let last = scan.errors.last {
            lines.append(
                "warning: the consumer reported \(scan.errors.count) error(s) while reading, so the result may be "
                    + "incomplete; last: \(last)")
        }
        return lines
    }
}
