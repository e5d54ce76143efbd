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

    /// The JSON shape of one dead letter in `--json` output: the dead letter's own fields (as in
    /// `dead_letter.v1`'s payload) and where it sits, in one flat object.
    struct JSONLine: Encodable {
        let entry: DeadLetterEntry

        init(_ entry: DeadLetterEntry) { self.entry = entry }

        enum CodingKeys: String, CodingKey {
            case deadLetter = "dead_letter"
            case deadLetterPartition = "dead_letter_partition"
            case deadLetterOffset = "dead_letter_offset"
            case deadLetteredAt = "dead_lettered_at"
            case envelopeId = "envelope_id"
            case correlationId = "correlation_id"
        }

        func encode(to encoder: any Encoder) throws {
            try entry.letter.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entry.position.description, forKey: .deadLetter)
            try container.encode(entry.position.partition, forKey: .deadLetterPartition)
            try container.encode(entry.position.offset, forKey: .deadLetterOffset)
            try container.encode(entry.deadLetteredAt, forKey: .deadLetteredAt)
            try container.encode(entry.envelope.id.uuidString.lowercased(), forKey: .envelopeId)
            try container.encode(entry.envelope.correlationId, forKey: .correlationId)
        }
    }
}
