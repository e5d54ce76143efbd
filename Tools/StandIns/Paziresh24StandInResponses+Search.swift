import Foundation

extension Paziresh24StandInResponses {
    /// A search page in the exact shape of `search_consult.json`: the recorded root
    /// (`search.{query_id, served_by, total, degraded, is_landing, pagination, result}` and
    /// `selected_filters.{turn_type, category, city}`) with values replaced, and each card a copy
    /// of the recorded first card (every key kept, same types) with the doctor's values:
    /// - `freeturns_info[]`: `{available_time, center_id, freeturn}`, times as **strings** of Unix
    ///   seconds as recorded; one entry per center with a visible scenario slot, `freeturn` its
    ///   earliest, `available_time` 00:00 Tehran of today;
    /// - `presence_freeturn` / `consult_freeturn`: **numbers** of Unix seconds as recorded, or null
    ///   (`presence_freeturn` was null in the recording): the earliest office / online slot;
    /// - `centers[]`: copies of the recorded office center (or, for 5532, the recorded online
    ///   center) with id, user_center_id, name, city_name, address and `active_booking` replaced;
    /// - `services[]` `{workhours: [], center_id, id}` per service; `center_id` lists the centers;
    /// - `consult_services[]` `{free_price, id}` for the online services, `free_price` (Rial) the
    ///   one `fullProfile` gives the doctor's online services (`onlineServicePrice`, the recorded
    ///   profile's 5000000), `price` the matching Toman text; `consult_active_booking`
    ///   true when the doctor has a bookable online service;
    /// - personal and rating fields are neutral (`rate_info` values null, counts 0, no badges).
    static func searchPage(
        _ hits: [Paziresh24StandInState.SearchHit], total: Int, page: Int, limit: Int, city: String,
        specialty: String?, turnType: String?, now: Date
    ) -> Data {
        var root = object(Paziresh24Fixture.searchConsult.data)
        var search = root["search"] as? [String: Any] ?? [:]
        let template = (search["result"] as? [[String: Any]])?.first ?? [:]
        search["query_id"] = String(pseudoUUID("query:\(city):\(specialty ?? ""):\(page)").prefix(16)).uppercased()
        search["total"] = total
        search["pagination"] = ["limit": limit, "page": page]
        search["result"] = hits.enumerated().map { index, hit in
            card(hit, template: template, position: (page - 1).multipliedReportingOverflow(by: limit).partialValue &+ index &+ 1, now: now)
        }
        root["search"] = search
        var filters: [String: Any] = ["city": city]
        if let specialty { filters["category"] = specialty }
        if let turnType { filters["turn_type"] = turnType }
        root["selected_filters"] = filters
        return encode(root)
    }

