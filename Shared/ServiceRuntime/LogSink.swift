/// Where a `Logger` writes its lines: standard output by default, a `LogBuffer` in tests.
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    /// A sink calling `write` with each complete line (no trailing newline).
    /// `write` may be called from many threads at once.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.writeLine = write
    }

    /// Hands one line to the sink.
    public func write(_ line: String) {
        writeLine(line)
    }

    /// Standard output, one `write(2)` per line under a process-wide lock.
    public static let standardOutput = LogSink { FileDescriptorWriter.standardOutput.writeLine($0) }

    /// Standard error, one `write(2)` per line under a process-wide lock.
    public static let standardError = LogSink { FileDescriptorWriter.standardError.writeLine($0) }

    /// Drops every line.
    public static let discard = LogSink { _ in }

    /// Appends lines to `buffer` (tests, diagnostics).
    public static func buffer(_ buffer: LogBuffer) -> LogSink {
        LogSink { buffer.append($0) }
    }
}
