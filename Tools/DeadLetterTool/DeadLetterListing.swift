import Foundation
import Messaging

/// How `deadletter list` shows dead letters: a count per reason and a table, or JSON lines.
public enum DeadLetterListing {
    /// The counts per reason and one table row per entry. `entries` are shown in the order given.
    public static func table(_ entries: [DeadLetterEntry], filter: DeadLetterFilter) -> [String] {
        let scope = filter.summary == "none" ? "" : " matching \(filter.summary)"
        let lines = ["Dead letters in \(Topic.deadLetter)\(scope): \(entries.count)"]
        guard !entries.isEmpty else { return lines }

        var counts = TextTable(header: ["COUNT", "REASON"], rightAligned: [0])
        for (reason, count) in countsByReason(entries) {
            counts.rows.append([String(count), reason.rawValue])
        }
        var letters = TextTable(header: ["DEAD LETTER", "SOURCE", "REASON", "DEAD-LETTERED AT", "DETAIL"])
        for entry in entries {
            letters.rows.append([
                entry.position.description, entry.sourceDescription, entry.letter.reason.rawValue,
                RFC3339.string(from: entry.deadLetteredAt), singleLine(entry.letter.detail),
            ])
        }
        return lines + [""] + counts.lines + [""] + letters.lines
    }

    /// Reasons with at least one entry, most frequent first (ties by name).
    public static func countsByReason(_ entries: [DeadLetterEntry]) -> [(reason: DeadLetterV1.Reason, count: Int)] {
        Dictionary(grouping: entries, by: \.letter.reason)
            .map { (reason: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.reason.rawValue) < ($0.count, $1.reason.rawValue) }
    }

    /// One compact JSON object per entry (sorted keys, RFC 3339 times).
    public static func jsonLines(_ entries: [DeadLetterEntry]) throws -> [String] {
        let encoder = MessageCodec.makeEncoder()
        return try entries.map { String(decoding: try encoder.encode(JSONLine($0)), as: UTF8.self) }
    }

    /// Tabs and line breaks in a detail would break the table.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// The JSON shape of one dead letter in `--json` output.
    struct JSONLine: Encodable {
        var deadLetter: String
        var deadLetterPartition: Int32
        var deadLetterOffset: Int64
        var deadLetteredAt: Date
        var envelopeId: String
        var correlationId: String
        var reason: String
        var detail: String
        var consumer: String
        var sourceTopic: String
        var sourcePartition: Int32
        var sourceOffset: Int64
        var originalKeyBase64: String?
        var originalValueBase64: String
        var originalValueText: String?
        var originalHeaders: [MessageHeader]

        init(_ entry: DeadLetterEntry) {
            let letter = entry.letter
            deadLetter = entry.position.description
            deadLetterPartition = entry.position.partition
            deadLetterOffset = entry.position.offset
            deadLetteredAt = entry.deadLetteredAt
            envelopeId = entry.envelope.id.uuidString.lowercased()
            correlationId = entry.envelope.correlationId
            reason = letter.reason.rawValue
            detail = letter.detail
            consumer = letter.consumer
            sourceTopic = letter.sourceTopic
            sourcePartition = letter.sourcePartition
            sourceOffset = letter.sourceOffset
            originalKeyBase64 = letter.originalKeyBase64
            originalValueBase64 = letter.originalValueBase64
            originalValueText = letter.originalValueText
            originalHeaders = letter.originalHeaders
        }

        enum CodingKeys: String, CodingKey {
            case reason, detail, consumer
            case deadLetter = "dead_letter"
            case deadLetterPartition = "dead_letter_partition"
            case deadLetterOffset = "dead_letter_offset"
            case deadLetteredAt = "dead_lettered_at"
            case envelopeId = "envelope_id"
            case correlationId = "correlation_id"
            case sourceTopic = "source_topic"
            case sourcePartition = "source_partition"
            case sourceOffset = "source_offset"
            case originalKeyBase64 = "original_key_base64"
            case originalValueBase64 = "original_value_base64"
            case originalValueText = "original_value_text"
            case originalHeaders = "original_headers"
        }
    }
}
