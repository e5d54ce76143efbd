import Synchronization

/// The scan's state, shared by the task reading events and the timer task.
final class ScanState: Sendable {
    private let progress: Mutex<ScanProgress>

    init(_ progress: ScanProgress) {
        self.progress = Mutex(progress)
    }

    func withLock<Result: Sendable>(_ body: (inout ScanProgress) -> Result) -> Result {
        progress.withLock { body(&$0) }
    }
}
