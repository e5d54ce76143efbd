import Foundation

/// The Telegram Bot API stand-in (`telegram-standin`) in its own process, with its control API:
/// what the services under test talk to instead of api.telegram.org.
public final class TestTelegram: Sendable {
    /// The process.
    public let process: ChildProcess
    /// The bot token the stand-in accepts.
    public let token: String
    /// Its control endpoints (and the Bot API base URL).
    public let control: ControlClient

    /// The Bot API base URL (`TELEGRAM_API_URL` for a service).
    public var baseURL: URL { control.baseURL }

    private init(process: ChildProcess, token: String, baseURL: URL) {
        self.process = process
        self.token = token
        self.control = ControlClient(baseURL: baseURL)
    }

    /// Starts the stand-in on a free port, optionally merging `configuration` into its settings.
    public static func start(token: String, configuration: [String: Any]? = nil) async throws -> TestTelegram {
        let bin = try TestEnvironment.requireBinDir()
        let process = try ChildProcess(
            name: "telegram-standin", executable: "\(bin)/telegram-standin", arguments: ["--port", "0", "--token", token])
        let line = try await process.waitForLine(startingWith: "READY ")
        guard let url = URL(string: line) else { throw ControlError("telegram-standin printed an unusable address: \(line)") }
        let telegram = TestTelegram(process: process, token: token, baseURL: url)
        if let configuration { try await telegram.configure(configuration) }
        return telegram
    }

    /// Merges keys into the stand-in's configuration (`POST /control/config`).
    public func configure(_ patch: [String: Any]) async throws {
        _ = try await control.post("/control/config", json: patch)
    }

    /// Injects shorthand updates (`POST /control/updates`).
    public func inject(_ updates: [[String: Any]]) async throws {
        _ = try await control.post("/control/updates", json: updates)
    }

    /// Every `sendMessage` the stand-in recorded (`GET /control/sent`), for one chat or all.
    public func sent(to chat: Int64? = nil) async throws -> [[String: Any]] {
        let answer = try await control.get(chat.map { "/control/sent?chat_id=\($0)" } ?? "/control/sent")
        return ((answer as? [String: Any])?["result"] as? [[String: Any]]) ?? []
    }

    /// The call log of `sendMessage`: when, to which chat, with which HTTP status.
    public func sendLog() async throws -> [(time: Date, chat: Int64, status: Int)] {
        let answer = try await control.get("/control/log?method=sendMessage")
        let entries = ((answer as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return entries.map {
            (
                formatter.date(from: $0["time"] as? String ?? "") ?? .distantPast,
                ($0["chat_id"] as? Int64) ?? ($0["chat_id"] as? Int).map(Int64.init) ?? 0, $0["status"] as? Int ?? 0
            )
        }
    }

    /// Stops the stand-in.
    public func stop() async {
        await process.terminate(grace: .seconds(3))
    }
}
