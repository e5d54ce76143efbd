import Foundation

/// How to reach the Bot API. `description` never shows the token.
public struct TelegramConfiguration: Sendable, CustomStringConvertible {
    /// The bot token from @BotFather (`123456:ABC-DEF...`). Secret.
    public var token: String
    /// API root; requests go to `<baseURL>/bot<token>/<method>`. A stand-in's URL in tests.
    public var baseURL: URL
    /// Timeout of ordinary calls.
    public var requestTimeout: Duration
    /// Added to a getUpdates long-poll timeout to get its HTTP timeout.
    public var longPollGrace: Duration

    /// The public Bot API endpoint.
    public static let defaultBaseURL = URL(string: "https://api.telegram.org")!

    /// Creates a configuration.
    public init(
        token: String, baseURL: URL = TelegramConfiguration.defaultBaseURL, requestTimeout: Duration = .seconds(30),
        longPollGrace: Duration = .seconds(10)
    ) {
        self.token = token
        self.baseURL = baseURL
        self.requestTimeout = requestTimeout
        self.longPollGrace = longPollGrace
    }

    /// The URL of one method (contains the token: never log it).
    func url(for method: String) -> URL {
        baseURL.appendingPathComponent("bot\(token)").appendingPathComponent(method)
    }

    /// Replaces every occurrence of the token in `text` with `<redacted>`.
    func redact(_ text: String) -> String {
        guard !token.isEmpty else { return text }
        return text.replacingOccurrences(of: token, with: "<redacted>")
    }

    /// `TelegramConfiguration(baseURL: https://api.telegram.org, token: <redacted>)`.
    public var description: String {
        "TelegramConfiguration(baseURL: \(baseURL.absoluteString), token: <redacted>)"
    }
}
