import Foundation

/// The free slots of one (center, service) in scenario mode (`POST /control/slots`).
///
/// JSON: `{"center_id", "service_id", "user_center_id"? (checked on getFreeDays when given),
/// "slots": [1791286200, {"start": 1791286800, "visible_from"?: unix, "visible_until"?: unix}],
/// "slice"? (seconds; default the service's duration or 600), "mode"? ("replace" | "add" | "remove"),
/// "status"? (answer this paziresh24 status instead, e.g. 700), "message"?,
/// "free_days"? (free days without times: Unix seconds of any instant of each day; listed in
/// `calendar.turns` only, never in `result`, as the real site does beyond its ~10-day window)}`.
/// `mode` applies to `free_days` as to `slots` (replace sets them, even to none; add; remove).
/// Slots appear and vanish over time through `visible_from`/`visible_until` (wall clock) or by
/// posting again. No visible slot means a status-32 answer.
public struct Paziresh24SlotScenario: Sendable, Hashable, Codable {
    /// One free slot.
    public struct Slot: Sendable, Hashable, Codable {
        /// Slot start, Unix seconds.
        public var start: Int
        /// Listed only from this Unix time on.
        public var visibleFrom: Int?
        /// Listed only before this Unix time.
        public var visibleUntil: Int?

        /// Creates a slot.
        public init(start: Int, visibleFrom: Int? = nil, visibleUntil: Int? = nil) {
            self.start = start
            self.visibleFrom = visibleFrom
            self.visibleUntil = visibleUntil
        }

        enum CodingKeys: String, CodingKey {
            case start
            case visibleFrom = "visible_from"
            case visibleUntil = "visible_until"
        }

        /// Accepts a bare number or an object.
        public init(from decoder: any Decoder) throws {
            if let start = try? decoder.singleValueContainer().decode(Int.self) {
                self.init(start: start)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                start: try container.decode(Int.self, forKey: .start),
                visibleFrom: try container.decodeIfPresent(Int.self, forKey: .visibleFrom),
                visibleUntil: try container.decodeIfPresent(Int.self, forKey: .visibleUntil))
        }

        func isVisible(at now: Date) -> Bool {
            let seconds = Int(now.timeIntervalSince1970)
            if let visibleFrom, seconds < visibleFrom { return false }
            if let visibleUntil, seconds >= visibleUntil { return false }
            return true
        }
    }

    /// How `slots` combine with what the target already has.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// The target's slots become exactly `slots` (default).
        case replace
        /// `slots` are added (same start replaces).
        case add
        /// Slots with these starts are removed.
        case remove
    }

    /// `center_id`.
    public var centerId: String
    /// `service_id`.
    public var serviceId: String
    /// Expected `user_center_id`, if it should be checked.
    public var userCenterId: String?
    /// The slots.
    public var slots: [Slot]
    /// Slot length in seconds.
    public var slice: Int?
    /// How to combine.
    public var mode: Mode?
    /// A paziresh24 status to answer instead of slots (1 = normal).
    public var status: Int?
    /// Message sent with `status`.
    public var message: String?
    /// Free days without times (any instant of each day, Unix seconds): in `calendar.turns` only.
    public var freeDays: [Int]?

    /// Creates a scenario.
    public init(
        centerId: String, serviceId: String, userCenterId: String? = nil, slots: [Slot], slice: Int? = nil,
        mode: Mode? = nil, status: Int? = nil, message: String? = nil, freeDays: [Int]? = nil
    ) {
        self.freeDays = freeDays
        self.centerId = centerId
        self.serviceId = serviceId
        self.userCenterId = userCenterId
        self.slots = slots
        self.slice = slice
        self.mode = mode
        self.status = status
        self.message = message
    }

    /// Convenience: slots from Unix-second starts.
    public init(centerId: String, serviceId: String, userCenterId: String? = nil, starts: [Int], slice: Int? = nil) {
        self.init(
            centerId: centerId, serviceId: serviceId, userCenterId: userCenterId, slots: starts.map { Slot(start: $0) },
            slice: slice)
    }

    enum CodingKeys: String, CodingKey {
        case slots, slice, mode, status, message
        case freeDays = "free_days"
        case centerId = "center_id"
        case serviceId = "service_id"
        case userCenterId = "user_center_id"
    }

    /// Accepts ids as numbers or strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        centerId = try container.paziresh24LenientString(.centerId)
        serviceId = try container.paziresh24LenientString(.serviceId)
        userCenterId = container.contains(.userCenterId) ? try container.paziresh24LenientString(.userCenterId) : nil
        slots = try container.decodeIfPresent([Slot].self, forKey: .slots) ?? []
        slice = try container.paziresh24LenientIntIfPresent(.slice)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode)
        status = try container.paziresh24LenientIntIfPresent(.status)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        freeDays = try container.decodeIfPresent([Int].self, forKey: .freeDays)
    }

    /// `<center id>:<service id>`.
    public var targetKey: String { "\(centerId):\(serviceId)" }
}
