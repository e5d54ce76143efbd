import Synchronization

/// Closes a service's resources after its `ServiceGroup` returned, bounded in time.
///
/// When the grace period ran out, services may still be running and may hold what is being
/// closed (a pooled database connection a handler never returns, a producer flushing to a dead
/// broker): an unbounded `close()` then keeps the process alive until Kubernetes' SIGKILL. The
/// steps run one after another in a task of their own; if they have not finished within `limit`,
/// `run` logs which step hung and returns anyway, so `main` can exit. The abandoned task ends with
/// the process.
public enum ShutdownCleanup {
    /// One named clean-up step.
    public typealias Step = (name: String, close: @Sendable () async -> Void)

    /// Runs `steps` in order; returns when they finished or `limit` passed, whichever comes first.
    /// - Returns: whether every step finished in time.
    @discardableResult
    public static func run(within limit: Duration, logger: Logger, _ steps: [Step]) async -> Bool {
        let current = CurrentStep()
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let once = ResumeOnce(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                once.resume(returning: false)
            }
            Task {
                for step in steps {
                    current.name.withLock { $0 = step.name }
                    await step.close()
                }
                once.resume(returning: true)
                timer.cancel()
            }
        }
        if !finished {
            logger.error(
                "clean-up did not finish in time; exiting without it",
                ["step": current.name.withLock { $0 } ?? "?", "limit": "\(limit.wholeMilliseconds)ms"])
        }
        return finished
    }
}

/// The step in progress, shared by the clean-up task and the caller that reports a hang.
private final class CurrentStep: Sendable {
    let name = Mutex<String?>(nil)
}
