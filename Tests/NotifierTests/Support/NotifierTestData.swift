import Foundation
import Localization
import Messaging
import NotifierAdapters
import NotifierDomain
import Postgres
import Storage

/// Doctors, targets, users, subscriptions and `slot.found` events for the notifier's tests.
enum NotifierTestData {
    /// A doctor whose display name identifies it in a message (`Drill Doctor 7`).
    static func doctor(_ number: Int) -> DoctorRef {
        DoctorRef(slug: "drill-doctor-\(number)", displayName: "Drill Doctor \(number)", specialty: nil)
    }

    /// Doctor `number` as a notice names it.
    static func noticeDoctor(_ number: Int) -> Doctor {
        Doctor(slug: doctor(number).slug, displayName: doctor(number).displayName, specialty: nil)
    }

    /// Target `number`'s center as a notice names it.
    static func noticeCenter(_ number: Int, isOnline: Bool = false) -> Center {
        Center(name: center(number, isOnline: isOnline).name, isOnline: isOnline)
    }

    /// A found slot (the notifier's view of `slot(target:start:…)`).
    static func foundSlot(target number: Int, start: Date, observedAt: Date = Date(), isOnline: Bool = false) -> FoundSlot {
        FoundSlot(slot(target: number, start: start, observedAt: observedAt, isOnline: isOnline))
    }

    /// Target `number`'s id: an in-person center of its own, one service.
    static func targetId(_ number: Int) -> String { "c\(number):s\(number)" }

    /// Target `number`'s center.
    static func center(_ number: Int, isOnline: Bool = false) -> CenterRef {
        CenterRef(id: "c\(number)", name: "Clinic \(number)", userCenterId: "uc\(number)", isOnline: isOnline)
    }

    /// A slot start `days` days from now at a whole quarter hour, unique per `index` within the day.
    static func slotStart(day: Int = 2, index: Int, now: Date = Date()) -> Date {
        let midnightish = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        // 04:30 UTC = 08:00 Tehran; 10-minute steps stay within Tehran working hours for 60 slots.
        return Date(timeIntervalSince1970: midnightish + Double(day) * 86_400 + 4.5 * 3600 + Double(index) * 600)
    }

    /// A `slot.found` for target `number` (doctor `number`).
    static func slot(target number: Int, start: Date, observedAt: Date = Date(), poll: UUID = UUID(), isOnline: Bool = false) -> SlotFoundV1
    {
        SlotFoundV1(
            targetId: targetId(number), doctor: doctor(number), center: center(number, isOnline: isOnline), serviceId: "s\(number)",
            slot: SlotTime(start: start, end: start.addingTimeInterval(600)),
            bookingURL: "https://www.paziresh24.com/dr/drill-doctor-\(number)/", observedAt: observedAt, pollId: poll)
    }

    /// The message line that lists `start` in `language` (as `NoticeComposer` writes it).
    static func slotLine(_ start: Date, language: Language = .english) -> String {
        switch language {
        case .english: "• \(JalaliCalendar.longDate(start, language: .english)), \(JalaliCalendar.time(start, language: .english))"
        case .persian: "• \(JalaliCalendar.longDate(start, language: .persian))، ساعت \(JalaliCalendar.time(start, language: .persian))"
        }
    }

    /// Applies the SlotHunter migrations.
    static func migrate(_ client: PostgresClient) async throws {
        _ = try await Migrator(client: client, migrations: SlotHunterMigrations.all).migrate()
    }

    /// Creates targets `numbers` (each with its doctor).
    static func addTargets(_ numbers: some Sequence<Int>, isOnline: Bool = false, on client: PostgresClient) async throws {
        let list = Array(numbers)
        let slugs = list.map { doctor($0).slug }
        let names = list.map { doctor($0).displayName }
        _ = try await client.query(
            """
            INSERT INTO doctors (slug, display_name) SELECT * FROM unnest(\(slugs)::text[], \(names)::text[])
            ON CONFLICT (slug) DO NOTHING
            """)
        let ids = list.map { targetId($0) }
        let centers = list.map { "c\($0)" }
        let services = list.map { "s\($0)" }
        _ = try await client.query(
            """
            INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name)
            SELECT id, slug, center, 'Clinic ' || center, 'u' || center, \(isOnline), service, 'visit'
            FROM unnest(\(ids)::text[], \(slugs)::text[], \(centers)::text[], \(services)::text[]) AS t(id, slug, center, service)
            ON CONFLICT (id) DO NOTHING
            """)
    }

    /// Creates users `first...last` with a language and status.
    static func addUsers(
        _ range: ClosedRange<Int64>, language: Language = .english, status: String = "active", on client: PostgresClient
    ) async throws {
        _ = try await client.query(
            """
            INSERT INTO users (chat_id, language, status) SELECT g, \(language.rawValue), \(status)
            FROM generate_series(\(range.lowerBound)::bigint, \(range.upperBound)::bigint) g
            ON CONFLICT (chat_id) DO NOTHING
            """)
    }

    /// Subscribes users `range` to target `number` with optional filters.
    static func subscribe(
        _ range: ClosedRange<Int64>, to number: Int, active: Bool = true, mode: String = "any", hourFrom: Int = 0, hourTo: Int = 24,
        weekdays: Int = 127, windowDays: Int = 30, on client: PostgresClient
    ) async throws {
        _ = try await client.query(
            """
            INSERT INTO subscriptions (chat_id, target_id, active, mode, hour_from, hour_to, weekdays, window_days)
            SELECT g, \(targetId(number)), \(active), \(mode), \(hourFrom), \(hourTo), \(weekdays), \(windowDays)
            FROM generate_series(\(range.lowerBound)::bigint, \(range.upperBound)::bigint) g
            ON CONFLICT (chat_id, target_id) DO NOTHING
            """)
    }
}
