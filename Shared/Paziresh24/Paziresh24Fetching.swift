/// What SlotHunter needs from paziresh24: read a doctor, read free slots, search doctors. Nothing
/// else exists.
public protocol Paziresh24Fetching: Sendable {
    /// Resolves a profile URL (`https://www.paziresh24.com/dr/<slug>/`, percent-encoded or not) or
    /// a bare slug to the doctor, every center and every service.
    /// - Throws: `.invalidInput` for text that is neither, `.doctorNotFound` for an unknown doctor.
    func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile

    /// The free slots of one (center, service), from one getFreeDays call (retries aside).
    /// Status 32 (no free slot) is an empty list, not an error.
    func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [FreeSlot]

    /// The whole getFreeDays answer of one (center, service), from the same single call: the free
    /// slots plus the calendar of free days (`FreeSlotsAnswer.freeDaysWithoutTimes`). Fetchers
    /// that only know slots get a default that reports no calendar.
    func freeSlotsAnswer(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> FreeSlotsAnswer

    /// One page of paziresh24's own search (up to 50 doctor cards, each with the earliest free
    /// time per center), from one request (retries aside).
    /// - Throws: `.invalidInput` for a bad query or an unknown city/specialty slug.
    func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage
}

extension Paziresh24Fetching {
    /// The slots of `freeSlots` as a status-1 answer without a calendar (no free day is known
    /// beyond the slots' own days).
    public func freeSlotsAnswer(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> FreeSlotsAnswer {
        FreeSlotsAnswer(status: 1, slots: try await freeSlots(query))
    }
}
