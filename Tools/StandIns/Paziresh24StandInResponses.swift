import Foundation

/// Bodies the paziresh24 stand-in answers with. Recorded bodies are served byte-for-byte;
/// generated ones start from a recording and change only values, so they keep its exact shape.
enum Paziresh24StandInResponses {
    /// A slot in a generated answer.
    struct GeneratedSlot {
        let start: Int
        let slice: Int
    }

    private static let tehranOffset = 12_600
    private static let day = 86_400

    // MARK: getFreeDays

    /// The success message of the recordings.
    static let successMessage: String = {
        let root = object(Paziresh24Fixture.freeDaysSlots.data)
        return root["message"] as? String ?? ""
    }()

    /// Status 1 in the shape of `free_days_slots.json`: `result` maps each day start to one shift
    /// with `from`, `turns` (slot start → 0), `slice`, `rebook`, `workhour_info`; `calendar.turns`
    /// lists the days, plus `daysWithoutTimes` (00:00 Tehran, Unix seconds), which `result` does
    /// not list. With `calendarOnly`, `result` is `[]` as in `free_days_calendar.json`.
    static func freeDays(
        slots: [GeneratedSlot], now: Date, calendarOnly: Bool, seed: String, daysWithoutTimes: Set<Int> = []
    ) -> Data {
        var root = object(Paziresh24Fixture.freeDaysSlots.data)
        let byDay = Dictionary(grouping: slots.sorted { $0.start < $1.start }) { dayKey($0.start) }
        var result: [String: Any] = [:]
        for (dayStart, daySlots) in byDay {
            guard let first = daySlots.first, let last = daySlots.last else { continue }
            var turns: [String: Any] = [:]
            for slot in daySlots { turns[String(slot.start)] = 0 }
            result[String(dayStart)] = [
                [
                    "from": first.start,
                    "turns": turns,
                    "slice": first.slice,
                    "rebook": [Any](),
                    "workhour_info": [
                        "book_type_ids": ["7"],
                        "myself_from": clock(first.start) + ":00.0000",
                        "myself_to": clock(last.start + last.slice) + ":00.0000",
                        "id": pseudoUUID("\(seed):\(dayStart)"),
                    ] as [String: Any],
                ] as [String: Any]
            ]
        }
        root["result"] = calendarOnly ? [Any]() : result
        var calendar = root["calendar"] as? [String: Any] ?? [:]
        let today = dayKey(Int(now.timeIntervalSince1970))
        calendar["today_time"] = isoTehran(Int(now.timeIntervalSince1970))
        calendar["start_date"] = date(today)
        calendar["end_date"] = calendarOnly ? "1970-01-01" : date(today + 10 * day)
        calendar["turns"] = Set(byDay.keys).union(daysWithoutTimes).sorted()
        calendar["holidays"] = [String: Any]()
        calendar["non_workdays"] = ""
        root["calendar"] = calendar
        return encode(root)
    }

    /// The recorded slot answer with `result: []`: what the online center answers in calendar-only
    /// mode (not recorded as such; derived from `free_days_slots.json`).
    static func recordedOnlineCalendarOnly() -> Data {
        var root = object(Paziresh24Fixture.freeDaysSlots.data)
        root["result"] = [Any]()
        return encode(root)
    }

    /// Status 32 ("no free slot"). No status-32 body was recorded: upstream treats it as carrying
    /// neither calendar nor result, so this is the envelope's status and message only.
    static func noFreeTurn() -> Data {
        envelope(status: 32, message: "stand-in: no free turn (synthetic body; status 32 was not recorded)")
    }

    /// Status 700 ("online booking disabled", also the site's answer for a wrong service).
    static func bookingDisabled() -> Data {
        envelope(status: 700, message: "stand-in: online booking disabled or unknown service (synthetic body)")
    }

    /// `{"status": N, "message": M, "result": []}`.
    static func envelope(status: Int, message: String) -> Data {
        encode(["status": status, "message": message, "result": [Any]()] as [String: Any])
    }

    /// The assumed refusal of a request the legacy endpoint cannot read (JSON body, missing fields).
    static func badRequest(_ reason: String) -> Data {
        encode(["status": 0, "message": "stand-in: \(reason)", "result": [Any]()] as [String: Any])
    }

    // MARK: full-profile, availability, slugProfile

