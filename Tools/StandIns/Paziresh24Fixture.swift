import Foundation

/// The recorded paziresh24 answers bundled with the stand-in (`Fixtures/paziresh24/`, copied
/// byte-for-byte from the recordings of 2026-10-06; provenance in `SOURCES.md` beside them).
public enum Paziresh24Fixture: String, Sendable, CaseIterable {
    /// `GET drprofile /api/full-profile/{slug}/` for `recordedSlug`.
    case fullProfile = "full_profile"
    /// `POST apigw /booking/v2/getFreeDays` without `return_free_turns` (online center 5532).
    case freeDaysSlots = "free_days_slots"
    /// The same with `return_free_turns=false` (office center 291c1bfe-…): calendar only.
    case freeDaysCalendar = "free_days_calendar"
    /// `GET saman /v1/doctors/{slug}/availability-status`.
    case availability = "availability"
    /// `POST www /api/slugProfile` with an unknown slug.
    case center404 = "center_404"
    /// `GET apigw /seapi/v1/search/tehran/cardiovascular?turn_type=consult`: two doctor cards
    /// (`pagination.limit` 3, `total` 305).
    case searchConsult = "search_consult"

    /// The doctor every recording is about.
    public static let recordedSlug = "دکتر-هدیه-جباری-0"
    /// Their office center.
    public static let officeCenterId = "291c1bfe-e8f3-414a-a82d-d6fe081683fb"
    /// Their office visit service.
    public static let officeServiceId = "1a4a8ec2-fdf9-436e-a32b-8fc4485f609c"
    /// Their membership id at the office.
    public static let officeUserCenterId = "09558bad-168d-4df8-b39d-437a260ca6fc"
    /// The online-visit center.
    public static let onlineCenterId = "5532"
    /// Their online (WhatsApp) visit service.
    public static let onlineServiceId = "972812db-5afb-427a-9dba-d07aa3fed100"
    /// Their membership id at the online-visit center.
    public static let onlineUserCenterId = "972812db-4af0-49d5-865f-516ad2df8474"
    /// `search_consult.json`: the city and specialty slugs it was recorded for.
    public static let searchCity = "tehran"
    /// See `searchCity`.
    public static let searchSpecialty = "cardiovascular"

    /// The file's bytes, exactly as recorded.
    public var data: Data {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "json", subdirectory: "Fixtures/paziresh24"),
            let data = try? Data(contentsOf: url)
        else { fatalError("stand-in fixture \(rawValue).json is missing from the StandIns bundle") }
        return data
    }

    /// `SOURCES.md`: where the recordings come from.
    public static var provenance: String {
        guard let url = Bundle.module.url(forResource: "SOURCES", withExtension: "md", subdirectory: "Fixtures/paziresh24"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }
}
