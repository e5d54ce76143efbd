import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import Postgres
import ServiceRuntime
import Storage
import Synchronization
import TestSupport

/// A race track for the watch topic: a few users and targets on a fresh database, and two bot
/// "replicas" (each its own connection pool, `WatchSync`, `Conversation` and `WatchReconciler`, so
/// nothing in-process serialises them: only the database can) that publish into one `publisher`.
/// An interleaving is a `Plan`: chat lanes (one user each, their taps in order, lanes side by side)
/// and maybe a reconciler pass, all started together.
final class WatchRace: Sendable {
    /// What one lane does, in order: subscribe to or unsubscribe from target number `n`.
    enum Step: Sendable, CustomStringConvertible {
        case subscribe(Int)
        case unsubscribe(Int)

        var description: String {
            switch self {
            case .subscribe(let n): "sub\(n)"
            case .unsubscribe(let n): "unsub\(n)"
            }
        }
    }

    /// One interleaving.
    struct Plan: Sendable, CustomStringConvertible {
        /// (user index, replica index, steps).
        var lanes: [(user: Int, replica: Int, steps: [Step])]
        /// The replica whose reconciler runs a pass alongside, if any.
        var reconcileOn: Int?

        var description: String {
            lanes.map { "u\($0.user)@r\($0.replica):\($0.steps)" }.joined(separator: " ")
                + (reconcileOn.map { " reconcile@r\($0)" } ?? "")
        }

        /// A random plan: 2–4 of the users, 1–2 steps each (unsubscribe a bit likelier, so targets
        /// often drop to no watcher), and a reconciler pass half of the time.
        static func random(users: Int, targets: Int, replicas: Int, using rng: inout SplitMix64) -> Plan {
            let chosen = Array((0..<users).shuffled(using: &rng).prefix(Int.random(in: 2...min(4, users), using: &rng)))
            let lanes = chosen.map { user in
                let steps = (0..<Int.random(in: 1...2, using: &rng)).map { _ -> Step in
                    let target = Int.random(in: 0..<targets, using: &rng)
                    return Double.random(in: 0..<1, using: &rng) < 0.45 ? .subscribe(target) : .unsubscribe(target)
                }
                return (user: user, replica: Int.random(in: 0..<replicas, using: &rng), steps: steps)
            }
            let reconcile = Bool.random(using: &rng) ? Int.random(in: 0..<replicas, using: &rng) : nil
            return Plan(lanes: lanes, reconcileOn: reconcile)
        }
    }

    /// One bot process.
    struct Replica: Sendable {
        let postgres: PostgresClient
        let store: PostgresBotStore
        let conversation: Conversation
        let reconciler: WatchReconciler
    }

    let database: TestDatabase
    let replicas: [Replica]
    let targets: [StoredTarget]
    let users: [Int64]
    let warnings: WarningLog

    private init(database: TestDatabase, replicas: [Replica], targets: [StoredTarget], users: [Int64], warnings: WarningLog) {
        self.database = database
        self.replicas = replicas
        self.targets = targets
        self.users = users
        self.warnings = warnings
    }

    /// A fresh database with `targets` targets of one doctor and `users` registered users.
    static func start(publisher: any WatchPublishing, targets: Int = 3, users: Int = 4, replicas: Int = 2) async throws -> WatchRace {
        let database = try await TestDatabase.create(prefix: "watchrace")
        let warnings = WarningLog()
        var built: [Replica] = []
        for index in 0..<replicas {
            let postgres = try database.client(poolSize: 4)
            if index == 0 { try await DatabaseStartup.migrate(postgres, log: { _ in }) }
            built.append(makeReplica(postgres: postgres, publisher: publisher, warnings: warnings))
        }
        let tag = UUID().uuidString.lowercased().prefix(8)
        let doctor = DoctorRef(slug: "race-\(tag)", displayName: "دکتر مسابقه", specialty: nil)
        let made = (0..<targets).map { n in
            WatchTarget(
                doctor: doctor,
                center: CenterRef(id: "race-\(tag)-c\(n)", name: "مطب \(n)", userCenterId: "uc\(n)", serverId: "1", isOnline: false),
                service: ServiceRef(id: "svc\(n)", name: "ویزیت"))
        }
        let stored = try await built[0].store.saveDoctor(doctor, targets: made)
        let chats = (0..<Int64(users)).map { 77_000 + $0 }
        for chat in chats {
            _ = try await built[0].store.upsertUser(chatId: chat, userId: chat, username: nil, firstName: nil, language: .english)
        }
        return WatchRace(database: database, replicas: built, targets: stored, users: chats, warnings: warnings)
    }

