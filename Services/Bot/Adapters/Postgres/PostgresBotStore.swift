import BotDomain
import Foundation
import Localization
import Messaging
import Postgres

/// `BotStore` on PostgreSQL. Every value is a bound parameter (user text is stored verbatim and
/// can never become SQL).
///
/// Policy is not decided here: the subscription cap is `SubscriptionCap`, a new subscription's
/// filters `WatchFilters.forNewSubscription`, what a passed slot means `FreeSlots` (all in the
/// domain); this type loads what they need and stores what they decided.
public struct PostgresBotStore: BotStore {
    let client: PostgresClient
    let now: @Sendable () -> Date

    /// Creates the store.
    /// - Parameter now: the clock `/status` judges "still in the future" by.
    public init(client: PostgresClient, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.now = now
    }

    public func upsertUser(
        chatId: Int64, userId: Int64?, username: String?, firstName: String?, language: Language
    ) async throws -> BotUser {
        // One statement: atomic without a transaction, one round trip per message.
        let rows = try await client.query(
            """
            INSERT INTO users (chat_id, user_id, username, first_name, language)
            VALUES (\(chatId), NULLIF(\(userId ?? 0), 0), NULLIF(\(Self.storable(username)), ''),
                    NULLIF(\(Self.storable(firstName)), ''), \(language.rawValue))
            ON CONFLICT (chat_id) DO UPDATE SET
                user_id = COALESCE(EXCLUDED.user_id, users.user_id),
                username = COALESCE(EXCLUDED.username, users.username),
                first_name = COALESCE(EXCLUDED.first_name, users.first_name),
                updated_at = now()
            RETURNING language, status
            """)
        let (lang, status) = try rows[0].decode((String, String).self)
        return Self.user(chatId: chatId, language: lang, status: status)
    }

