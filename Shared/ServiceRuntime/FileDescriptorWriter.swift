import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole lines to a file descriptor under a lock, so lines from concurrent loggers never
/// interleave. A log line is a short write to a pipe or terminal; like every logging library we
/// accept that brief syscall on the calling thread rather than lose lines queued at exit.
final class FileDescriptorWriter: Sendable {
    static let standardOutput = FileDescriptorWriter(descriptor: 1)
    static let standardError = FileDescriptorWriter(descriptor: 2)

    /// The lock also owns the descriptor number, so writes are serialized.
    private let descriptor: Mutex<Int32>

    init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        descriptor.withLock { fd in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return  // closed stdout or a full disk: a logger has nobody to tell
                    }
                }
            }
        }
    }
}
