import Foundation

extension DoctorProfile {
    /// Reads a `GET /api/full-profile/{slug}/` body.
    /// - Throws: `.doctorNotFound` when `status` is not `SUCCESS` or the body is the site's
    ///   not-found redirect (`result.redirect.statusCode == 404`); `.malformedResponse` otherwise
    ///   (also for a service's `free_price` that is not an integer, see `price(_:_:)`).
    public static func decodeFullProfile(_ body: Data) throws(Paziresh24Error) -> DoctorProfile {
        guard let root = JSONValue.parse(body), root.object != nil else {
            throw Paziresh24Error(.malformedResponse("full-profile answer is not a JSON object: \(JSONValue.excerpt(body))"))
        }
        if root["result"]?["redirect"]?["statusCode"]?.intValue == 404 {
            throw Paziresh24Error(.doctorNotFound, serverMessage: root["message"]?.stringValue)
        }
        guard root["status"]?.stringValue == "SUCCESS" else {
            throw Paziresh24Error(.doctorNotFound, serverMessage: root["message"]?.stringValue)
        }
        guard let data = root["data"], data.object != nil else {
            throw Paziresh24Error(.malformedResponse("full-profile SUCCESS without data"))
        }
        guard let id = data["id"]?.stringValue, let slug = data["slug"]?.stringValue, !slug.isEmpty else {
            throw Paziresh24Error(.malformedResponse("full-profile data without id or slug"))
        }
        let doctorServerId = data["server_id"]?.stringValue ?? "1"
        var centers: [DoctorCenter] = []
        for (centerIndex, center) in (data["centers"]?.array ?? []).enumerated() {
            guard let centerId = center["id"]?.stringValue, let userCenterId = center["user_center_id"]?.stringValue
            else {
                throw Paziresh24Error(.malformedResponse("center without id or user_center_id"))
            }
            var services: [DoctorService] = []
            for (serviceIndex, service) in (center["services"]?.array ?? []).enumerated() {
                guard let serviceId = service["id"]?.stringValue else { continue }
                let pricePath = "data.centers[\(centerIndex)].services[\(serviceIndex)].free_price"
                services.append(
                    DoctorService(
                        id: serviceId, name: nonEmpty(service["alias_title"]?.stringValue) ?? "",
                        canBook: service["can_booking"]?.intValue == 1,
                        durationMinutes: service["duration"]?.stringValue.flatMap(minutes(fromClock:)),
                        freePriceRial: price(service["free_price"], pricePath)))
            }
            centers.append(
                DoctorCenter(
                    id: centerId, name: nonEmpty(center["name"]?.stringValue) ?? "", userCenterId: userCenterId,
                    serverId: center["server_id"]?.stringValue ?? doctorServerId,
                    city: nonEmpty(center["city"]?.stringValue), address: nonEmpty(center["address"]?.stringValue),
                    services: services))
        }
        let fullName = [data["name"]?.stringValue, data["family"]?.stringValue].compactMap(nonEmpty).joined(separator: " ")
        return DoctorProfile(
            id: id, slug: slug,
            displayName: nonEmpty(data["display_name"]?.stringValue) ?? nonEmpty(fullName) ?? slug,
            specialty: nonEmpty(data["expertises"]?.array?.first?["alias_title"]?.stringValue),
            imageURL: nonEmpty(data["image"]?.stringValue), centers: centers,
            citySlug: searchSlug(data["city_en_slug"]?.stringValue),
            specialtySlug: searchSlug(data["group_expertises"]?.array?.first?["en_slug"]?.stringValue))
    }

    /// A service's `free_price` (Rial), read with the search card's integer rules
    /// (`JSONFieldReader.integer`). The price is only shown in notices, so a value we cannot use —
    /// beyond ±2^53, a fraction, a non-numeric string, 0 (the recorded office service says 0) or
    /// negative — reads as nil ("price unknown"), as a missing or null field does: it must never
    /// make a subscription's lookup fail, as an unusable search slug does not.
    static func price(_ value: JSONValue?, _ path: String) -> Int64? {
        guard let rial = try? JSONFieldReader(answer: "full-profile").integer(value, path), rial > 0 else { return nil }
        return rial
    }

    /// `"00:20:00"` → 20.
    static func minutes(fromClock text: String) -> Int? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count >= 2, let hours = parts[0], let minutes = parts[1] else { return nil }
        return hours * 60 + minutes
    }
}

/// A slug the search route accepts (letters, digits and dashes, as `DoctorSearchQuery` checks),
/// or nil: a profile field we cannot use must not make a probe query fail.
private func searchSlug(_ text: String?) -> String? {
    guard let text, !text.isEmpty, text.count <= 80,
        text.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" })
    else { return nil }
    return text.lowercased()
}

private func nonEmpty(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
}
