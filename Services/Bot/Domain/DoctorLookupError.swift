/// Why a doctor could not be resolved.
public enum DoctorLookupError: Error, Sendable, Equatable {
    /// Input is not a paziresh24 doctor URL or slug.
    case malformedInput
    /// No such doctor.
    case notFound
    /// paziresh24 failed or is unreachable.
    case unavailable
    /// The bot's share of the paziresh24 budget is used up for a few seconds (or paziresh24 asked
    /// us to slow down): try again shortly.
    case busy
}
