import TestSupport
import Testing

/// Every scraper drill (real `scraper` executables, a private broker and paziresh24 stand-in each),
/// one test at a time, next to the other lanes of the multi-process phase of `scripts/test.sh`.
/// Not side by side with each other: the paziresh24 stand-ins run inside the test process, and two
/// busy scraper drills slowed a survivor's revocation enough that it rejoined the consumer group
/// after the mock coordinator's join window — a second rebalance round, 15.5 s against the
/// scale-out drill's 13 s bound (one run in five at 6 lanes with the scraper suites side by side).
@Suite("Scraper executables", .serialized, .enabled(if: ScraperFleet.isEnabled))
enum ScraperProcessSuites {}
