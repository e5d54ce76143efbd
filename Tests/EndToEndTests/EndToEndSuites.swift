import TestSupport
import Testing

/// The end-to-end suites (the three executables, both stand-ins, a private broker and a fresh
/// database each): one at a time, as one lane of the multi-process phase of `scripts/test.sh`.
/// The SIGTERM drill is a lane of its own (`SigtermDrillTests`).
@Suite("End to end (all executables)", .serialized, .enabled(if: TestEnvironment.hasExecutables))
enum EndToEndSuites {}
