import TestSupport
import Testing

/// Every scraper drill (real `scraper` executables, a private broker and paziresh24 stand-in each).
/// Each of the three suites runs its tests one at a time; the suites run side by side, and next to
/// the other lanes of the multi-process phase of `scripts/test.sh`: nothing is shared, and the
/// bounds checked (request rates of 10–60 per second, the broker's consumer-group timers, one
/// poll interval of 1–2 s) need little CPU — the whole phase keeps a 2-core machine under a
/// fifth busy.
@Suite("Scraper executables", .enabled(if: ScraperFleet.isEnabled))
enum ScraperProcessSuites {}
