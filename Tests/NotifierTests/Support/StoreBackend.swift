import Foundation
import Localization
import NotifierAdapters
import NotifierDomain
import NotifierTestSupport
import Postgres
import TestSupport
import Testing

/// The implementations every store-port contract runs against: the in-memory double, and
/// PostgreSQL when the test script started one.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case memory
    case postgres

    /// The backends available here (PostgreSQL is required in CI, see `TestEnvironment`).
    static var all: [StoreBackend] { TestEnvironment.hasDatabase ? [.memory, .postgres] : [.memory] }

    var testDescription: String { rawValue }

    /// A fresh, empty pair of stores (and a way to seed and inspect them) on this backend.
    func makeFixture(clock: ManualClock = ManualClock()) async throws -> StoreFixture {
        switch self {
        case .memory:
            return StoreFixture(
                directory: InMemorySubscriberDirectory(clock: clock.reading), ledger: InMemoryDeliveryLedger(clock: clock.reading),
                client: nil)
        case .postgres:
            let database = try await TestDatabase.create(prefix: "ntfcontract")
            let client = try database.client(poolSize: 2)
            try await NotifierTestData.migrate(client)
            let store = PostgresNotifierStore(client: client)
            return StoreFixture(directory: store, ledger: store, client: client)
        }
    }
}

/// The stores under test, plus the seeding and inspection the ports themselves do not offer.
struct StoreFixture: Sendable {
    let directory: any SubscriberDirectory
    let ledger: any DeliveryLedger
    /// The database of the PostgreSQL backend.
    let client: PostgresClient?

    /// Creates targets (PostgreSQL needs their rows), users `range`, and subscribes them to `target`.
    func seed(
        users range: ClosedRange<Int64>, language: Language = .english, status: String = "active", subscribeTo target: Int? = nil,
        active: Bool = true, filters: SubscriptionFilters = .default
    ) async throws {
        if let client {
            try await NotifierTestData.addTargets(1...3, on: client)
            try await NotifierTestData.addUsers(range, language: language, status: status, on: client)
            if let target {
                try await NotifierTestData.subscribe(
                    range, to: target, active: active, mode: filters.mode.rawValue, hourFrom: filters.hourFrom, hourTo: filters.hourTo,
                    weekdays: filters.weekdays, windowDays: filters.windowDays, on: client)
            }
        } else if let memory = directory as? InMemorySubscriberDirectory {
            for chat in range {
                if await memory.user(chat) == nil { await memory.addUser(chatId: chat, language: language, status: status) }
                if let target {
                    await memory.subscribe(chatId: chat, targetId: NotifierTestData.targetId(target), filters: filters, active: active)
                }
            }
        }
    }

    /// A user's status and status reason.
    func user(_ chatId: Int64) async throws -> (status: String, reason: String?)? {
        if let client {
            return try await client.query("SELECT status, status_reason FROM users WHERE chat_id = \(chatId)")
                .map { try $0.decode((String, String?).self) }.first.map { ($0.0, $0.1) }
        }
        guard let user = await (directory as? InMemorySubscriberDirectory)?.user(chatId) else { return nil }
        return (user.status, user.statusReason)
    }

    /// The ledger's rows by status.
    func statuses() async throws -> [String: Int] {
        if let client {
            var counts: [String: Int] = [:]
            for row in try await client.query("SELECT status, count(*)::bigint FROM notifications GROUP BY status") {
                let (status, count) = try row.decode((String, Int64).self)
                counts[status] = Int(count)
            }
            return counts
        }
        let counts = await (ledger as? InMemoryDeliveryLedger)?.statusCounts ?? [:]
        return Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }

    /// Status and reason of one ledger row.
    func row(_ key: LedgerKey) async throws -> (status: String, reason: String?)? {
        if let client {
            return try await client.query(
                """
                SELECT status, reason FROM notifications
                WHERE chat_id = \(key.chatId) AND target_id = \(key.targetId) AND slot_start = to_timestamp(\(key.startMilliseconds)::bigint::float8 / 1000)
                """
            ).map { try $0.decode((String, String?).self) }.first.map { ($0.0, $0.1) }
        }
        guard let row = await (ledger as? InMemoryDeliveryLedger)?.row(key) else { return nil }
        return (row.status.rawValue, row.reason)
    }

    /// Tokens a bucket holds (as last saved).
    func tokens(_ key: BucketKey) async throws -> Double? {
        if let client {
            return try await client.query(
                "SELECT tokens FROM rate_limits WHERE chat_id = \(key.chatId) AND doctor_slug = \(key.doctorSlug)"
            ).map { try $0.decode(Double.self) }.first
        }
        return await (ledger as? InMemoryDeliveryLedger)?.bucket(key)?.tokens
    }

    func close() async { await client?.close() }
}
