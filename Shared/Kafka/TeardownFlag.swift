import Synchronization

/// A one-way flag shared with a poll thread's closures without retaining its owner: the producer's
/// `deinit` sets it so the poll thread destroys the handle after its last poll.
final class TeardownFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    init() {}

    /// Sets the flag; it never clears.
    func raise() {
        raised.store(true, ordering: .releasing)
    }

    /// Whether `raise()` was called.
    var isRaised: Bool {
        raised.load(ordering: .acquiring)
    }
}
