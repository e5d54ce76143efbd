import Synchronization

/// Every circuit breaker of one client: one per host, one per target, behind one lock.
final class BreakerBoard: Sendable {
    /// Keys of the breakers one admitted request must report back to.
    struct Ticket: Sendable {
        let hostKey: String
        let targetKey: String?
    }

    /// How an admitted request ended.
    enum Outcome {
        case success, failure, abandoned
    }

    private let hostPolicy: Paziresh24BreakerPolicy
    private let targetPolicy: Paziresh24BreakerPolicy
    private let breakers = Mutex<[String: CircuitBreaker]>([:])

    init(hostPolicy: Paziresh24BreakerPolicy, targetPolicy: Paziresh24BreakerPolicy) {
        self.hostPolicy = hostPolicy
        self.targetPolicy = targetPolicy
    }

    /// Admits one request through the host breaker and, if given, the target breaker.
    /// - Returns: a ticket to report the outcome with, or the key of the breaker that refused.
    func admit(hostKey: String, targetKey: String?, now: Duration) -> Result<Ticket, RefusedBy> {
        breakers.withLock { breakers in
            var host = breakers[hostKey] ?? CircuitBreaker(policy: hostPolicy)
            defer { breakers[hostKey] = host }
            guard host.admit(at: now) != .refused else { return .failure(RefusedBy(key: hostKey)) }
            if let targetKey {
                var target = breakers[targetKey] ?? CircuitBreaker(policy: targetPolicy)
                defer { breakers[targetKey] = target }
                guard target.admit(at: now) != .refused else {
                    host.recordAbandoned()
                    return .failure(RefusedBy(key: targetKey))
                }
            }
            return .success(Ticket(hostKey: hostKey, targetKey: targetKey))
        }
    }

    /// Reports how an admitted request ended.
    func record(_ ticket: Ticket, _ outcome: Outcome, now: Duration) {
        breakers.withLock { breakers in
            for key in [ticket.hostKey, ticket.targetKey].compactMap({ $0 }) {
                guard var breaker = breakers[key] else { continue }
                switch outcome {
                case .success: breaker.recordSuccess()
                case .failure: breaker.recordFailure(at: now)
                case .abandoned: breaker.recordAbandoned()
                }
                breakers[key] = breaker
            }
        }
    }

    /// Whether the host's or the target's breaker is open (refusing) at `now`.
    func isOpen(hostKey: String, targetKey: String?, now: Duration) -> Bool {
        breakers.withLock { breakers in
            [hostKey, targetKey].compactMap { $0 }.contains { breakers[$0]?.state(at: now) == .open }
        }
    }

    /// Every breaker seen so far and its state at `now`.
    func states(now: Duration) -> [String: BreakerState] {
        breakers.withLock { breakers in breakers.mapValues { $0.state(at: now) } }
    }

    /// The breaker that refused a request.
    struct RefusedBy: Error {
        let key: String
    }
}
