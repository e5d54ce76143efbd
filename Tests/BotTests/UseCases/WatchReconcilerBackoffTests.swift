@testable import BotDomain
import BotTestSupport
import ServiceRuntime
import Testing

@Suite("WatchReconciler retry backoff")
struct WatchReconcilerBackoffTests {
    @Test("after a failed pass it waits 2 s, doubling to at most 60 s, without jitter (the schedule it always had)")
    func schedule() {
        let store = InMemoryBotStore()
        let reconciler = WatchReconciler(
            store: store, sync: WatchSync(store: store, publisher: WatchLog()), interval: .seconds(3600),
            logger: Logger(service: "bot", instance: "test", level: .warning, sink: .buffer(LogBuffer())))
        let delays = (1...8).map { reconciler.retryBackoff.delay(attempt: $0) }
        #expect(delays == [2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
    }
}
