import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control FIFO: created at start, read line by line on a dedicated thread, removed at exit.
///
/// The FIFO is opened read-write so the reader never sees end-of-file between writers: a test can
/// open it, write one line and close it, as many times as it likes.
final class ControlChannel: Sendable {
    /// Why the FIFO could not be set up.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private let descriptor: Int32

    init(path: String) throws(Failure) {
        unlink(path)
        guard mkfifo(path, 0o600) == 0 else {
            throw Failure(description: "mkfifo \(path): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(description: "open \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Starts the reader thread; `handle` is called for each complete line, in order.
    func start(handle: @escaping @Sendable (String) -> Void) {
        let descriptor = self.descriptor
        let thread = Thread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if count == 0 { return }
                pending.append(contentsOf: chunk[0..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    handle(line)
                }
            }
        }
        thread.name = "kafka-mock-broker.control"
        thread.start()
    }

    /// Removes the FIFO from the file system (the reader thread dies with the process).
    func remove() {
        unlink(path)
    }
}
