/// A service a doctor offers at one center (e.g. an in-person visit, a WhatsApp consultation).
public struct DoctorService: Sendable, Hashable, Codable {
    /// paziresh24 service id (a UUID).
    public var id: String
    /// The service's title (`alias_title`, Persian).
    public var name: String
    /// `can_booking == 1`: people can book it online, so it has free slots to watch.
    public var canBook: Bool
    /// Slot length from `duration` (`"00:20:00"` → 20), if given.
    public var durationMinutes: Int?
    /// The service's price in **Rial** (`free_price`; the site shows Toman = Rial / 10); nil when
    /// unknown (absent, null, 0 or negative in the answer).
    public var freePriceRial: Int64?

    /// Creates a service.
    public init(id: String, name: String, canBook: Bool, durationMinutes: Int?, freePriceRial: Int64? = nil) {
        self.id = id
        self.name = name
        self.canBook = canBook
        self.durationMinutes = durationMinutes
        self.freePriceRial = freePriceRial
    }
}