    private static func card(
        _ hit: Paziresh24StandInState.SearchHit, template: [String: Any], position: Int, now: Date
    ) -> [String: Any] {
        let doctor = hit.doctor.spec
        let id = hit.doctor.id
        let name = displayName(doctor)
        let online = Paziresh24Fixture.onlineCenterId
        var card = template
        let templateCenters = template["centers"] as? [[String: Any]] ?? []
        let officeTemplate = templateCenters.first { "\($0["id"] ?? "")" != online } ?? [:]
        let onlineTemplate = templateCenters.first { "\($0["id"] ?? "")" == online } ?? officeTemplate
        let today = dayKey(Int(now.timeIntervalSince1970))

        card["_id"] = "doctor_\(id)_1"
        card["id"] = id
        card["doctor_id"] = id
        card["title"] = name
        card["display_name"] = name
        card["name"] = doctor.name ?? name
        card["slug"] = doctor.slug
        card["url"] = "/dr/\(doctor.slug)/"
        card["image"] = doctor.image.map { $0 as Any } ?? template["image"] ?? NSNull()
        card["display_expertise"] = doctor.specialty ?? ""
        card["expertise"] = doctor.specialty.map { [$0] } ?? []
        if let specialty = doctor.specialty, var expertise = (template["expertises"] as? [[String: Any]])?.first {
            expertise["expertise"] = ["name": specialty]
            expertise["alias_title"] = specialty
            card["expertises"] = [expertise]
        } else {
            card["expertises"] = [Any]()
        }
        card["display_address"] =
            doctor.centers.first { $0.id != online }?.city.map { $0 as Any } ?? officeTemplate["city_name"] ?? ""
        card["view"] = "0"
        card["number_of_visits"] = 0
        card["medical_code"] = "000000"
        card["satisfaction"] = NSNull()
        card["rates_count"] = NSNull()
        card["calculated_rate"] = NSNull()
        card["star"] = 0
        card["badges"] = [Any]()
        card["insurances"] = [Any]()
        card["position"] = position
        if var rate = template["rate_info"] as? [String: Any] {
            for key in rate.keys { rate[key] = NSNull() }
            rate["rate"] = 0
            card["rate_info"] = rate
        }

        card["centers"] = doctor.centers.map { spec -> [String: Any] in
            var center = spec.id == online ? onlineTemplate : officeTemplate
            center["id"] = spec.id
            center["user_center_id"] = spec.userCenterId
            center["server_id"] = spec.serverId ?? 1
            if spec.id != online {
                center["name"] = spec.name ?? "مطب \(name)"
                center["address"] = spec.address.map { $0 as Any } ?? NSNull()
                if let city = spec.city { center["city_name"] = city }
            }
            center["active_booking"] = hit.earliest[spec.id] != nil
            return center
        }
        card["center_id"] = doctor.centers.map(\.id)
        card["services"] = doctor.centers.flatMap { center in
            center.services.map { ["workhours": [Any](), "center_id": center.id, "id": $0.id] as [String: Any] }
        }
        card["freeturns_info"] = doctor.centers.compactMap { center -> [String: Any]? in
            guard let first = hit.earliest[center.id] else { return nil }
            return ["available_time": String(today), "center_id": center.id, "freeturn": String(first)]
        }
        let office = doctor.centers.filter { $0.id != online }.compactMap { hit.earliest[$0.id] }.min()
        card["presence_freeturn"] = office.map { $0 as Any } ?? NSNull()
        card["consult_freeturn"] = hit.earliest[online].map { $0 as Any } ?? NSNull()
        card["presence_active_booking"] = office != nil

        let onlineServices = doctor.centers.filter { $0.id == online }.flatMap(\.services)
        let price = onlineServicePrice
        card["consult_services"] = onlineServices.map { ["free_price": price, "id": $0.id] as [String: Any] }
        card["consult_active_booking"] = onlineServices.contains { ($0.canBooking ?? 1) == 1 }
        card["price"] = "\(grouped(price / 10)) تومان"
        if let service = onlineServices.first, var action = (template["actions"] as? [[String: Any]])?.first {
            action["url"] = "/factor/v2/\(doctor.slug)/\(service.id)"
            card["actions"] = [action]
        } else {
            card["actions"] = [Any]()
        }
        return card
    }

    /// The `free_price` (Rial) of a registered doctor's online services, on the search card and in
    /// the full profile alike (one doctor, one price: whether a probe's card or the bot's profile
    /// reaches the scraper first, a notice shows the same price): the recorded full profile's online
    /// service's, which `fullProfile` copies; the recorded card's 800000 if that were missing.
    static let onlineServicePrice: Int = {
        let centers = (object(Paziresh24Fixture.fullProfile.data)["data"] as? [String: Any])?["centers"] as? [[String: Any]]
        let service = (centers?.last?["services"] as? [[String: Any]])?.first
        return service?["free_price"] as? Int ?? 800_000
    }()

    /// `80000` → `80,000`, as the recorded `price` text writes Toman.
    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// The site's answer to an unknown city or specialty slug is a 404 (per the recorded client);
    /// its body was not recorded, so this one is marked as the stand-in's.
    static func searchNotFound(_ route: String) -> Data {
        encode(["message": "stand-in: unknown city or specialty slug: \(route) (synthetic; not recorded)"] as [String: Any])
    }
}
