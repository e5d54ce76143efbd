import Foundation
import Postgres
import TestSupport
import Testing

/// A broken session (backend terminated server-side, as on a restart) must surface as a
/// retriable error at most once, and the next use must reconnect.
@Suite("PostgresClient reconnects", .enabled(if: PostgresTestDatabase.isEnabled), .timeLimit(.minutes(1)))
struct PostgresReconnectTests {
    @Test("a backend killed during a query fails it as retriable; the next query reconnects")
    func killedDuringQuery() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 1) { admin in
            try await PostgresTestDatabase.withClient(poolSize: 1) { client in
                let pid = try await PostgresTestDatabase.backendPID(client)
                let sleeper = Task { try await client.query("SELECT pg_sleep(20)") }
                try await PostgresTestDatabase.waitUntilRunning("SELECT pg_sleep(20)", pid: pid, using: admin)
                try await PostgresTestDatabase.terminate(pid: pid, using: admin)
                let result = await sleeper.result
                guard case .failure(let failure) = result, let error = failure as? PostgresError else {
                    Issue.record("the query on the killed session did not fail: \(result)")
                    return
                }
                #expect(error.code == .connectionLost)
                #expect(error.isRetriable)
                #expect(error.sqlState == nil || error.sqlState == "57P01")

                let newPID = try await PostgresTestDatabase.backendPID(client)
                #expect(newPID != pid)
                #expect(try await client.query("SELECT \("still here")::text")[0].decode(String.self) == "still here")
            }
        }
    }

    @Test("an idle session killed server-side is replaced on the next use")
    func killedWhileIdle() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 1) { admin in
            try await PostgresTestDatabase.withClient(poolSize: 1) { client in
                let pid = try await PostgresTestDatabase.backendPID(client)
                try await PostgresTestDatabase.terminate(pid: pid, using: admin)
                // The dead session is noticed before use, so this normally just works; if the
                // server's goodbye had not arrived yet, the failure must be retriable.
                var newPID: Int32?
                do {
                    newPID = try await PostgresTestDatabase.backendPID(client)
                } catch {
                    #expect((error as? PostgresError)?.isRetriable == true, "\(error)")
                    newPID = try await PostgresTestDatabase.backendPID(client)
                }
                #expect(newPID != nil && newPID != pid)
            }
        }
    }

    @Test("every pooled session killed at once: each recovers")
    func wholePoolKilled() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 1) { admin in
            var configuration = try PostgresTestDatabase.configuration()
            let marker = PostgresTestDatabase.uniqueName("victim")
            configuration.applicationName = marker
            try await PostgresTestDatabase.withClient(poolSize: 3, configuration: configuration) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<3 { group.addTask { try await client.query("SELECT pg_sleep(0.2)") } }
                    try await group.waitForAll()
                }
                try await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(marker)")
                try await eventually(within: .seconds(10), every: .milliseconds(20), "the victims' backends gone") {
                    try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = \(marker)")[0].decode(Int.self)
                        == 0
                }
                var retriableFailures = 0
                for _ in 0..<10 {
                    do throws(PostgresError) {
                        try await client.query("SELECT 1")
                    } catch {
                        #expect(error.isRetriable, "\(error)")
                        retriableFailures += 1
                    }
                }
                #expect(retriableFailures <= 3)
                #expect(try await client.query("SELECT 1")[0].decode(Int.self) == 1)
            }
        }
    }

    /// Restarts the real server: only when `SLOTHUNTER_PG_CTL` is set (a command prefix such as
    /// `runuser -u postgres -- pg_ctl -D DIR -w`, to which ` restart` is appended). It disturbs
    /// every other test using the server, so run it alone: `swift test --filter serverRestart`.
    @Test(
        "a client survives a real server restart",
        .enabled(if: ProcessInfo.processInfo.environment["SLOTHUNTER_PG_CTL"] != nil))
    func serverRestart() async throws {
        let pgCtl = try #require(ProcessInfo.processInfo.environment["SLOTHUNTER_PG_CTL"])
        try await PostgresTestDatabase.withClient(poolSize: 2) { client in
            let before = try await PostgresTestDatabase.backendPID(client)
            let status = try await Self.runShell(pgCtl + " restart -m fast")
            #expect(status == 0)
            let after = try? await eventuallyValue(within: .seconds(5), every: .milliseconds(100), "a session after the restart") {
                () async -> Int32? in
                do {
                    return try await PostgresTestDatabase.backendPID(client)
                } catch {
                    #expect((error as? PostgresError)?.isRetriable == true, "\(error)")
                    return nil
                }
            }
            #expect(after != nil && after != before)
        }
    }

    /// Runs `/bin/sh -c command` with output discarded and returns its exit status. posix_spawn
    /// and waitpid on a dispatch thread: Foundation's Process missed the child's exit here.
    private static func runShell(_ command: String) async throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        let child = pid
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1 && errno == EINTR {}
                // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
                continuation.resume(returning: (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1)
            }
        }
    }
}
