import Foundation

/// One probe: reads a page of a group's search route and lets `ScraperState` compare each
/// covered target's earliest free time with what it knew. A change only *triggers* a direct poll
/// of that target (scheduled first); a probe never announces a slot itself.
public struct RunProbe: Sendable {
    /// What one probe did.
    public struct Result: Sendable, Hashable {
        /// What the page changed (empty when the probe failed).
        public var outcome: ProbeOutcome
        /// The error kind label when the probe failed.
        public var errorKind: String?
    }

    let source: any ProbeSource
    let state: ScraperState

    /// Creates the use case.
    public init(source: any ProbeSource, state: ScraperState) {
        self.source = source
        self.state = state
    }

    /// Runs the probe `query` (already started by `ScraperState.nextWork`).
    /// - Throws: `CancellationError` only (the probe is then finished as failed).
    public func run(_ query: ProbeQuery) async throws -> Result {
        do {
            let page = try await source.page(query)
            return Result(outcome: await state.probeFinished(query, page: page), errorKind: nil)
        } catch is CancellationError {
            await state.probeFinished(query, page: nil)
            throw CancellationError()
        } catch {
            await state.probeFinished(query, page: nil)
            return Result(outcome: ProbeOutcome(), errorKind: (error as? FreeSlotSourceError)?.kind ?? "unknown")
        }
    }
}
