import Foundation

extension DoctorSearchPage {
    /// The largest search body read. 50 recorded-size cards are about 250 KB; anything far
    /// beyond is not a search page and is refused before parsing (there is no transport-level
    /// body limit to rely on).
    public static let maxBodyBytes = 2 * 1024 * 1024

    /// Reads a search body (shapes from `search_consult.json`, recorded 2026-10-06):
    /// - `search.total` (number), `search.pagination.page`/`.limit` (numbers);
    /// - `search.result[]`: cards; `type` "doctor" (others, e.g. "center", are skipped and counted);
    /// - per card: `slug`, `id`/`doctor_id`, `display_name`/`title`, `prefix`, `display_expertise`
    ///   (strings); `centers[]` with `id`, `user_center_id`, `name`, `city_name` (strings) and
    ///   `center_type` (number); `services[]` with `id` and `center_id`; `freeturns_info[]` with
    ///   `center_id`, `freeturn` and `available_time` as **strings** of Unix seconds;
    ///   `presence_freeturn` and `consult_freeturn` as **numbers** of Unix seconds (or null);
    ///   `consult_active_booking`/`presence_active_booking` (booleans); `consult_services[0]`
    ///   with `free_price` (number, Rial) and `id`.
    ///
    /// Timestamps are read either way (number or digit string), see `JSONFieldReader.instant`.
    /// Lenient: missing or null fields read as nil, unknown fields are ignored, a card without a
    /// slug is skipped and counted in `skipped`. Strict: a field of the wrong type throws
    /// `.malformedResponse` with its path in `fieldPath` (e.g. `search.result[0].slug`).
    /// - Throws: `.malformedResponse` for a body that is too large, not JSON, not an object, or
    ///   has a field of the wrong type.
    public static func decode(_ body: Data) throws(Paziresh24Error) -> DoctorSearchPage {
        let reader = JSONFieldReader(answer: "search")
        guard body.count <= maxBodyBytes else {
            throw Paziresh24Error(.malformedResponse("search answer of \(body.count) bytes exceeds \(maxBodyBytes)"))
        }
        guard let root = JSONValue.parse(body) else {
            throw Paziresh24Error(.malformedResponse("search answer is not JSON: \(JSONValue.excerpt(body))"))
        }
        guard case .object = root else {
            throw reader.wrongType("$", expected: "an object", found: root)
        }
        guard let search = try reader.object(root["search"], "search") else {
            throw reader.error("search", "missing")
        }
        let pagination = try reader.object(search["pagination"], "search.pagination")
        var cards: [DoctorSearchCard] = []
        var skipped = 0
        for (index, item) in try reader.list(search["result"], "search.result").enumerated() {
            let path = "search.result[\(index)]"
            guard let object = try reader.object(item, path) else {
                skipped += 1  // a null entry
                continue
            }
            if let type = try reader.string(object["type"], "\(path).type"), type != "doctor" {
                skipped += 1
                continue
            }
            guard let card = try readCard(object, path, reader) else {
                skipped += 1
                continue
            }
            cards.append(card)
        }
        return DoctorSearchPage(
            total: try reader.integer(search["total"], "search.total"),
            page: try reader.integer(pagination?["page"], "search.pagination.page"),
            limit: try reader.integer(pagination?["limit"], "search.pagination.limit"), cards: cards, skipped: skipped)
    }

