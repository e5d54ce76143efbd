/// Lets one heavy test (several service processes, brokers, benchmarks-like bursts) run at a time.
///
/// Swift Testing runs suites in parallel in one process; on a 2-core machine two multi-process
/// tests at once starve each other and turn timing-sensitive behaviour (consumer-group sessions,
/// Telegram's per-second limits) into flakes. Light tests keep running in parallel around them.
public actor HeavyTestGate {
    /// The process-wide gate.
    public static let shared = HeavyTestGate()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when no other heavy test runs.
    public static func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await shared.acquire()
        do {
            let value = try await body()
            await shared.release()
            return value
        } catch {
            await shared.release()
            throw error
        }
    }

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
