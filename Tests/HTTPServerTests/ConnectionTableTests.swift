import Testing

@testable import HTTPServer

@Suite("HTTPServer connection table")
struct ConnectionTableTests {
    let zero = ContinuousClock.now

    func at(_ seconds: Int) -> ContinuousClock.Instant { zero + .seconds(seconds) }

    @Test("admits up to capacity, then evicts the connection waiting longest")
    func evictsLongestWaiting() {
        var table = ConnectionTable(capacity: 2)
        let first = table.admit(fd: 10, now: at(0))
        let second = table.admit(fd: 11, now: at(1))
        #expect(first == .admitted(id: 0, evicting: nil))
        #expect(second == .admitted(id: 1, evicting: nil))
        // Connection 0 finished a request at t=5, so 1 (waiting since t=1) is the oldest waiter.
        let handling = table.beginHandling(0)
        #expect(handling)
        table.endHandling(0, now: at(5))
        let third = table.admit(fd: 12, now: at(6))
        #expect(third == .admitted(id: 2, evicting: 11))
        #expect(table.occupied == 2)
        let evictedHandles = table.beginHandling(1)
        #expect(!evictedHandles, "an evicted connection does not start a handler")
        let fourth = table.admit(fd: 13, now: at(7))
        #expect(fourth == .admitted(id: 3, evicting: 10))
    }

    @Test("connections with a handler running are never evicted; with all busy, newcomers are refused")
    func busyConnectionsStay() {
        var table = ConnectionTable(capacity: 2)
        _ = table.admit(fd: 10, now: at(0))
        _ = table.admit(fd: 11, now: at(1))
        let firstBusy = table.beginHandling(0)
        #expect(firstBusy)
        let third = table.admit(fd: 12, now: at(2))
        #expect(third == .admitted(id: 2, evicting: 11))
        let thirdBusy = table.beginHandling(2)
        #expect(thirdBusy)
        let fourth = table.admit(fd: 13, now: at(3))
        #expect(fourth == .refused)
        table.remove(1)  // the evicted one's thread has wound down
        table.remove(2)
        let fifth = table.admit(fd: 14, now: at(4))
        #expect(fifth == .admitted(id: 3, evicting: nil))
    }
}