    /// One card, or nil when it has no slug.
    private static func readCard(
        _ card: [String: JSONValue], _ path: String, _ reader: JSONFieldReader
    )
        throws(Paziresh24Error) -> DoctorSearchCard?
    {
        let slug = try reader.string(card["slug"], "\(path).slug")?.trimmingCharacters(in: .whitespacesAndNewlines)
        // Every other field is still type-checked: a wrong type anywhere means the shape changed.
        var serviceIdsByCenter: [String: [String]] = [:]
        for (index, service) in try reader.list(card["services"], "\(path).services").enumerated() {
            let servicePath = "\(path).services[\(index)]"
            guard let service = try reader.object(service, servicePath) else { continue }
            let centerId = try reader.identifier(service["center_id"], "\(servicePath).center_id")
            let serviceId = try reader.identifier(service["id"], "\(servicePath).id")
            if let centerId, let serviceId { serviceIdsByCenter[centerId, default: []].append(serviceId) }
        }
        var freeTurns: [DoctorSearchFreeTurn] = []
        for (index, info) in try reader.list(card["freeturns_info"], "\(path).freeturns_info").enumerated() {
            let infoPath = "\(path).freeturns_info[\(index)]"
            guard let info = try reader.object(info, infoPath) else { continue }
            let freeTurn = try reader.instant(info["freeturn"], "\(infoPath).freeturn")
            let available = try reader.instant(info["available_time"], "\(infoPath).available_time")
            guard let centerId = try reader.identifier(info["center_id"], "\(infoPath).center_id") else { continue }
            freeTurns.append(DoctorSearchFreeTurn(centerId: centerId, freeTurn: freeTurn, availableTime: available))
        }
        var centers: [DoctorSearchCenter] = []
        for (index, center) in try reader.list(card["centers"], "\(path).centers").enumerated() {
            let centerPath = "\(path).centers[\(index)]"
            guard let center = try reader.object(center, centerPath) else { continue }
            let userCenterId = try reader.identifier(center["user_center_id"], "\(centerPath).user_center_id")
            let name = try reader.string(center["name"], "\(centerPath).name")
            let city = try reader.string(center["city_name"], "\(centerPath).city_name")
            let type = try reader.integer(center["center_type"], "\(centerPath).center_type")
            guard let id = try reader.identifier(center["id"], "\(centerPath).id") else { continue }
            centers.append(
                DoctorSearchCenter(
                    id: id, userCenterId: userCenterId, name: nonEmpty(name), city: nonEmpty(city),
                    centerType: type.flatMap { Int(exactly: $0) }, serviceIds: serviceIdsByCenter[id] ?? [],
                    freeTurn: freeTurns.first { $0.centerId == id }?.freeTurn))
        }
        let consult = try reader.list(card["consult_services"], "\(path).consult_services").first
        let consultObject = try reader.object(consult, "\(path).consult_services[0]")
        let price = try reader.integer(consultObject?["free_price"], "\(path).consult_services[0].free_price")
        let onlineServiceId = try reader.identifier(consultObject?["id"], "\(path).consult_services[0].id")
        let doctorId = try reader.identifier(card["id"], "\(path).id")
        let fallbackDoctorId = try reader.identifier(card["doctor_id"], "\(path).doctor_id")
        let displayName = try reader.string(card["display_name"], "\(path).display_name")
        let title = try reader.string(card["title"], "\(path).title")
        let prefix = try reader.string(card["prefix"], "\(path).prefix")
        let expertise = try reader.string(card["display_expertise"], "\(path).display_expertise")
        let presence = try reader.instant(card["presence_freeturn"], "\(path).presence_freeturn")
        let consultTurn = try reader.instant(card["consult_freeturn"], "\(path).consult_freeturn")
        let consultActive = try reader.flag(card["consult_active_booking"], "\(path).consult_active_booking")
        let presenceActive = try reader.flag(card["presence_active_booking"], "\(path).presence_active_booking")
        guard let slug, !slug.isEmpty else { return nil }
        return DoctorSearchCard(
            slug: slug, doctorId: doctorId ?? fallbackDoctorId, displayName: nonEmpty(displayName) ?? nonEmpty(title),
            prefix: nonEmpty(prefix), expertise: nonEmpty(expertise),
            city: centers.first { !$0.isOnlineVisit && $0.city != nil }?.city, centers: centers, freeTurns: freeTurns,
            presenceFreeTurn: presence, consultFreeTurn: consultTurn, consultActiveBooking: consultActive,
            presenceActiveBooking: presenceActive, onlinePriceRial: price, onlineServiceId: onlineServiceId)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
