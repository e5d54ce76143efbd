import Foundation
import Messaging
import TestSupport

extension SigtermDrillWorkload {
    /// Doctors the scraper watches: the first half hang once engaged, the second half answer slowly.
    static let scraperTargets = 8
    /// How slowly the slow half answers (longer than the scraper's minimum interval, so that each
    /// of those targets is polled again as soon as its answer arrives: always one in flight).
    static let slowAnswerMilliseconds = 3_000

    private static func scraperCenter(_ index: Int) -> String { "drill-c-\(index)" }
    private static func scraperService(_ index: Int) -> String { "drill-s-\(index)" }
    private static func scraperUserCenter(_ index: Int) -> String { "drill-uc-\(index)" }
    private static func scraperTarget(_ index: Int) -> String { "\(scraperCenter(index)):\(scraperService(index))" }
    private static var slowTargets: Range<Int> { (scraperTargets / 2)..<scraperTargets }

    /// Synthetic doctors with one free slot each on the (fresh) paziresh24 stand-in, and a
    /// `watch.requested` per target on the broker (again after a broker restart; duplicates on a
    /// surviving broker are what the bot's reconciler produces anyway).
    static func prepareScraper(_ system: SystemUnderTest) async throws {
        let p24 = system.paziresh24Control
        _ = try await p24.post("/control/doctors/synthetic", json: ["count": scraperTargets, "prefix": "drill", "online": false])
        let start = Int(slotStart().timeIntervalSince1970)
        _ = try await p24.post(
            "/control/slots",
            json: (0..<scraperTargets).map {
                [
                    "center_id": scraperCenter($0), "service_id": scraperService($0), "user_center_id": scraperUserCenter($0),
                    "slots": [start],
                ]
                    as [String: Any]
            })
        let watches = (0..<scraperTargets).map { index -> (key: String, payload: WatchRequestedV1) in
            let target = WatchTarget(
                doctor: DoctorRef(slug: "drill-dr-\(index)", displayName: "Drill \(index)", specialty: nil),
                center: CenterRef(
                    id: scraperCenter(index), name: "clinic \(index)", userCenterId: scraperUserCenter(index), isOnline: false),
                service: ServiceRef(id: scraperService(index), name: "visit"))
            return (target.id, WatchRequestedV1(target: target))
        }
        try await publish(watches, topic: Topic.watches, as: "bot", on: system)
    }

    /// Waits until the stand-in answered getFreeDays for half the targets (the scraper polls), then
    /// makes the first half hang for a minute (past the drain timeout) and the second half answer
    /// after 3 s, and waits for a slow answer: from then on a poll of every slow target is in
    /// flight at any moment, and the hanging ones stay in flight.
    static func engageScraper(_ system: SystemUnderTest, process: ChildProcess) async throws -> String {
        let p24 = system.paziresh24Control
        let polled = try await waitForFreeDays(p24, process: process, since: 0, count: scraperTargets / 2) { _ in true }
        let seq = polled.map(\.seq).max() ?? 0
        var plans: [[String: Any]] = (0..<(scraperTargets / 2)).map {
            ["target": scraperTarget($0), "faults": [["kind": "hang", "seconds": 60, "count": 1_000]]]
        }
        plans += slowTargets.map { ["target": scraperTarget($0), "latency_ms": slowAnswerMilliseconds] }
        _ = try await p24.post("/control/faults", json: plans)
        _ = try await waitForFreeDays(p24, process: process, since: seq, count: 1) { $0.durationMs >= slowAnswerMilliseconds - 100 }
        return "getFreeDays answered \(polled.count)+, \(scraperTargets / 2) hanging, slow ones in flight"
    }

    /// A new slot for every slow target (answers still on their way carry it).
    static func addScraperSlots(_ system: SystemUnderTest) async throws {
        let start = Int(slotStart(index: Int.random(in: 1...40)).timeIntervalSince1970)
        _ = try await system.paziresh24Control.post(
            "/control/slots",
            json: slowTargets.map {
                [
                    "center_id": scraperCenter($0), "service_id": scraperService($0), "user_center_id": scraperUserCenter($0),
                    "slots": [start],
                    "mode": "add",
                ] as [String: Any]
            })
    }

    /// One logged getFreeDays request (what the drill reads of `GET /control/requests`).
    struct FreeDaysRecord {
        let seq: Int
        let durationMs: Int
    }

    /// Waits until at least `count` getFreeDays requests after `since` that satisfy `predicate`
    /// were answered; returns them.
    private static func waitForFreeDays(
        _ p24: ControlClient, process: ChildProcess, since: Int, count: Int, where predicate: (FreeDaysRecord) -> Bool
    ) async throws -> [FreeDaysRecord] {
        let deadline = ContinuousClock.now + evidenceTimeout
        var matching: [FreeDaysRecord] = []
        while ContinuousClock.now < deadline {
            let answer = try await p24.get("/control/requests?since=\(since)&path=/booking/v2/getFreeDays")
            let records = ((answer as? [String: Any])?["requests"] as? [[String: Any]] ?? []).map {
                FreeDaysRecord(seq: $0["seq"] as? Int ?? 0, durationMs: $0["duration_ms"] as? Int ?? 0)
            }
            matching = records.filter(predicate)
            if matching.count >= count { return matching }
            guard process.isRunning else { throw ControlError("\(process.name) exited:\n\(process.output.suffix(3000))") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ControlError(
            "only \(matching.count) of \(count) getFreeDays requests within \(evidenceTimeout):\n\(process.output.suffix(3000))")
    }
}
