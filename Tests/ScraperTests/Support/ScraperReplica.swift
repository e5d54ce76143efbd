import Foundation
import Messaging
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One scraper process, seen through its JSON log lines and its health port.
struct ScraperReplica: Sendable {
    let name: String
    let process: ChildProcess

    /// The latest assignment logged and when it last changed.
    struct Assignment: Sendable {
        var partitions: Set<Int32> = []
        var changedAt: Date?
    }

    /// The process's JSON log lines, oldest first.
    func logLines() -> [[String: String]] {
        process.output.split(separator: "\n").compactMap { line in
            guard line.first == "{", let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object.compactMapValues { $0 as? String }
        }
    }

    /// Replays the "partitions assigned" / "partitions revoked" lines.
    func assignment() -> Assignment {
        var current = Assignment()
        for line in logLines() {
            guard let message = line["msg"], message == "partitions assigned" || message == "partitions revoked" else { continue }
            let partitions = Set((line["partitions"] ?? "").split(separator: ",").compactMap { Int32($0) })
            current.partitions = message == "partitions assigned" ? partitions : []
            current.changedAt = line["ts"].flatMap(RFC3339.date(from:))
        }
        return current
    }

    /// The "partitions revoked" ("revoked") and "partitions assigned" ("assigned") lines logged
    /// after `date`, oldest first.
    func rebalanceLog(after date: Date) -> [(event: String, at: Date)] {
        logLines().compactMap { line in
            guard let message = line["msg"], message == "partitions assigned" || message == "partitions revoked",
                let at = line["ts"].flatMap(RFC3339.date(from:)), at > date
            else { return nil }
            return (message == "partitions assigned" ? "assigned" : "revoked", at)
        }
    }

    /// The health server's port, from its "health server listening" line.
    func healthPort(timeout: Duration = .seconds(20)) async throws -> Int {
        try await eventuallyValue(within: timeout, every: .milliseconds(100), "\(name) to log its health port") { () throws -> Int? in
            if let port = logLines().first(where: { $0["msg"] == "health server listening" })?["port"].flatMap({ Int($0) }) {
                return port
            }
            guard process.isRunning else { throw ControlError("\(name) exited:\n\(process.output.suffix(3000))") }
            return nil
        }
    }

    /// GET a path of the health server: status and body.
    func get(_ path: String) async throws -> (status: Int, body: String) {
        let port = try await healthPort()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The samples of `/metrics`: `name{labels}` → value.
    func metrics() async throws -> [String: Double] {
        let text = try await get("/metrics").body
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
