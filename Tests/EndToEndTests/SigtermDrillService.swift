/// A service the SIGTERM drill stops: which HTTP upstream it loses and what it prints once it works.
enum SigtermDrillService: String, Sendable, CaseIterable, CustomStringConvertible {
    case bot, notifier, scraper

    /// The executable's name.
    var executable: String { rawValue }
    var description: String { rawValue }

    /// The log line (a JSON message) after which it talks to its upstreams.
    var workingMarker: String {
        switch self {
        case .bot: "\"long polling started\""
        case .notifier, .scraper: "\"partitions assigned\""
        }
    }

    /// Whether its HTTP upstream is the Telegram stand-in (else paziresh24's).
    var usesTelegram: Bool { self != .scraper }
}
