/// A service that wants to know when its group begins a graceful shutdown, before any service is
/// cancelled (the health server turns `/readyz` to 503 at that moment).
public protocol GracefulShutdownObserver: Sendable {
    /// Called once, synchronously, when the group starts shutting down; must return quickly.
    func gracefulShutdownDidBegin()
}
