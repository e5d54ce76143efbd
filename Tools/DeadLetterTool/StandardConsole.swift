import Foundation

/// The process's standard output and standard error.
///
/// A line is a short write to a pipe or terminal; like a logger, the tool accepts that brief
/// syscall on the calling thread (it is a one-shot command, not a service).
public struct StandardConsole: Console {
    /// Creates the console.
    public init() {}

    public func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    public func diagnostic(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
