import TestSupport
import Testing

/// Every test that runs the `notifier` executable, each with its own broker, database and Telegram
/// stand-in. The failure drills run in two serialized suites (`NotifierDrillTests`: the burst of
/// (a) and the CPU measurement of (d), never together; `NotifierRecordDrillTests`: (b), (c), (e));
/// they and the two process suites run next to each other, as the other lanes of that phase do. What the drills time (Telegram's retry_after, the
/// stand-in's per-second log, the notifier's own CPU time) belongs to each drill's own processes.
@Suite("Notifier executables", .enabled(if: TestEnvironment.hasExecutables))
enum NotifierProcessSuites {}
