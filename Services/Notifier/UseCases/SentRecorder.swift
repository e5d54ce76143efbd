/// Records sent notices in groups (group commit): while one `markSent` statement runs, the
/// notices sent meanwhile gather, and the next statement records them all.
///
/// Every caller still waits until its own notice is recorded, so a send task ends only after its
/// row says `sent`, and what a crash can repeat stays bounded by the sends in flight. One
/// statement per group instead of one per notice took most of the database's share of a burst
/// (`docs/benchmarks.md`).
///
/// A group that fails fails every caller in it; each caller retries (with its backoff) in a later
/// group. A cancelled caller stops waiting at once; its notice may still be recorded by the group
/// already under way, which is harmless (the row is `sent` either way, or stays `pending` and is
/// sent again after a replay).
public actor SentRecorder {
    private let ledger: any DeliveryLedger
    /// Callers still waiting, by ticket (queued or in the statement under way).
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    /// Tickets and records not yet in a statement, in arrival order.
    private var queued: [(ticket: Int, record: SentNotice)] = []
    private var nextTicket = 0
    private var flushing = false
    /// Statements issued so far.
    public private(set) var statements = 0
    /// Notices waiting for the next statement.
    public var queuedCount: Int { queued.count }

    /// Creates a recorder writing to `ledger`.
    public init(ledger: any DeliveryLedger) {
        self.ledger = ledger
    }

    /// Records `record`; returns when a statement holding it succeeded, throws what that
    /// statement threw, or `CancellationError` as soon as the caller is cancelled.
    public func record(_ record: SentNotice) async throws {
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters[ticket] = continuation
                queued.append((ticket, record))
                if !flushing {
                    flushing = true
                    Task { await self.flush() }
                }
            }
        } onCancel: {
            Task { await self.abandon(ticket) }
        }
    }

    private func abandon(_ ticket: Int) {
        waiters.removeValue(forKey: ticket)?.resume(throwing: CancellationError())
    }

    private func flush() async {
        while true {
            let group = queued.filter { waiters[$0.ticket] != nil }
            queued.removeAll()
            guard !group.isEmpty else { break }
            statements += 1
            let result: Result<Void, any Error>
            do {
                try await ledger.markSent(group.map(\.record))
                result = .success(())
            } catch {
                result = .failure(error)
            }
            for entry in group { waiters.removeValue(forKey: entry.ticket)?.resume(with: result) }
        }
        flushing = false
    }
}
