import Foundation
import Messaging
import Testing

@testable import DeadLetterTool

@Suite("DeadLetterListing")
struct DeadLetterListingTests {
    private func entries() throws -> [DeadLetterEntry] {
        [
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 0, offset: 1, at: .init(partition: 0, offset: 5),
                detail: "value is not a JSON envelope"),
            try DeadLetters.entry(
                reason: .unsupportedVersion, topic: "t", partition: 0, offset: 2, at: .init(partition: 1, offset: 0)),
            try DeadLetters.entry(
                reason: .malformed, topic: "u", partition: 3, offset: 9, at: .init(partition: 2, offset: 7),
                detail: "line\none"),
        ]
    }

    @Test("counts by reason, most frequent first")
    func counts() throws {
        let counts = DeadLetterListing.countsByReason(try entries())
        #expect(counts.map(\.reason) == [.malformed, .unsupportedVersion])
        #expect(counts.map(\.count) == [2, 1])
    }

    @Test("the table shows the counts, then one aligned line per dead letter")
    func table() throws {
        let lines = DeadLetterListing.table(try entries(), filter: DeadLetterFilter(sourceTopic: "t"))
        #expect(lines[0] == "Dead letters in smartwhale.data.deadletter matching source topic=t: 3")
        #expect(lines[2] == "COUNT  REASON")
        #expect(lines[3] == "    2  malformed")
        #expect(lines[4] == "    1  unsupported_version")
        #expect(lines[6].hasPrefix("DEAD LETTER     SOURCE  REASON               DEAD-LETTERED AT          DETAIL"))
        #expect(
            lines[7]
                == "deadletter/0/5  t/0/1   malformed            2026-10-06T11:00:02.000Z  value is not a JSON envelope"
        )
        #expect(lines[9].hasSuffix("line one"))
        #expect(lines.count == 10)
    }

    @Test("an empty result is one line")
    func empty() {
        #expect(
            DeadLetterListing.table([], filter: DeadLetterFilter()) == ["Dead letters in smartwhale.data.deadletter: 0"]
        )
    }

    @Test("JSON lines are one compact object per dead letter with the original message")
    func jsonLines() throws {
        let lines = try DeadLetterListing.jsonLines(try entries())
        #expect(lines.count == 3)
        #expect(!lines[0].contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["dead_letter"] as? String == "deadletter/0/5")
        #expect(object["dead_letter_partition"] as? Int == 0)
        #expect(object["dead_letter_offset"] as? Int == 5)
        #expect(object["reason"] as? String == "malformed")
        #expect(object["source_topic"] as? String == "t")
        #expect(object["source_offset"] as? Int == 1)
        #expect(object["dead_lettered_at"] as? String == "2026-10-06T11:00:02.000Z")
        #expect(object["original_value_text"] as? String == #"{"schema":"slot.found","version":9}"#)
        #expect((object["original_headers"] as? [[String: Any]])?.count == 5)
        #expect(object["consumer"] as? String == "notifier (group notifier)")
    }
}