    /// `full_profile.json` with the doctor's values: the same keys and nesting; each center is a
    /// copy of the recorded office (or, for `5532`, the recorded online center).
    static func fullProfile(_ doctor: Paziresh24StandInDoctor, doctorId: String, earliest: [String: Int]) -> Data {
        var root = object(Paziresh24Fixture.fullProfile.data)
        var data = root["data"] as? [String: Any] ?? [:]
        let templateCenters = data["centers"] as? [[String: Any]] ?? []
        let office = templateCenters.first ?? [:]
        let online = templateCenters.last ?? office
        data["id"] = doctorId
        data["slug"] = doctor.slug
        data["name"] = doctor.name ?? ""
        data["family"] = doctor.family ?? ""
        data["display_name"] = displayName(doctor)
        data["biography"] = NSNull()
        data["number_of_visits"] = 0
        data["medical_code"] = "000000"
        data["image"] = doctor.image ?? "/getImage/p24/search-hospitalclinic/noimage.png"
        if let specialty = doctor.specialty, var expertise = (data["expertises"] as? [[String: Any]])?.first {
            expertise["alias_title"] = specialty
            expertise["id"] = pseudoUUID("expertise:\(doctor.slug)")
            data["expertises"] = [expertise]
        } else {
            data["expertises"] = [Any]()
        }
        data["centers"] = doctor.centers.map { spec -> [String: Any] in
            let isOnline = spec.id == "5532"
            var center = isOnline ? online : office
            let templateService = (center["services"] as? [[String: Any]])?.first ?? [:]
            let first = earliest[spec.id]
            center["id"] = spec.id
            center["name"] = spec.name ?? (isOnline ? center["name"] as? String ?? "" : "مطب \(displayName(doctor))")
            center["user_center_id"] = spec.userCenterId
            center["server_id"] = spec.serverId ?? 1
            center["slug"] = isOnline ? "consult" : doctor.slug
            center["url"] = isOnline ? "/consult" : "/\(doctor.slug)"
            if let city = spec.city { center["city"] = city }
            if let address = spec.address {
                center["address"] = address
            } else if !isOnline {
                center["address"] = NSNull()
            }
            center["gallery"] = [Any]()
            center["freeturn"] = first.map { $0 as Any } ?? NSNull()
            center["freeturn_text"] = first.map { clock($0) as Any } ?? NSNull()
            center["freeturns_info"] = spec.services.filter { ($0.canBooking ?? 1) == 1 }.map { service -> [String: Any] in
                [
                    "service_id": service.id, "book_type_id": 7, "freeturn": first.map { $0 as Any } ?? NSNull(),
                    "available_time": NSNull(), "availalbe_time_text": NSNull(), "expire_time": NSNull(),
                    "status_code": NSNull(),
                ]
            }
            center["services"] = spec.services.map { service -> [String: Any] in
                var copy = templateService
                copy["id"] = service.id
                copy["alias_title"] = service.name ?? "ویزیت"
                copy["can_booking"] = service.canBooking ?? 1
                copy["duration"] = service.duration ?? "00:10:00"
                copy["user_center_id"] = spec.userCenterId
                copy["hours_of_work"] = [Any]()
                return copy
            }
            return center
        }
        root["data"] = data
        return encode(root)
    }

    /// `availability.json` for a synthetic doctor.
    static func availability(_ doctor: Paziresh24StandInDoctor, earliest: [String: Int]) -> Data {
        func status(_ start: Int?) -> [String: Any] {
            [
                "booking_available": start != nil,
                "nearest_time_slot": start.map { isoTehran($0, milliseconds: true) as Any } ?? NSNull(),
                "nearest_available_time": start.map { isoTehran(dayKey($0), milliseconds: true) as Any } ?? NSNull(),
            ]
        }
        let inPerson = doctor.centers.filter { $0.id != "5532" }.compactMap { earliest[$0.id] }.min()
        let onlineStart = earliest["5532"]
        let root: [String: Any] = [
            "in_person_availability": status(inPerson),
            "online_visit_availability": status(onlineStart),
            "centers": doctor.centers.map { ["id": $0.id, "availability_status": status(earliest[$0.id])] as [String: Any] },
        ]
        return encode(root)
    }

    /// full-profile of an unknown slug. Not recorded; see PROVENANCE.md for why a 404 with a
    /// non-SUCCESS status.
    static func profileNotFound() -> Data {
        encode(
            [
                "status": "NOT_FOUND",
                "message": "stand-in: no doctor with this slug (synthetic; this answer was not recorded)",
            ] as [String: Any])
    }

    /// slugProfile of a known slug. Only the unknown-slug answer was recorded; this reuses its
    /// envelope with the slug instead of the redirect.
    static func slugProfileFound(_ slug: String) -> Data {
        encode(["status": 1, "message": successMessage, "result": ["slug": slug, "redirect": NSNull()]] as [String: Any])
    }

    /// An nginx-style error page, as gateways answer after a hang.
    static func htmlErrorPage(_ status: Int) -> [UInt8] {
        let title = "\(status) \(reason(status))"
        return Array(
            "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
                .utf8)
    }

    // MARK: helpers

    static func displayName(_ doctor: Paziresh24StandInDoctor) -> String {
        if let name = doctor.displayName, !name.isEmpty { return name }
        let joined = [doctor.name, doctor.family].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? doctor.slug : joined
    }

    /// 00:00 Tehran (UTC+03:30, no DST) of the day holding `unix`.
    static func dayKey(_ unix: Int) -> Int {
        let local = unix + tehranOffset
        let days = local >= 0 ? local / day : (local - day + 1) / day
        return days * day - tehranOffset
    }

    /// `HH:mm` in Tehran.
    static func clock(_ unix: Int) -> String {
        let seconds = ((unix + tehranOffset) % day + day) % day
        return String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }

    /// `yyyy-MM-dd` in Tehran.
    static func date(_ unix: Int) -> String {
        let components = tehranCalendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(unix)))
        return String(format: "%04d-%02d-%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0)
    }

    /// `2026-10-06T01:19:48+03:30` (or with `.000` milliseconds, as availability-status writes).
    static func isoTehran(_ unix: Int, milliseconds: Bool = false) -> String {
        let seconds = ((unix + tehranOffset) % day + day) % day
        let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return "\(date(unix))T\(time)\(milliseconds ? ".000" : "")+03:30"
    }

    private static let tehranCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: tehranOffset)!
        return calendar
    }()

    /// A stable UUID-looking id from a seed (FNV-1a), so generated answers are reproducible.
    static func pseudoUUID(_ seed: String) -> String {
        func fnv(_ text: String, _ basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        let high = fnv(seed, 0xcbf2_9ce4_8422_2325)
        let low = fnv(seed + "#", 0x8422_2325_cbf2_9ce4)
        let hex = String(format: "%016llx%016llx", high, low)
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Temporarily Unavailable"
        case 504: "Gateway Time-out"
        default: "Error"
        }
    }

    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func encode(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
