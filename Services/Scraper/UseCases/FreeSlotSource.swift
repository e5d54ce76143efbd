/// The scraper's incoming port: where the free slots of a target are read (paziresh24 in
/// production, `Paziresh24FreeSlotSource`).
public protocol FreeSlotSource: Sendable {
    /// The free slots of `target` now (an empty list when it has none).
    /// - Throws: `FreeSlotSourceError` when the source could not be read (the poll reports an
    ///   error and changes nothing); `CancellationError` when the calling task is cancelled.
    func freeSlots(of target: ScrapeTarget) async throws -> [FreeSlot]

    /// Where a person books a slot of `target`.
    func bookingLink(for target: ScrapeTarget) -> String
}
