/// What dies in the same moment as a drill run's SIGTERM. Runs cycle through the three, so even the
/// CI's three runs per service see each once: the HTTP upstream alone (the reported crash), the
/// service's private broker alone (its in-flight HTTP calls keep hanging, its Kafka clients lose
/// their broker), and both.
enum SigtermDrillStrike: String, Sendable, CaseIterable {
    /// The HTTP upstream (Telegram stand-in for the bot and the notifier, paziresh24 for the scraper).
    case upstream
    /// The private broker of the drill (never the shared one other suites use).
    case broker
    /// Both at once.
    case both

    /// The strike of run `run` (1-based).
    static func forRun(_ run: Int) -> SigtermDrillStrike { allCases[(run - 1) % allCases.count] }

    /// Whether the HTTP upstream is killed.
    var killsUpstream: Bool { self != .broker }
    /// Whether the broker is killed.
    var killsBroker: Bool { self != .upstream }
}
