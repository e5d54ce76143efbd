/// The doctor a notice is about, as the notifier needs it: the bucket key and the message text.
public struct Doctor: Sendable, Hashable {
    /// paziresh24's slug of the doctor (the per-user limit counts per user and doctor slug).
    public var slug: String
    /// Name shown in the message.
    public var displayName: String
    /// Specialty shown after the name, when known.
    public var specialty: String?

    /// Creates a doctor.
    public init(slug: String, displayName: String, specialty: String?) {
        self.slug = slug
        self.displayName = displayName
        self.specialty = specialty
    }
}
