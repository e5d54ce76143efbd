import Synchronization

/// Lines collected in memory by `LogSink.buffer(_:)`; thread-safe.
public final class LogBuffer: Sendable {
    private let storage = Mutex<[String]>([])

    /// An empty buffer.
    public init() {}

    /// The lines written so far, oldest first.
    public var lines: [String] { storage.withLock { $0 } }

    /// Removes every line.
    public func clear() { storage.withLock { $0.removeAll() } }

    func append(_ line: String) { storage.withLock { $0.append(line) } }
}
