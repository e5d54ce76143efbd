import BotAdapters
import BotApp
import BotDomain
import Messaging

/// A `WatchPublishing` that keeps every acknowledged message per key, in acknowledgement order.
///
/// With no `inner` publisher it stands in for the broker: after a random pause (what lies between
/// deciding to publish and the broker appending the message: scheduling, the network; now and then
/// a long one, a slow round trip) it appends and returns, as an acknowledgement would. With an `inner` one (the Kafka adapter) it records what
/// the real broker acknowledged, so a test can compare the topic read back with it.
actor RecordingWatchPublisher: WatchPublishing {
    /// One message as the watches topic holds it.
    enum Message: Sendable, Equatable, CustomStringConvertible {
        case requested(WatchTarget)
        case cancelled(reason: String)

        var description: String {
            switch self {
            case .requested: "requested"
            case .cancelled(let reason): "cancelled(\(reason))"
            }
        }
    }

    /// A publish this test made fail.
    struct InjectedFailure: Error {}

    let inner: (any WatchPublishing)?
    let pauseMicroseconds: ClosedRange<Int>
    let longPauseMicroseconds: ClosedRange<Int>?
    private(set) var log: [String: [Message]] = [:]
    private var failuresLeft = 0

    /// - Parameter longPauseMicroseconds: one publish in eight pauses this long instead.
    init(
        inner: (any WatchPublishing)? = nil, pauseMicroseconds: ClosedRange<Int> = 0...0,
        longPauseMicroseconds: ClosedRange<Int>? = nil
    ) {
        self.inner = inner
        self.pauseMicroseconds = pauseMicroseconds
        self.longPauseMicroseconds = longPauseMicroseconds
    }

    /// The last acknowledged message of every key.
    func lastMessages() -> [String: Message] {
        log.compactMapValues(\.last)
    }

    /// Makes the next `count` publishes fail (after their pause, before anything is appended).
    func failNext(_ count: Int) {
        failuresLeft = count
    }

    nonisolated func requested(_ target: WatchTarget, correlationId: String) async throws {
        try await deliver(.requested(target), key: target.id) {
            try await $0.requested(target, correlationId: correlationId)
        }
    }

    nonisolated func cancelled(targetId: String, reason: String, correlationId: String) async throws {
        try await deliver(.cancelled(reason: reason), key: targetId) {
            try await $0.cancelled(targetId: targetId, reason: reason, correlationId: correlationId)
        }
    }

    private nonisolated func deliver(
        _ message: Message, key: String, _ publish: @Sendable (any WatchPublishing) async throws -> Void
    ) async throws {
        let long = longPauseMicroseconds.flatMap { Int.random(in: 0..<8) == 0 ? $0 : nil }
        let pause = Int.random(in: long ?? pauseMicroseconds)
        if pause > 0 { try await Task.sleep(for: .microseconds(pause)) }
        try await takeFailure()
        if let inner { try await publish(inner) }
        await append(message, key: key)
    }

    private func takeFailure() throws {
        guard failuresLeft > 0 else { return }
        failuresLeft -= 1
        throw InjectedFailure()
    }

    private func append(_ message: Message, key: String) {
        log[key, default: []].append(message)
    }
}
