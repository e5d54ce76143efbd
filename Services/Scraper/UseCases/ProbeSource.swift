/// The scraper's incoming port for probes: one page of a search route with each doctor's earliest
/// free time per center (paziresh24's search in production, `Paziresh24ProbeSource`).
public protocol ProbeSource: Sendable {
    /// Page `query.page` of the route of `query.group`.
    /// - Throws: `FreeSlotSourceError` when the source could not be read; `CancellationError`
    ///   when the calling task is cancelled.
    func page(_ query: ProbeQuery) async throws -> ProbePage
}
