import TestSupport
import Testing

/// Every test that runs the `notifier` executable: one at a time, so that the drills' timings and
/// CPU measurements are not disturbed by each other on a small machine.
@Suite("Notifier executables", .serialized, .enabled(if: TestEnvironment.hasExecutables))
enum NotifierProcessSuites {}
