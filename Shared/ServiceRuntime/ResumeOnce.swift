import Synchronization

/// A continuation resumed by whichever of several racers comes first (a timer against work whose
/// wait ignores cancellation, for example); later resumes do nothing.
public final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    /// Wraps `continuation`.
    public init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// - Returns: whether this call resumed the continuation.
    @discardableResult
    public func resume(returning value: Value) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(returning: value)
        return true
    }
}
