import CivilTime
import Foundation

/// `slot.found` v1 (scraper → notifier, topic `smartwhale.data.slots`, key = target id):
/// a free slot that the previous successful poll of the target did not list.
public struct SlotFoundV1: MessagePayload {
    public static let schema = "slot.found"
    public static let version = 1

    /// The watch target id (`<center id>:<service id>`).
    public var targetId: String
    /// The doctor.
    public var doctor: DoctorRef
    /// The center, online or in person.
    public var center: CenterRef
    /// The service id.
    public var serviceId: String
    /// The slot.
    public var slot: SlotTime
    /// The doctor's booking page, where the user books the slot themselves.
    public var bookingURL: String
    /// When the scraper saw the slot (the start of the notification latency clock).
    public var observedAt: Date
    /// Id of the poll that found it: slots with the same poll id arrived together.
    public var pollId: UUID
    /// Id of this appearance of the slot, fixed by the poll that first listed it. A slot that is
    /// taken (`slot.gone`) and comes back (a cancellation) gets a new episode, and so a new
    /// notice. Optional in v1: absent in messages from scrapers before the slot lifecycle.
    public var episode: UUID?
    /// `.day` for a free day known without times (`slot` spans the Tehran day); absent = `.time`.
    public var granularity: SlotGranularity
    /// The online-visit price in Rial (`online_price_rial`) from the latest search card the scraper
    /// read for the doctor, for a target whose center is online. Optional in v1: absent or null =
    /// unknown (an in-person target, a doctor not seen on a search page yet, or an older scraper).
    public var onlinePriceRial: Int64?

    /// Creates the payload.
    public init(
        targetId: String, doctor: DoctorRef, center: CenterRef, serviceId: String, slot: SlotTime,
        bookingURL: String, observedAt: Date, pollId: UUID, episode: UUID? = nil, granularity: SlotGranularity = .time,
        onlinePriceRial: Int64? = nil
    ) {
        self.targetId = targetId
        self.doctor = doctor
        self.center = center
        self.serviceId = serviceId
        self.slot = slot
        self.bookingURL = bookingURL
        self.observedAt = observedAt
        self.pollId = pollId
        self.episode = episode
        self.granularity = granularity
        self.onlinePriceRial = onlinePriceRial
    }

    enum CodingKeys: String, CodingKey {
        case doctor, center, slot, episode, granularity
        case targetId = "target_id"
        case serviceId = "service_id"
        case bookingURL = "booking_url"
        case observedAt = "observed_at"
        case pollId = "poll_id"
        case onlinePriceRial = "online_price_rial"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        targetId = try container.decode(String.self, forKey: .targetId)
        doctor = try container.decode(DoctorRef.self, forKey: .doctor)
        center = try container.decode(CenterRef.self, forKey: .center)
        serviceId = try container.decode(String.self, forKey: .serviceId)
        slot = try container.decode(SlotTime.self, forKey: .slot)
        bookingURL = try container.decode(String.self, forKey: .bookingURL)
        observedAt = try container.decode(Date.self, forKey: .observedAt)
        pollId = try container.decodeUUID(forKey: .pollId)
        // Absent (a scraper before the slot lifecycle) or null: no episode. `decodeNil` alone
        // throws on a missing key.
        episode = try !container.contains(.episode) || container.decodeNil(forKey: .episode) ? nil : container.decodeUUID(forKey: .episode)
        granularity = try container.decodeIfPresent(SlotGranularity.self, forKey: .granularity) ?? .time
        onlinePriceRial = try container.decodeIfPresent(Int64.self, forKey: .onlinePriceRial)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetId, forKey: .targetId)
        try container.encode(doctor, forKey: .doctor)
        try container.encode(center, forKey: .center)
        try container.encode(serviceId, forKey: .serviceId)
        try container.encode(slot, forKey: .slot)
        try container.encode(bookingURL, forKey: .bookingURL)
        try container.encode(observedAt, forKey: .observedAt)
        try container.encodeLowercased(pollId, forKey: .pollId)
        if let episode { try container.encodeLowercased(episode, forKey: .episode) }
        // Written only for day-level slots, so a timed slot.found stays byte-identical to before.
        if granularity != .time { try container.encode(granularity, forKey: .granularity) }
        // Written only when known, so a slot.found without a price stays byte-identical to before.
        if let onlinePriceRial { try container.encode(onlinePriceRial, forKey: .onlinePriceRial) }
    }
}

/// A slot as absolute instants plus Tehran local time.
public struct SlotTime: Sendable, Hashable, Codable {
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// Tehran local date, `yyyy-MM-dd` (Gregorian).
    public var localDate: String
    /// Tehran local start, `HH:mm`.
    public var localStart: String
    /// Tehran local end, `HH:mm`.
    public var localEnd: String
    /// Always `Asia/Tehran`.
    public var timeZone: String

    /// Creates a slot time from instants, deriving the Tehran fields.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
        self.localDate = TehranTime.dateString(start)
        self.localStart = TehranTime.hourMinute(start)
        self.localEnd = TehranTime.hourMinute(end)
        self.timeZone = TehranTime.identifier
    }

    enum CodingKeys: String, CodingKey {
        case start, end
        case localDate = "local_date"
        case localStart = "local_start"
        case localEnd = "local_end"
        case timeZone = "time_zone"
    }
}
