import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Points this process's stderr (file descriptor 2) at a temporary file while a test body runs,
/// then restores it and copies what was captured to the real stderr, so that nothing other tests
/// print in the meantime is lost. One capture at a time (`lock`).
final class StandardErrorCapture: Sendable {
    private static let lock = TestAsyncLock()
    private let path: String

    private init(path: String) {
        self.path = path
    }

    /// Everything written to stderr since the capture began.
    var text: String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Runs `body` with stderr captured; returns its result and the captured text.
    static func run<T: Sendable>(
        _ body: @Sendable (StandardErrorCapture) async throws -> T
    ) async throws -> (T, String) {
        await lock.acquire()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent(KafkaTestEnvironment.uniqueName("stderr")).path
        let file = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_APPEND, 0o600)
        guard file >= 0 else {
            await lock.release()
            throw KafkaTestEnvironment.Missing(description: "cannot create \(path)")
        }
        let saved = dup(STDERR_FILENO)
        fflush(nil)
        dup2(file, STDERR_FILENO)
        close(file)
        let capture = StandardErrorCapture(path: path)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(capture))
        } catch {
            result = .failure(error)
        }
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        let captured = capture.text
        try? FileManager.default.removeItem(atPath: path)
        FileHandle.standardError.write(Data(captured.utf8))
        await lock.release()
        return (try result.get(), captured)
    }
}

/// A lock for async test code: waiters suspend instead of blocking a thread.
actor TestAsyncLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { held = false } else { waiters.removeFirst().resume() }
    }
}
