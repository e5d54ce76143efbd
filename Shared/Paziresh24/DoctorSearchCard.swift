import Foundation

/// One doctor card of a search page (`search.result[]` with `type` "doctor").
///
/// Only the fields SlotHunter uses are kept; every one but `slug` may be missing. The earliest
/// free times are trusted, the booking flags less so: the recorded client notes that
/// `presence_active_booking` was false for doctors with free office slots, and that doctors with
/// online booking switched off keep center 5532 and a stale `consult_freeturn`.
public struct DoctorSearchCard: Sendable, Hashable {
    /// `slug`, as in `/dr/<slug>/` (never empty: cards without one are skipped).
    public var slug: String
    /// `id` (the doctor's UUID), else `doctor_id`.
    public var doctorId: String?
    /// `display_name`, else `title`.
    public var displayName: String?
    /// `prefix` (e.g. "دکتر").
    public var prefix: String?
    /// `display_expertise`: the specialty text as the site shows it.
    public var expertise: String?
    /// The city of the first office (non-online) center that names one (`city_name`), else nil.
    public var city: String?
    /// `centers`, each with its earliest free time from `freeturns_info`.
    public var centers: [DoctorSearchCenter]
    /// `freeturns_info`: the earliest free time per center, in the order sent.
    public var freeTurns: [DoctorSearchFreeTurn]
    /// `presence_freeturn`: the earliest free office visit at any center.
    public var presenceFreeTurn: Date?
    /// `consult_freeturn`: the earliest free online visit (possibly stale when online booking is off).
    public var consultFreeTurn: Date?
    /// `consult_active_booking`: whether online visits can be booked.
    public var consultActiveBooking: Bool?
    /// `presence_active_booking` (unreliable, see above).
    public var presenceActiveBooking: Bool?
    /// `consult_services[0].free_price`: the online visit price in **Rial** (the site shows Toman = Rial / 10).
    public var onlinePriceRial: Int64?
    /// `consult_services[0].id`: the online visit's service id.
    public var onlineServiceId: String?

    /// Creates a card.
    public init(
        slug: String, doctorId: String? = nil, displayName: String? = nil, prefix: String? = nil,
        expertise: String? = nil, city: String? = nil, centers: [DoctorSearchCenter] = [],
        freeTurns: [DoctorSearchFreeTurn] = [], presenceFreeTurn: Date? = nil, consultFreeTurn: Date? = nil,
        consultActiveBooking: Bool? = nil, presenceActiveBooking: Bool? = nil, onlinePriceRial: Int64? = nil,
        onlineServiceId: String? = nil
    ) {
        self.slug = slug
        self.doctorId = doctorId
        self.displayName = displayName
        self.prefix = prefix
        self.expertise = expertise
        self.city = city
        self.centers = centers
        self.freeTurns = freeTurns
        self.presenceFreeTurn = presenceFreeTurn
        self.consultFreeTurn = consultFreeTurn
        self.consultActiveBooking = consultActiveBooking
        self.presenceActiveBooking = presenceActiveBooking
        self.onlinePriceRial = onlinePriceRial
        self.onlineServiceId = onlineServiceId
    }

    /// The online-visit center (`5532`), if the card lists it.
    public var onlineCenter: DoctorSearchCenter? { centers.first(where: \.isOnlineVisit) }

    /// The earliest free time of the center with this id, from `freeturns_info`.
    public func freeTurn(atCenter centerId: String) -> Date? {
        freeTurns.first { $0.centerId == centerId }?.freeTurn
    }
}

/// A center on a search card (`centers[]`).
public struct DoctorSearchCenter: Sendable, Hashable {
    /// `id` (a UUID, or `5532` for online visits).
    public var id: String
    /// `user_center_id`: the doctor's membership id, sent to getFreeDays.
    public var userCenterId: String?
    /// `name`.
    public var name: String?
    /// `city_name`.
    public var city: String?
    /// `center_type` (1 office, 2 hospital, 3 clinic / the online center).
    public var centerType: Int?
    /// The ids of `services[]` whose `center_id` is this center.
    public var serviceIds: [String]
    /// This center's `freeturns_info[].freeturn`: its earliest free time.
    public var freeTurn: Date?

    /// Creates a center.
    public init(
        id: String, userCenterId: String? = nil, name: String? = nil, city: String? = nil, centerType: Int? = nil,
        serviceIds: [String] = [], freeTurn: Date? = nil
    ) {
        self.id = id
        self.userCenterId = userCenterId
        self.name = name
        self.city = city
        self.centerType = centerType
        self.serviceIds = serviceIds
        self.freeTurn = freeTurn
    }

    /// `true` for the online-visit center `5532`.
    public var isOnlineVisit: Bool { id == DoctorCenter.onlineVisitCenterId }
}

/// One `freeturns_info[]` entry: a center's earliest free time.
public struct DoctorSearchFreeTurn: Sendable, Hashable {
    /// `center_id`.
    public var centerId: String
    /// `freeturn`: the earliest free slot's start (nil when none).
    public var freeTurn: Date?
    /// `available_time`: when booking opened (00:00 Tehran of a day in the recording).
    public var availableTime: Date?

    /// Creates an entry.
    public init(centerId: String, freeTurn: Date?, availableTime: Date? = nil) {
        self.centerId = centerId
        self.freeTurn = freeTurn
        self.availableTime = availableTime
    }
}