    /// One process's bot pieces: everything goes through its own `WatchSync`.
    private static func makeReplica(postgres: PostgresClient, publisher: any WatchPublishing, warnings: WarningLog) -> Replica {
        let store = PostgresBotStore(client: postgres)
        let sync = WatchSync(store: store, publisher: publisher)
        var settings = Conversation.Settings()
        settings.floodBurst = 1_000_000
        settings.floodPerMinute = 1_000_000
        let conversation = Conversation(
            store: store, watches: sync, directory: NoDoctorDirectory(), messenger: SilentMessenger(), settings: settings,
            onWarning: { message, _ in warnings.lines.withLock { $0.append(message) } })
        let logger = Logger(service: "bot", instance: "race", level: .warning, sink: .buffer(LogBuffer()))
        let reconciler = WatchReconciler(store: store, sync: sync, interval: .seconds(3600), logger: logger)
        return Replica(postgres: postgres, store: store, conversation: conversation, reconciler: reconciler)
    }

    func stop() async {
        for replica in replicas { await replica.postgres.close() }
    }

    /// Runs every lane and the reconciler pass of `plan` side by side; returns when all finished.
    func run(_ plan: Plan) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in plan.lanes {
                group.addTask {
                    for step in lane.steps { try await self.perform(step, user: self.users[lane.user], on: self.replicas[lane.replica]) }
                }
            }
            if let replica = plan.reconcileOn {
                group.addTask { try await self.replicas[replica].reconciler.reconcile() }
            }
            try await group.waitForAll()
        }
    }

    /// A tap on the confirm button (`sub:`) or on the subscription's button in `/unsubscribe` (`unsub:`).
    private func perform(_ step: Step, user: Int64, on replica: Replica) async throws {
        let data: String
        switch step {
        case .subscribe(let n):
            data = "sub:\(targets[n].shortId)"
        case .unsubscribe(let n):
            let mine = try await replica.store.subscriptions(chatId: user)
            guard let subscription = mine.first(where: { $0.target.id == targets[n].target.id }) else { return }
            data = "unsub:\(subscription.id)"
        }
        let callback = IncomingCallback(id: UUID().uuidString, chatId: user, userId: user, languageCode: "en", data: data)
        try await replica.conversation.handle(.callback(callback))
    }

    /// The targets that have an active subscription now, straight from the tables.
    func watchedTargetIds() async throws -> Set<String> {
        let rows = try await replicas[0].postgres.query("SELECT DISTINCT target_id FROM subscriptions WHERE active")
        return Set(try rows.map { try $0.decode(column: 0, as: String.self) })
    }

    /// Every target whose last message disagrees with the database, described.
    func mismatches(_ last: [String: RecordingWatchPublisher.Message]) async throws -> [String] {
        let watched = try await watchedTargetIds()
        return targets.compactMap { stored in
            let id = stored.target.id
            let message = last[id]
            let agrees: Bool
            if watched.contains(id) {
                agrees = message == .requested(stored.target)
            } else if case .cancelled = message {
                agrees = true
            } else {
                agrees = false
            }
            return agrees
                ? nil
                : "\(id): database says \(watched.contains(id) ? "watched" : "not watched"), topic says \(message?.description ?? "nothing")"
        }
    }
}

/// Replies go nowhere (the race is about the watch topic).
struct SilentMessenger: BotMessenger {
    func send(chatId: Int64, text: String, keyboard: [[KeyboardButton]]?) async throws {}
    func send(chatId: Int64, text: String, replyKeyboard: ReplyKeyboard) async throws {}
    func answerCallback(id: String, text: String?) async throws {}
}

/// No doctor lookups happen in the race (targets are saved up front).
struct NoDoctorDirectory: DoctorDirectory {
    func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget]) {
        throw .unavailable
    }

    func search(_ words: String, limit: Int) async throws(DoctorLookupError) -> [DoctorCandidate] {
        throw .unavailable
    }
}

/// What the conversations reported as warnings (a failed watch publish, say).
final class WarningLog: Sendable {
    let lines = Mutex<[String]>([])
}
