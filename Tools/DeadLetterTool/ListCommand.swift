/// `deadletter list`: reads the dead-letter topic and shows what matches.
struct ListCommand: Sendable {
    var options: ListOptions
    var source: any DeadLetterSource
    var console: any Console

    func run() async throws(DeadLetterToolError) {
        let scan = try await source.scan()
        for note in ScanNotes.lines(for: scan) { console.diagnostic(note) }
        let entries = options.filter.select(scan.entries)
        guard options.json else {
            for line in DeadLetterListing.table(entries, filter: options.filter) { console.output(line) }
            return
        }
        let lines: [String]
        do {
            lines = try DeadLetterListing.jsonLines(entries)
        } catch {
            // Unreachable in practice: every field is a string, number, date or array of those.
            throw DeadLetterToolError(code: .output, message: "cannot encode JSON: \(error)")
        }
        for line in lines { console.output(line) }
        console.diagnostic("note: \(entries.count) dead letter(s) match (filter: \(options.filter.summary))")
    }
}
