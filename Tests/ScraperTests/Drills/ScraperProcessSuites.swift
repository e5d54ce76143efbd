import TestSupport
import Testing

/// Every scraper drill (real `scraper` executables, a private broker and a `paziresh24-standin`
/// process each). Each of the three suites runs its tests one at a time; the suites run side by
/// side, and next to the other lanes of the multi-process phase of `scripts/test.sh`. The
/// stand-ins run as processes: hosted in the test process, two busy drills slowed a survivor's
/// revocation enough that it rejoined the consumer group after the mock coordinator's join window
/// (a second rebalance round, 15.5 s against the scale-out drill's 13 s bound).
@Suite("Scraper executables", .enabled(if: ScraperFleet.isEnabled))
enum ScraperProcessSuites {}
