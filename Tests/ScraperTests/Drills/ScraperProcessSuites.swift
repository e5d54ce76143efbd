import TestSupport
import Testing

/// Every scraper drill (real `scraper` executables, a private broker each): one at a time, so that
/// their request rates, rebalance bounds and takeover times are measured without each other.
/// In the multi-process phase of `scripts/test.sh` this lane runs next to the notifier's, the end
/// to end suites and the SIGTERM drill: each has its own broker and database, and none of the
/// bounds checked here depends on CPU the others take (rates of 10–60 requests/s, consumer-group
/// timers of the broker).
@Suite("Scraper executables", .serialized, .enabled(if: ScraperFleet.isEnabled))
enum ScraperProcessSuites {}
