import Foundation
import TestSupport

/// The whole SlotHunter topology as separate processes: a private broker, a fresh database, both
/// stand-ins, and the bot, scraper and notifier executables.
final class SystemUnderTest: @unchecked Sendable {
    // @unchecked: every stored property is set once in `start` and only read afterwards, except
    // that a drill, from its single test task, replaces the broker or a stand-in it killed.
    private(set) var broker: TestBroker
    let database: TestDatabase
    private(set) var paziresh24: ChildProcess
    private(set) var telegram: TestTelegram
    private(set) var paziresh24Control: ControlClient
    private(set) var services: [String: ChildProcess] = [:]
    let bin: String

    private init(broker: TestBroker, database: TestDatabase, paziresh24: ChildProcess, p24URL: URL, telegram: TestTelegram, bin: String) {
        self.broker = broker
        self.database = database
        self.paziresh24 = paziresh24
        self.paziresh24Control = ControlClient(baseURL: p24URL)
        self.telegram = telegram
        self.bin = bin
    }

    static func start() async throws -> SystemUnderTest {
        let bin = try TestEnvironment.requireBinDir()
        let broker = try await TestBroker.start()
        let database = try await TestDatabase.create(prefix: "e2e")
        let (p24, p24URL) = try await startPaziresh24(bin: bin)
        let telegram = try await TestTelegram.start(token: "123456:TEST-token-for-the-stand-in")
        return SystemUnderTest(broker: broker, database: database, paziresh24: p24, p24URL: p24URL, telegram: telegram, bin: bin)
    }

    private static func startPaziresh24(bin: String) async throws -> (ChildProcess, URL) {
        let p24 = try ChildProcess(name: "paziresh24-standin", executable: "\(bin)/paziresh24-standin", arguments: ["--port", "0"])
        return (p24, URL(string: try await p24.waitForLine(startingWith: "READY "))!)
    }

    /// Replaces a stand-in that died (drills kill them) with a fresh one on a new port; services
    /// started afterwards use it.
    func restartStandInsIfNeeded() async throws {
        if !telegram.process.isRunning {
            telegram = try await TestTelegram.start(token: telegram.token)
        }
        if !paziresh24.isRunning {
            let (p24, url) = try await Self.startPaziresh24(bin: bin)
            paziresh24 = p24
            paziresh24Control = ControlClient(baseURL: url)
        }
    }

    /// Replaces the broker (a drill killed it) with a fresh one, with the default topics, on a new
    /// port; services started afterwards use it. Whatever the old one held is gone.
    /// - Returns: whether it had to be replaced.
    @discardableResult
    func restartBrokerIfNeeded() async throws -> Bool {
        guard !broker.process.isRunning else { return false }
        broker = try await TestBroker.start()
        return true
    }

    /// Stops both stand-ins, dead or alive, and starts fresh ones (no faults, no log, no state).
    func replaceStandIns() async throws {
        await telegram.stop()
        await paziresh24.terminate(grace: .seconds(3))
        try await restartStandInsIfNeeded()
    }

    /// Environment shared by the three services.
    var environment: [String: String] {
        let p24 = paziresh24Control.baseURL.absoluteString
        return ServiceTestEnvironment.common(broker: broker, database: database, telegram: telegram).merging([
            "PAZIRESH24_APIGW_URL": p24,
            "PAZIRESH24_PROFILE_URL": p24,
            "SCRAPER_MIN_INTERVAL_SECONDS": "2",
            "SCRAPER_GLOBAL_RATE": "10",
            "SCRAPER_SESSION_TIMEOUT_MS": "6000",
            "SCRAPER_HEARTBEAT_MS": "1000",
            "NOTIFIER_COALESCE_WINDOW_MS": "500",
        ]) { _, new in new }
    }

    /// Starts a service executable (`bot`, `scraper`, `notifier`) under a name.
    @discardableResult
    func startService(_ executable: String, name: String? = nil, extra: [String: String] = [:]) throws -> ChildProcess {
        let name = name ?? executable
        var env = environment
        env["INSTANCE_ID"] = name
        for (key, value) in extra { env[key] = value }
        let process = try ChildProcess(name: name, executable: "\(bin)/\(executable)", environment: env)
        services[name] = process
        return process
    }

    /// Injects shorthand updates into the Telegram stand-in.
    func send(_ updates: [[String: Any]]) async throws { try await telegram.inject(updates) }

    /// Every `sendMessage` the stand-in recorded for a chat.
    func sent(to chat: Int64) async throws -> [[String: Any]] { try await telegram.sent(to: chat) }

    /// Waits for a message to `chat` that satisfies `predicate`.
    func waitForMessage(
        to chat: Int64, timeout: Duration = .seconds(60), where predicate: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        if let found = try? await eventuallyValue(
            within: timeout, every: .milliseconds(200), "a message to chat \(chat)",
            {
                try await self.sent(to: chat).first(where: predicate)
            })
        {
            return found
        }
        let sent = try await sent(to: chat).map { ($0["text"] as? String) ?? "" }
        throw ControlError("no matching message to \(chat) within \(timeout); sent so far: \(sent)\n\(logs())")
    }

    /// The last lines of every service's output (for failure messages).
    func logs() -> String {
        services.sorted { $0.key < $1.key }.map { "---- \($0.key)\n\($0.value.output.suffix(2500))" }.joined(separator: "\n")
    }

    /// Stops everything; returns the services' exit statuses.
    @discardableResult
    func stop() async -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        for (name, process) in services { statuses[name] = await process.terminate(grace: .seconds(20)) }
        await telegram.stop()
        await paziresh24.terminate(grace: .seconds(3))
        await broker.stop()
        return statuses
    }
}

/// Reads the inline keyboard of a recorded message: (label, callback_data or url).
func buttons(of message: [String: Any]) -> [(text: String, data: String?, url: String?)] {
    let markup = message["reply_markup"] as? [String: Any]
    let rows = markup?["inline_keyboard"] as? [[[String: Any]]] ?? []
    return rows.flatMap { $0 }.map { ($0["text"] as? String ?? "", $0["callback_data"] as? String, $0["url"] as? String) }
}
