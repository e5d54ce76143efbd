import BotDomain
import Foundation
import Localization
import Messaging

/// Every bot store port in memory, behaving as `PostgresBotStore` does (the contract suites run
/// both): an actor, so each call is atomic as a PostgreSQL transaction is, with an injected clock.
///
/// "Most recently changed" is a change counter rather than a time, so a clock that stands still
/// keeps the order deterministic. `/stats`' notices-today count is always 0: notices are the
/// notifier's, not the bot's.
public actor InMemoryBotStore: BotStore, WatchStateStore {
    struct UserRow {
        var userId: Int64?
        var username: String?
        var firstName: String?
        var language: Language
        var status: UserStatus
        var statusReason: String?
    }

    struct TargetRow {
        var shortId: Int64
        var target: WatchTarget
    }

    struct SubscriptionRow {
        var id: Int64
        var chatId: Int64
        var targetId: String
        var filters: WatchFilters
        var active: Bool
        var changed: Int
    }

    private let now: @Sendable () -> Date
    private var users: [Int64: UserRow] = [:]
    private var doctors: [String: DoctorRef] = [:]
    private var targets: [String: TargetRow] = [:]
    private var subscriptionRows: [Int64: SubscriptionRow] = [:]
    private var checks: [String: TargetCheck] = [:]
    private var nextShortId: Int64 = 1
    private var nextSubscriptionId: Int64 = 1
    private var changes = 0
    private let watchLocks = KeyedLock<String>()

    /// Creates an empty store reading time from `now`.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    private func nextChange() -> Int {
        changes += 1
        return changes
    }

    // MARK: UserStore

    public func upsertUser(
        chatId: Int64, userId: Int64?, username: String?, firstName: String?, language: Language
    ) -> BotUser {
        func given(_ value: String?) -> String? { value?.isEmpty == false ? value : nil }
        if var row = users[chatId] {
            row.userId = userId.flatMap { $0 == 0 ? nil : $0 } ?? row.userId
            row.username = given(username) ?? row.username
            row.firstName = given(firstName) ?? row.firstName
            users[chatId] = row
        } else {
            users[chatId] = UserRow(
                userId: userId == 0 ? nil : userId, username: given(username), firstName: given(firstName), language: language,
                status: .active)
        }
        return user(chatId: chatId)!
    }

    public func user(chatId: Int64) -> BotUser? {
        users[chatId].map { BotUser(chatId: chatId, language: $0.language, status: $0.status) }
    }

    public func markBlocked(chatId: Int64, reason: String) -> [String] {
        guard users[chatId] != nil else { return [] }
        users[chatId]?.status = .blocked
        users[chatId]?.statusReason = reason
        var touched: Set<String> = []
        for (id, row) in subscriptionRows where row.chatId == chatId && row.active {
            subscriptionRows[id]?.active = false
            subscriptionRows[id]?.changed = nextChange()
            touched.insert(row.targetId)
        }
        return touched.filter { !isWatched($0) }.sorted()
    }

    public func markUnblocked(chatId: Int64) -> [WatchTarget] {
        guard users[chatId]?.status == .blocked else { return [] }
        users[chatId]?.status = .active
        users[chatId]?.statusReason = nil
        let inactive = Set(subscriptionRows.values.filter { $0.chatId == chatId && !$0.active }.map(\.targetId))
        let comingBack = inactive.filter { !isWatched($0) }.sorted().compactMap { targets[$0].map(compose) }
        for (id, row) in subscriptionRows where row.chatId == chatId {
            subscriptionRows[id]?.active = true
            subscriptionRows[id]?.changed = nextChange()
        }
        return comingBack
    }

    public func setStatus(chatId: Int64, status: UserStatus) {
        users[chatId]?.status = status
    }

    public func setLanguage(chatId: Int64, language: Language) {
        users[chatId]?.language = language
    }

    public func deleteUser(chatId: Int64) -> [String] {
        let watched = Set(subscriptionRows.values.filter { $0.chatId == chatId && $0.active }.map(\.targetId))
        users[chatId] = nil
        subscriptionRows = subscriptionRows.filter { $0.value.chatId != chatId }
        return watched.filter { !isWatched($0) }.sorted()
    }

    // MARK: TargetStore

    public func saveDoctor(_ doctor: DoctorRef, targets saved: [WatchTarget]) -> [StoredTarget] {
        doctors[doctor.slug] = doctor
        return saved.map { target in
            if var row = targets[target.id] {
                row.target.center.name = target.center.name
                row.target.center.userCenterId = target.center.userCenterId
                row.target.center.serverId = target.center.serverId
                row.target.service.name = target.service.name
                row.target.service.freePriceRial = target.service.freePriceRial
                targets[target.id] = row
                return StoredTarget(shortId: row.shortId, target: target)
            }
            var stored = target
            stored.doctor = DoctorRef(slug: doctor.slug, displayName: doctor.displayName, specialty: doctor.specialty)
            targets[target.id] = TargetRow(shortId: nextShortId, target: stored)
            nextShortId += 1
            return StoredTarget(shortId: nextShortId - 1, target: target)
        }
    }

    public func target(shortId: Int64) -> StoredTarget? {
        targets.values.first { $0.shortId == shortId }.map { StoredTarget(shortId: $0.shortId, target: compose($0)) }
    }

    /// A target as stored, with its doctor's current name and specialty (PostgreSQL joins `doctors`).
    private func compose(_ row: TargetRow) -> WatchTarget {
        var target = row.target
        if let doctor = doctors[target.doctor.slug] { target.doctor = doctor }
        return target
    }

    // MARK: SubscriptionStore

    public func subscribe(chatId: Int64, targetId: String, cap: SubscriptionCap) throws -> SubscribeResult {
        guard users[chatId] != nil else { throw InMemoryBotStoreError.unknownUser(chatId: chatId) }
        guard targets[targetId] != nil else { throw InMemoryBotStoreError.unknownTarget(id: targetId) }
        let mine = subscriptionRows.values.filter { $0.chatId == chatId }
        let existing = mine.first { $0.targetId == targetId }
        let decision = cap.decide(alreadyActive: existing?.active == true, activeCount: mine.filter(\.active).count)
        switch decision {
        case .alreadySubscribed: return .alreadySubscribed
        case .limitReached: return .limitReached
        case .subscribe: break
        }
        let first = !isWatched(targetId)
        if let existing {
            // A subscription that was deactivated comes back with its own filters.
            subscriptionRows[existing.id]?.active = true
            subscriptionRows[existing.id]?.changed = nextChange()
        } else {
            let latest = mine.max { ($0.changed, $0.id) < ($1.changed, $1.id) }?.filters
            let id = nextSubscriptionId
            nextSubscriptionId += 1
            subscriptionRows[id] = SubscriptionRow(
                id: id, chatId: chatId, targetId: targetId, filters: WatchFilters.forNewSubscription(latest: latest),
                active: true, changed: nextChange())
        }
        return .created(firstForTarget: first)
    }

    public func subscriptions(chatId: Int64) -> [SubscriptionView] {
        let now = self.now()
        return subscriptionRows.values.filter { $0.chatId == chatId && $0.active }.sorted { $0.id < $1.id }.compactMap { row in
            guard let target = targets[row.targetId].map(compose) else { return nil }
            let check = checks[row.targetId]
            let free = FreeSlots.upcoming(listed: check?.earliestSlots ?? [], counted: check?.freeSlotCount ?? 0, now: now)
            let filters = row.filters
            return SubscriptionView(
                id: row.id, target: target, windowDays: filters.windowDays, mode: filters.mode, hourFrom: filters.hourFrom,
                hourTo: filters.hourTo, weekdays: filters.weekdays, lastCheckAt: check?.checkedAt, lastOutcome: check?.outcome,
                freeSlots: free.slots, freeSlotCount: free.count)
        }
    }

    public func unsubscribe(chatId: Int64, subscriptionId: Int64) -> (target: WatchTarget, lastForTarget: Bool)? {
        guard let row = subscriptionRows[subscriptionId], row.chatId == chatId else { return nil }
        subscriptionRows[subscriptionId] = nil
        guard let target = targets[row.targetId].map(compose) else { return nil }
        return (target, !isWatched(row.targetId))
    }

    public func updateFilters(chatId: Int64, _ change: FilterCommand) -> Int {
        guard change != .show else { return 0 }
        var count = 0
        for (id, row) in subscriptionRows where row.chatId == chatId {
            subscriptionRows[id]?.filters = row.filters.applying(change)
            subscriptionRows[id]?.changed = nextChange()
            count += 1
        }
        return count
    }

    public func updateFilters(chatId: Int64, subscriptionId: Int64, _ change: FilterCommand) -> WatchFilters? {
        guard let row = subscriptionRows[subscriptionId], row.chatId == chatId, row.active else { return nil }
        let filters = row.filters.applying(change)
        guard change != .show else { return filters }
        subscriptionRows[subscriptionId]?.filters = filters
        subscriptionRows[subscriptionId]?.changed = nextChange()
        return filters
    }

    public func activeTargets() -> [WatchTarget] {
        targets.keys.filter(isWatched).sorted().compactMap { targets[$0].map(compose) }
    }

    public func orphanedTargetIds() -> [String] {
        targets.keys.filter { !isWatched($0) }.sorted()
    }

    private func isWatched(_ targetId: String) -> Bool {
        subscriptionRows.values.contains { $0.targetId == targetId && $0.active }
    }

    // MARK: CheckStore

    public func recordCheck(_ check: TargetCheck) {
        guard targets[check.targetId] != nil else { return }
        var stored = check
        if let previous = checks[check.targetId] {
            guard previous.checkedAt <= check.checkedAt else { return }
            // A failed poll says nothing about which slots are free: keep the last good list.
            if check.outcome == .error { stored.earliestSlots = previous.earliestSlots }
        }
        checks[check.targetId] = stored
    }

    // MARK: StatsStore

    public func stats() -> BotStats {
        let active = subscriptionRows.values.filter(\.active)
        return BotStats(
            users: users.count, activeUsers: users.values.filter { $0.status == .active }.count,
            activeSubscriptions: active.count, watchedTargets: Set(active.map(\.targetId)).count, noticesToday: 0)
    }

    // MARK: WatchStateStore

    public nonisolated func withWatchLock(targetId: String, _ body: (DesiredWatch) async throws -> Void) async throws {
        try await watchLocks.withLock(targetId) {
            try await body(await self.desiredWatch(targetId))
        }
    }

    private func desiredWatch(_ targetId: String) -> DesiredWatch {
        guard isWatched(targetId), let row = targets[targetId] else { return .unwatched }
        return .watched(compose(row))
    }
}
