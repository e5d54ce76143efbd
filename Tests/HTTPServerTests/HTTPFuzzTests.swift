import Foundation
import HTTPServer
import Testing

/// Resident memory of this process, from `/proc/self/status` (nil where there is no procfs).
func residentKilobytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
    return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
}

@Suite("HTTPServer fuzz")
struct HTTPFuzzTests {
    @Test("10,000+ random and crafted requests against a live listener: no crash, every answer valid, memory bounded")
    func fuzz() async throws {
        let server = GuardedServer.make(idleTimeout: .seconds(5), requestTimeout: .seconds(5))
        let port = try server.start()
        defer { server.stop() }
        let before = try #require(residentKilobytes())
        let started = ContinuousClock.now

        let reports = await withTaskGroup(of: HTTPFuzzWorker.Report.self) { group in
            for seed: UInt64 in [0x5107_4A17, 0xC0FF_EE11] {
                group.addTask { await Self.runOnThread(port: port, seed: seed, requests: 5_000) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let requests = reports.map(\.requests).reduce(0, +)
        let failures = reports.flatMap(\.failures)
        let crafted = reports.reduce(into: Set<String>()) { $0.formUnion($1.craftedSeen) }
        let statuses = reports.reduce(into: [Int: Int]()) { $0.merge($1.statuses, uniquingKeysWith: +) }

        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
        #expect(requests >= 10_000)
        #expect(crafted == Set(CraftedRequests.all.map(\.name)), "every crafted case ran at least once")
        for status in [200, 400, 401, 404, 413, 431] { #expect(statuses[status, default: 0] > 0, "status \(status) seen") }
        // The listener is alive and answers normally.
        let probe = try #require(FuzzSocket(port: port))
        probe.send(Array("GET /hello HTTP/1.1\r\n\r\n".utf8))
        #expect(probe.readAnswer() == .response(status: 200, connectionClose: false, body: Array("hello world".utf8)))

        let after = try #require(residentKilobytes())
        // Generous: bodies are capped at 64 KiB per request and each connection's buffers are freed.
        #expect(after - before < 256 * 1024, "VmRSS grew from \(before) kB to \(after) kB")
        print(
            "HTTP fuzz: \(requests) requests on \(reports.map(\.connections).reduce(0, +)) connections in "
                + "\(ContinuousClock.now - started); VmRSS \(before) → \(after) kB; statuses \(statuses.sorted { $0.key < $1.key })")
    }

    /// Runs a worker on a thread of its own (it blocks in socket calls) and returns its report.
    static func runOnThread(port: Int, seed: UInt64, requests: Int) async -> HTTPFuzzWorker.Report {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var worker = HTTPFuzzWorker(port: port, seed: seed)
                worker.run(requests: requests)
                continuation.resume(returning: worker.report)
            }
            thread.stackSize = 4 * 1024 * 1024
            thread.start()
        }
    }
}
