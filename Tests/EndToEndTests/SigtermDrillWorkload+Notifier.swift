import Foundation
import Messaging
import Postgres
import TestSupport

extension SigtermDrillWorkload {
    /// Targets and subscribers per run: each user subscribes to every target of the run.
    static let notifierTargets = 3
    static let notifierUsers = 8

    /// Fresh doctors, targets, users and subscriptions in PostgreSQL for this run (the notifier
    /// has migrated the database by the time it works), then one new `slot.found` per target: the
    /// notifier sends to every subscriber, and those sends hang at the stand-in.
    static func engageNotifier(_ system: SystemUnderTest, process: ChildProcess, run: Int) async throws -> String {
        try await hangSendMessage(system.telegram)
        let client = try system.database.client(poolSize: 1)
        do {
            try await addSubscriptions(run: run, on: client)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        let slots = (0..<notifierTargets).map { index -> (key: String, payload: SlotFoundV1) in
            let target = notifierTarget(run: run, index: index)
            let start = slotStart(index: index)
            let slot = SlotFoundV1(
                targetId: target,
                doctor: DoctorRef(slug: notifierDoctor(run: run, index: index), displayName: "Drill Doctor \(index)", specialty: nil),
                center: CenterRef(id: "drill-c\(run)-\(index)", name: "Clinic", userCenterId: "drill-uc\(run)-\(index)", isOnline: false),
                serviceId: "drill-s\(run)-\(index)", slot: SlotTime(start: start, end: start.addingTimeInterval(600)),
                bookingURL: "https://www.paziresh24.com/dr/\(notifierDoctor(run: run, index: index))/", observedAt: Date(), pollId: UUID())
            return (target, slot)
        }
        try await publish(slots, topic: Topic.slots, as: "scraper", on: system)
        let hanging = try await waitForHangingSends(system.telegram, process: process, minimum: 2)
        return "\(hanging) sendMessage hanging"
    }

    static func notifierTarget(run: Int, index: Int) -> String { "drill-c\(run)-\(index):drill-s\(run)-\(index)" }
    static func notifierDoctor(run: Int, index: Int) -> String { "drill-doctor-\(run)-\(index)" }

    private static func addSubscriptions(run: Int, on client: PostgresClient) async throws {
        let indexes = Array(0..<notifierTargets)
        let slugs = indexes.map { notifierDoctor(run: run, index: $0) }
        let names = indexes.map { "Drill Doctor \($0)" }
        let ids = indexes.map { notifierTarget(run: run, index: $0) }
        let centers = indexes.map { "drill-c\(run)-\($0)" }
        let services = indexes.map { "drill-s\(run)-\($0)" }
        let firstUser = Int64(9_000_000 + run * 100)
        let lastUser = firstUser + Int64(notifierUsers - 1)
        _ = try await client.query(
            """
            INSERT INTO doctors (slug, display_name) SELECT * FROM unnest(\(slugs)::text[], \(names)::text[])
            ON CONFLICT (slug) DO NOTHING
            """)
        _ = try await client.query(
            """
            INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name)
            SELECT id, slug, center, 'Clinic', 'u' || center, false, service, 'visit'
            FROM unnest(\(ids)::text[], \(slugs)::text[], \(centers)::text[], \(services)::text[]) AS t(id, slug, center, service)
            ON CONFLICT (id) DO NOTHING
            """)
        _ = try await client.query(
            """
            INSERT INTO users (chat_id, language, status) SELECT g, 'en', 'active'
            FROM generate_series(\(firstUser)::bigint, \(lastUser)::bigint) g
            ON CONFLICT (chat_id) DO NOTHING
            """)
        _ = try await client.query(
            """
            INSERT INTO subscriptions (chat_id, target_id)
            SELECT g, t FROM generate_series(\(firstUser)::bigint, \(lastUser)::bigint) g, unnest(\(ids)::text[]) t
            ON CONFLICT (chat_id, target_id) DO NOTHING
            """)
    }
}
