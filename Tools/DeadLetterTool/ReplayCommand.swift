/// `deadletter replay`: re-publishes the chosen dead letters' original messages to their source
/// topics, one at a time in source order, stopping at the first failed send.
struct ReplayCommand: Sendable {
    var options: ReplayOptions
    var source: any DeadLetterSource
    var publisher: any ReplayPublishing
    var console: any Console

    func run() async throws(DeadLetterToolError) {
        let scan = try await source.scan()
        for note in ScanNotes.lines(for: scan) { console.diagnostic(note) }
        let plan = ReplayPlan(entries: scan.entries, filter: options.filter, limit: options.limit)
        report(plan)
        guard !plan.messages.isEmpty else {
            console.output("replay: nothing to replay")
            try checkRefused(plan)
            return
        }

        let partitionCounts = try await partitionCounts(of: plan.topics)
        let missing = plan.topics.filter { partitionCounts.counts[$0] == nil }
        if options.dryRun {
            for message in plan.messages {
                let target = partitionCounts.target(for: message) ?? "\(message.topic) (topic missing)"
                console.output("would replay \(message.deadLetter) -> \(target) (\(describe(message)))")
            }
            console.output("replay: dry run: \(plan.messages.count) would be replayed; nothing was published")
        }
        guard missing.isEmpty else {
            throw DeadLetterToolError(
                code: .sourceTopicMissing,
                message:
                    "source topic(s) not found on the broker: \(missing.joined(separator: ", ")); nothing was replayed")
        }
        if !options.dryRun {
            try await publish(plan, partitionCounts: partitionCounts)
        }
        try checkRefused(plan)
    }

    private func report(_ plan: ReplayPlan) {
        console.diagnostic(
            "replay: \(plan.matchedCount) dead letter(s) match (filter: \(options.filter.summary))")
        for duplicate in plan.duplicates {
            console.diagnostic(
                "replay: leaving out \(duplicate.position): same source position as \(duplicate.replayedAs), replayed once"
            )
        }
        for refusal in plan.refused {
            console.diagnostic("replay: cannot replay \(refusal.message)")
        }
        if let total = plan.countBeforeLimit {
            console.diagnostic(
                "replay: --limit \(plan.messages.count): replaying the first \(plan.messages.count) of \(total)")
        }
    }

    private func partitionCounts(of topics: [String]) async throws(DeadLetterToolError) -> PartitionCounts {
        var counts: [String: Int] = [:]
        for topic in topics {
            if let count = try await publisher.partitionCount(of: topic) { counts[topic] = count }
        }
        return PartitionCounts(counts: counts)
    }

    private func publish(_ plan: ReplayPlan, partitionCounts: PartitionCounts) async throws(DeadLetterToolError) {
        var replayed = 0
        for message in plan.messages {
            let partition = partitionCounts.partition(for: message)
            let receipt: ReplayReceipt
            do {
                receipt = try await publisher.publish(message, partition: partition)
            } catch {
                let left = plan.messages.count - replayed
                throw DeadLetterToolError(
                    code: .replayFailed,
                    message: "\(error.message). Stopped to keep the source order: \(replayed) replayed, \(left) not "
                        + "(the first not replayed is \(message.sourceDescription)); to continue without replaying the others "
                        + "again, narrow the rerun with --source-topic, --source-partition and --offset-from",
                    isRetriable: error.isRetriable)
            }
            replayed += 1
            let keyNote = partition == nil ? ", by key: the topic has fewer partitions now" : ""
            console.output(
                "replayed \(message.deadLetter) -> \(message.topic)[\(receipt.partition)]@\(receipt.offset) "
                    + "(\(describe(message))\(keyNote))")
        }
        console.output("replay: done: \(replayed) replayed")
    }

    private func checkRefused(_ plan: ReplayPlan) throws(DeadLetterToolError) {
        guard !plan.refused.isEmpty else { return }
        throw DeadLetterToolError(
            code: .notReplayable, message: "\(plan.refused.count) dead letter(s) could not be replayed (see above)")
    }

    private func describe(_ message: ReplayMessage) -> String {
        "from \(message.sourceDescription); \(message.sizeDescription)"
    }
}
