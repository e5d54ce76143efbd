import Foundation

extension Paziresh24StandInState {
    /// What a search asks for, already validated.
    struct SearchRequest {
        var city: String
        var specialty: String?
        var text: String?
        var page: Int
        var limit: Int
        var sortBy: String?
        var turnType: String?
    }

    /// One matching doctor and its earliest visible slot per center.
    struct SearchHit {
        var doctor: RegisteredDoctor
        var earliest: [String: Int]
    }

    /// Whether any registered doctor (or the recording) uses these slugs; the site answers 404
    /// for an unknown city or specialty.
    func knowsSearchRoute(city: String, specialty: String?) -> Bool {
        let cityKnown =
            city == "ir" || city == Paziresh24StandInDoctor.defaultCitySlug
            || doctors.values.contains { $0.spec.searchCity == city }
        let specialtyKnown =
            specialty.map { wanted in
                wanted == Paziresh24StandInDoctor.defaultSpecialtySlug
                    || doctors.values.contains { $0.spec.searchSpecialty == wanted }
            } ?? true
        return cityKnown && specialtyKnown
    }

    /// Every registered doctor the search matches, in its order, with earliest slots (from the
    /// scenarios' currently visible slots, so `/control/slots` moves them).
    /// - Order: registration order; `sortBy=clinic_first_freeturn` sorts by the earliest free
    ///   time of the requested kind (online for `consult`, office for `non-consult`, any
    ///   otherwise) and, as the recorded client notes, leaves out doctors without one.
    func searchHits(_ request: SearchRequest, now: Date) -> [SearchHit] {
        let query = request.text.map(Paziresh24SearchText.normalise).flatMap { $0.isEmpty ? nil : $0 }
        var hits: [SearchHit] = []
        for doctor in doctors.values.sorted(by: { $0.order < $1.order }) {
            let spec = doctor.spec
            if request.city != "ir", spec.searchCity != request.city { continue }
            if let specialty = request.specialty, spec.searchSpecialty != specialty { continue }
            let hasOnline = spec.centers.contains { $0.id == Paziresh24Fixture.onlineCenterId }
            let hasOffice = spec.centers.contains { $0.id != Paziresh24Fixture.onlineCenterId }
            if request.turnType == "consult", !hasOnline { continue }
            if request.turnType == "non-consult", !hasOffice { continue }
            if let query {
                let name = Paziresh24StandInResponses.displayName(spec)
                guard Paziresh24SearchText.matches(query, [name, "دکتر " + name, spec.slug]) else { continue }
            }
            hits.append(SearchHit(doctor: doctor, earliest: earliestSlots(spec, now: now)))
        }
        guard request.sortBy == "clinic_first_freeturn" else { return hits }
        func first(_ hit: SearchHit) -> Int? {
            let times = hit.earliest.filter { center, _ in
                switch request.turnType {
                case "consult": center == Paziresh24Fixture.onlineCenterId
                case "non-consult": center != Paziresh24Fixture.onlineCenterId
                default: true
                }
            }.values
            return times.min()
        }
        return hits.compactMap { hit in first(hit).map { (hit, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.doctor.order < $1.0.doctor.order }.map(\.0)
    }
}