    /// What a user sent, as PostgreSQL text can hold it: verbatim, except that NUL (which `text`
    /// cannot store) becomes U+FFFD and absurd lengths are cut (Telegram's own limit is 64).
    static func storable(_ value: String?) -> String {
        guard let value else { return "" }
        let cut =
            value.unicodeScalars.count > 256 ? Substring(value).unicodeScalars.prefix(256) : Substring(value).unicodeScalars[...]
        // Scalar by scalar: a NUL followed by a combining mark is one Character, which `contains` misses.
        guard cut.contains("\u{0}") else { return String(cut) }
        return String(String.UnicodeScalarView(cut.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }

    public func user(chatId: Int64) async throws -> BotUser? {
        let rows = try await client.query("SELECT language, status FROM users WHERE chat_id = \(chatId)")
        guard let row = rows.first else { return nil }
        let (lang, status) = try row.decode((String, String).self)
        return Self.user(chatId: chatId, language: lang, status: status)
    }

    /// A user from their stored columns (the table's CHECK constraint admits only known statuses).
    static func user(chatId: Int64, language: String, status: String) -> BotUser {
        BotUser(chatId: chatId, language: Language(rawValue: language) ?? .persian, status: UserStatus(rawValue: status) ?? .active)
    }

    public func markBlocked(chatId: Int64, reason: String) async throws -> [String] {
        try await client.withTransaction { connection in
            let updated = try await connection.query(
                "UPDATE users SET status = 'blocked', status_reason = \(reason), updated_at = now() WHERE chat_id = \(chatId) RETURNING chat_id"
            )
            guard !updated.isEmpty else { return [] }
            let targets = try await connection.query(
                "UPDATE subscriptions SET active = false, updated_at = now() WHERE chat_id = \(chatId) AND active RETURNING target_id"
            ).map { try $0.decode(column: 0, as: String.self) }
            return try await Self.unwatched(Array(Set(targets)), on: connection)
        }
    }

    public func markUnblocked(chatId: Int64) async throws -> [WatchTarget] {
        try await client.withTransaction { connection in
            let updated = try await connection.query(
                """
                UPDATE users SET status = 'active', status_reason = NULL, updated_at = now()
                WHERE chat_id = \(chatId) AND status = 'blocked' RETURNING chat_id
                """)
            guard !updated.isEmpty else { return [] }
            let targets = try await connection.query(
                "SELECT DISTINCT target_id FROM subscriptions WHERE chat_id = \(chatId) AND NOT active ORDER BY target_id"
            ).map { try $0.decode(column: 0, as: String.self) }
            try await Self.lockTargets(targets, on: connection)
            let rows = try await connection.query(
                """
                SELECT 0, \(unsafeRaw: Self.targetColumns) FROM watch_targets t JOIN doctors d ON d.slug = t.doctor_slug
                WHERE t.id = ANY(\(targets)::text[])
                  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.target_id = t.id AND s.active)
                ORDER BY t.id
                """)
            _ = try await connection.query("UPDATE subscriptions SET active = true, updated_at = now() WHERE chat_id = \(chatId)")
            return try rows.map { try Self.decodeTarget($0, from: 1) }
        }
    }

    /// Locks the targets' rows (in id order, so two transactions never deadlock): whether a target
    /// is "first" or "last" for watching is decided by one transaction at a time.
    static func lockTargets(_ ids: [String], on connection: PostgresConnection) async throws {
        guard !ids.isEmpty else { return }
        _ = try await connection.query(
            "SELECT 1 FROM watch_targets WHERE id = ANY(\(ids.sorted())::text[]) ORDER BY id FOR UPDATE")
    }

    /// Those of `ids` that no active subscription watches.
    static func unwatched(_ ids: [String], on connection: PostgresConnection) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        try await lockTargets(ids, on: connection)
        return try await connection.query(
            """
            SELECT u.target_id FROM unnest(\(ids)::text[]) AS u(target_id)
            WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.target_id = u.target_id AND s.active)
            ORDER BY u.target_id
            """
        ).map { try $0.decode(column: 0, as: String.self) }
    }

    public func saveDoctor(_ doctor: DoctorRef, targets: [WatchTarget]) async throws -> [StoredTarget] {
        try await client.withTransaction { connection in
            _ = try await connection.query(
                """
                INSERT INTO doctors (slug, display_name, specialty, city_slug, specialty_slug)
                VALUES (\(doctor.slug), \(doctor.displayName), NULLIF(\(doctor.specialty ?? ""), ''),
                        NULLIF(\(doctor.citySlug ?? ""), ''), NULLIF(\(doctor.specialtySlug ?? ""), ''))
                ON CONFLICT (slug) DO UPDATE SET display_name = EXCLUDED.display_name, specialty = EXCLUDED.specialty,
                    city_slug = EXCLUDED.city_slug, specialty_slug = EXCLUDED.specialty_slug, updated_at = now()
                """)
            var stored: [StoredTarget] = []
            for target in targets {
                let rows = try await connection.query(
                    """
                    INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, server_id, is_online, service_id, service_name,
                                               service_price_rial)
                    VALUES (\(target.id), \(doctor.slug), \(target.center.id), \(target.center.name), \(target.center.userCenterId),
                            \(target.center.serverId), \(target.center.isOnline), \(target.service.id), \(target.service.name),
                            \(Self.storablePrice(target.service.freePriceRial)))
                    ON CONFLICT (id) DO UPDATE SET center_name = EXCLUDED.center_name, user_center_id = EXCLUDED.user_center_id,
                        server_id = EXCLUDED.server_id, service_name = EXCLUDED.service_name,
                        service_price_rial = EXCLUDED.service_price_rial
                    RETURNING short_id
                    """)
                stored.append(StoredTarget(shortId: try rows[0].decode(column: 0, as: Int64.self), target: target))
            }
            return stored
        }
    }

    static let targetColumns = """
        t.id, t.doctor_slug, d.display_name, COALESCE(d.specialty, ''), t.center_id, t.center_name, t.user_center_id,
        t.server_id, t.is_online, t.service_id, t.service_name, COALESCE(d.city_slug, ''), COALESCE(d.specialty_slug, ''),
        t.service_price_rial
        """

    /// A price as the column holds it: positive, else NULL (unknown; the column's CHECK agrees).
    static func storablePrice(_ rial: Int64?) -> Int64? {
        rial.flatMap { $0 > 0 ? $0 : nil }
    }

    static func decodeTarget(_ row: PostgresRow, from index: Int) throws -> WatchTarget {
        let slug = try row.decode(column: index + 1, as: String.self)
        let specialty = try row.decode(column: index + 3, as: String.self)
        let citySlug = try row.decode(column: index + 11, as: String.self)
        let specialtySlug = try row.decode(column: index + 12, as: String.self)
        return WatchTarget(
            doctor: DoctorRef(
                slug: slug, displayName: try row.decode(column: index + 2, as: String.self),
                specialty: specialty.isEmpty ? nil : specialty, citySlug: citySlug.isEmpty ? nil : citySlug,
                specialtySlug: specialtySlug.isEmpty ? nil : specialtySlug),
            center: CenterRef(
                id: try row.decode(column: index + 4, as: String.self), name: try row.decode(column: index + 5, as: String.self),
                userCenterId: try row.decode(column: index + 6, as: String.self),
                serverId: try row.decode(column: index + 7, as: String.self),
                isOnline: try row.decode(column: index + 8, as: Bool.self)),
            service: ServiceRef(
                id: try row.decode(column: index + 9, as: String.self), name: try row.decode(column: index + 10, as: String.self),
                freePriceRial: try row.decode(column: index + 13, as: Int64?.self))
        )
    }

    public func target(shortId: Int64) async throws -> StoredTarget? {
        let rows = try await client.query(
            "SELECT t.short_id, \(unsafeRaw: Self.targetColumns) FROM watch_targets t JOIN doctors d ON d.slug = t.doctor_slug WHERE t.short_id = \(shortId)"
        )
        guard let row = rows.first else { return nil }
        return StoredTarget(shortId: try row.decode(column: 0, as: Int64.self), target: try Self.decodeTarget(row, from: 1))
    }

    public func subscribe(chatId: Int64, targetId: String, cap: SubscriptionCap) async throws -> SubscribeResult {
        try await client.withTransaction { connection in
            // Serialise one user's subscribes (the row lock), so the cap holds under double taps.
            _ = try await connection.query("SELECT 1 FROM users WHERE chat_id = \(chatId) FOR UPDATE")
            try await Self.lockTargets([targetId], on: connection)
            let state = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM subscriptions WHERE chat_id = \(chatId) AND target_id = \(targetId) AND active),
                       (SELECT count(*) FROM subscriptions WHERE chat_id = \(chatId) AND active),
                       EXISTS (SELECT 1 FROM subscriptions WHERE target_id = \(targetId) AND active)
                """)[0]
            let (alreadyActive, activeCount, watched) = try state.decode((Bool, Int64, Bool).self)
            switch cap.decide(alreadyActive: alreadyActive, activeCount: Int(activeCount)) {
            case .alreadySubscribed: return .alreadySubscribed
            case .limitReached: return .limitReached
            case .subscribe: break
            }
            let latest = try await connection.query(
                """
                SELECT window_days, mode, hour_from, hour_to, weekdays FROM subscriptions
                WHERE chat_id = \(chatId) ORDER BY updated_at DESC, id DESC LIMIT 1
                """
            ).first.map(Self.decodeFilters)
            let filters = WatchFilters.forNewSubscription(latest: latest)
            // A subscription that was deactivated (the user blocked the bot) comes back with its own filters.
            _ = try await connection.query(
                """
                INSERT INTO subscriptions (chat_id, target_id, window_days, mode, hour_from, hour_to, weekdays)
                VALUES (\(chatId), \(targetId), \(filters.windowDays), \(filters.mode.rawValue), \(filters.hourFrom),
                        \(filters.hourTo), \(filters.weekdays))
                ON CONFLICT (chat_id, target_id) DO UPDATE SET active = true, updated_at = now()
                """)
            return .created(firstForTarget: !watched)
        }
    }

    static func decodeFilters(_ row: PostgresRow) throws -> WatchFilters {
        let (days, mode, from, to, weekdays) = try row.decode((Int, String, Int, Int, Int).self)
        return WatchFilters(
            windowDays: days, mode: SubscriptionMode(rawValue: mode) ?? .any, hourFrom: from, hourTo: to, weekdays: weekdays)
    }

    public func subscriptions(chatId: Int64) async throws -> [SubscriptionView] {
        let now = self.now()
        let rows = try await client.query(
            """
            SELECT s.id, s.window_days, s.mode, s.hour_from, s.hour_to, s.weekdays,
                   COALESCE(extract(epoch FROM c.checked_at)::bigint, 0), COALESCE(c.outcome, ''),
                   COALESCE(ARRAY(SELECT extract(epoch FROM x)::bigint FROM unnest(c.earliest_slots) AS x ORDER BY x), '{}'),
                   COALESCE(c.free_slot_count, 0),
                   \(unsafeRaw: Self.targetColumns)
            FROM subscriptions s
            JOIN watch_targets t ON t.id = s.target_id
            JOIN doctors d ON d.slug = t.doctor_slug
            LEFT JOIN target_checks c ON c.target_id = t.id
            WHERE s.chat_id = \(chatId) AND s.active
            ORDER BY s.id
            """)
        return try rows.map { row in
            // The row also holds the target's columns, so decode column by column (a tuple decode
            // wants every column of the row).
            let id = try row.decode(column: 0, as: Int64.self)
            let days = try row.decode(column: 1, as: Int.self)
            let mode = try row.decode(column: 2, as: String.self)
            let from = try row.decode(column: 3, as: Int.self)
            let to = try row.decode(column: 4, as: Int.self)
            let weekdays = try row.decode(column: 5, as: Int.self)
            let checkedAt = try row.decode(column: 6, as: Int64.self)
            let outcome = try row.decode(column: 7, as: String.self)
            let slots = try row.decode(column: 8, as: [Int64].self)
            let count = try row.decode(column: 9, as: Int.self)
            let target = try Self.decodeTarget(row, from: 10)
            let free = FreeSlots.upcoming(
                listed: slots.map { Date(timeIntervalSince1970: TimeInterval($0)) }, counted: count, now: now)
            return SubscriptionView(
                id: id, target: target, windowDays: days, mode: SubscriptionMode(rawValue: mode) ?? .any, hourFrom: from,
                hourTo: to, weekdays: weekdays,
                lastCheckAt: checkedAt == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(checkedAt)),
                lastOutcome: CheckOutcome(rawValue: outcome), freeSlots: free.slots, freeSlotCount: free.count)
        }
    }

    public func unsubscribe(chatId: Int64, subscriptionId: Int64) async throws -> (target: WatchTarget, lastForTarget: Bool)? {
        try await client.withTransaction { connection in
            let deleted = try await connection.query(
                "DELETE FROM subscriptions WHERE id = \(subscriptionId) AND chat_id = \(chatId) RETURNING target_id")
            guard let row = deleted.first else { return nil }
            let targetId = try row.decode(column: 0, as: String.self)
            try await Self.lockTargets([targetId], on: connection)
            let rows = try await connection.query(
                """
                SELECT NOT EXISTS (SELECT 1 FROM subscriptions WHERE target_id = t.id AND active), \(unsafeRaw: Self.targetColumns)
                FROM watch_targets t JOIN doctors d ON d.slug = t.doctor_slug WHERE t.id = \(targetId)
                """)
            guard let target = rows.first else { return nil }
            return (try Self.decodeTarget(target, from: 1), try target.decode(column: 0, as: Bool.self))
        }
    }

    public func setStatus(chatId: Int64, status: UserStatus) async throws {
        _ = try await client.query("UPDATE users SET status = \(status.rawValue), updated_at = now() WHERE chat_id = \(chatId)")
    }

    public func setLanguage(chatId: Int64, language: Language) async throws {
        _ = try await client.query(
            "UPDATE users SET language = \(language.rawValue), updated_at = now() WHERE chat_id = \(chatId)")
    }

    public func updateFilters(chatId: Int64, _ change: FilterCommand) async throws -> Int {
        let query: PostgresQuery
        switch change {
        case .show: return 0
        case .days(let days):
            query = "UPDATE subscriptions SET window_days = \(days), updated_at = now() WHERE chat_id = \(chatId)"
        case .mode(let mode):
            query = "UPDATE subscriptions SET mode = \(mode.rawValue), updated_at = now() WHERE chat_id = \(chatId)"
        case .hours(let from, let to):
            query = "UPDATE subscriptions SET hour_from = \(from), hour_to = \(to), updated_at = now() WHERE chat_id = \(chatId)"
        case .weekdays(let mask):
            query = "UPDATE subscriptions SET weekdays = \(mask), updated_at = now() WHERE chat_id = \(chatId)"
        case .reset:
            let defaults = WatchFilters.defaults
            query = """
                UPDATE subscriptions SET window_days = \(defaults.windowDays), mode = \(defaults.mode.rawValue),
                    hour_from = \(defaults.hourFrom), hour_to = \(defaults.hourTo), weekdays = \(defaults.weekdays), updated_at = now()
                WHERE chat_id = \(chatId)
                """
        }
        return try await client.query(query).affectedRows
    }

    public func updateFilters(chatId: Int64, subscriptionId: Int64, _ change: FilterCommand) async throws -> WatchFilters? {
        try await client.withTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT window_days, mode, hour_from, hour_to, weekdays FROM subscriptions
                WHERE id = \(subscriptionId) AND chat_id = \(chatId) AND active FOR UPDATE
                """)
            guard let row = rows.first else { return nil }
            let filters = try Self.decodeFilters(row).applying(change)
            guard change != .show else { return filters }
            _ = try await connection.query(
                """
                UPDATE subscriptions SET window_days = \(filters.windowDays), mode = \(filters.mode.rawValue),
                    hour_from = \(filters.hourFrom), hour_to = \(filters.hourTo), weekdays = \(filters.weekdays),
                    updated_at = now()
                WHERE id = \(subscriptionId) AND chat_id = \(chatId)
                """)
            return filters
        }
    }

    public func deleteUser(chatId: Int64) async throws -> [String] {
        try await client.withTransaction { connection in
            let targets = try await connection.query(
                "SELECT DISTINCT target_id FROM subscriptions WHERE chat_id = \(chatId) AND active"
            )
            .map { try $0.decode(column: 0, as: String.self) }
            // Subscriptions, notices and rate-limit state go with the user (ON DELETE CASCADE).
            _ = try await connection.query("DELETE FROM users WHERE chat_id = \(chatId)")
            return try await Self.unwatched(targets, on: connection)
        }
    }

    public func activeTargets() async throws -> [WatchTarget] {
        let rows = try await client.query(
            """
            SELECT 0, \(unsafeRaw: Self.targetColumns) FROM watch_targets t JOIN doctors d ON d.slug = t.doctor_slug
            WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.target_id = t.id AND s.active) ORDER BY t.id
            """)
        return try rows.map { try Self.decodeTarget($0, from: 1) }
    }

    public func orphanedTargetIds() async throws -> [String] {
        try await client.query(
            "SELECT t.id FROM watch_targets t WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.target_id = t.id AND s.active) ORDER BY t.id"
        ).map { try $0.decode(column: 0, as: String.self) }
    }

    public func stats() async throws -> BotStats {
        let row = try await client.query(
            """
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM users WHERE status = 'active'),
                   (SELECT count(*) FROM subscriptions WHERE active),
                   (SELECT count(DISTINCT target_id) FROM subscriptions WHERE active),
                   (SELECT count(*) FROM notifications WHERE status = 'sent' AND sent_at > now() - interval '1 day')
            """)[0]
        let (users, active, subs, targets, today) = try row.decode((Int64, Int64, Int64, Int64, Int64).self)
        return BotStats(
            users: Int(users), activeUsers: Int(active), activeSubscriptions: Int(subs), watchedTargets: Int(targets),
            noticesToday: Int(today))
    }

    public func recordCheck(_ check: TargetCheck) async throws {
        let slots = check.earliestSlots.map { RFC3339.string(from: $0) }
        let success = check.outcome != .error
        _ = try await client.query(
            """
            INSERT INTO target_checks (target_id, checked_at, outcome, error_kind, free_slot_count, earliest_slots, duration_ms, last_success_at)
            SELECT \(check.targetId), \(check.checkedAt), \(check.outcome.rawValue), NULLIF(\(check.errorKind ?? ""), ''), \(check.freeSlotCount),
                   \(slots)::text[]::timestamptz[], \(check.durationMs), CASE WHEN \(success) THEN \(check.checkedAt) END
            WHERE EXISTS (SELECT 1 FROM watch_targets WHERE id = \(check.targetId))
            ON CONFLICT (target_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, outcome = EXCLUDED.outcome,
                error_kind = EXCLUDED.error_kind, free_slot_count = EXCLUDED.free_slot_count,
                earliest_slots = CASE WHEN EXCLUDED.outcome = 'error' THEN target_checks.earliest_slots ELSE EXCLUDED.earliest_slots END,
                duration_ms = EXCLUDED.duration_ms,
                last_success_at = COALESCE(EXCLUDED.last_success_at, target_checks.last_success_at)
            WHERE target_checks.checked_at <= EXCLUDED.checked_at
            """)
    }
}
