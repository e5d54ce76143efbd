import Foundation
import StandIns
import TestSupport

/// The paziresh24 stand-in as its own process (`paziresh24-standin`), set up and read through its
/// control API (`/control/doctors`, `/control/slots`, `/control/faults`, `/control/requests`).
///
/// The scraper drills used to host the stand-in inside the test process, whose few cooperative
/// threads it then shared with every other drill running beside it: a busy neighbour slowed the
/// answers a scraper waits for while it is revoked, enough for it to miss the consumer group's
/// join window. In its own process the stand-in answers on its own threads.
final class Paziresh24StandInProcess: Sendable {
    let process: ChildProcess
    /// `http://127.0.0.1:<port>`.
    let url: URL
    private let control: ControlClient

    private init(process: ChildProcess, url: URL) {
        self.process = process
        self.url = url
        self.control = ControlClient(baseURL: url)
    }

    /// Starts `paziresh24-standin` on a free port and waits for its `READY <url>` line.
    static func start(bin: String) async throws -> Paziresh24StandInProcess {
        let process = try ChildProcess(
            name: "paziresh24-standin", executable: "\(bin)/paziresh24-standin", arguments: ["--port", "0"])
        // The rest of the `READY <url>` line.
        let rest = try await process.waitForLine(startingWith: "READY ")
        guard let url = URL(string: rest.trimmingCharacters(in: .whitespacesAndNewlines)), url.scheme == "http" else {
            throw ControlError("paziresh24-standin printed no URL: \(rest)")
        }
        return Paziresh24StandInProcess(process: process, url: url)
    }

    /// Adds or replaces synthetic doctors (one request).
    func registerDoctors(_ doctors: [Paziresh24StandInDoctor]) async throws {
        _ = try await control.post("/control/doctors", encodable: ["doctors": doctors])
    }

    /// Sets the slots of targets (one request).
    func setSlots(_ scenarios: [Paziresh24SlotScenario]) async throws {
        _ = try await control.post("/control/slots", encodable: ["targets": scenarios])
    }

    /// Sets the slots of one target.
    func setSlots(_ scenario: Paziresh24SlotScenario) async throws {
        try await setSlots([scenario])
    }

    /// Queues faults.
    func addFaults(_ plan: Paziresh24FaultPlan) async throws {
        _ = try await control.post("/control/faults", encodable: plan)
    }

    /// The logged requests to `path`, oldest first.
    func requests(path: String) async throws -> [Paziresh24RequestRecord] {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? path
        return try await control.get("/control/requests?path=\(encoded)", decoding: RequestLog.self).requests
    }

    /// Stops the process.
    func stop() async {
        _ = await process.terminate(grace: .seconds(5))
    }

    private struct RequestLog: Decodable {
        let requests: [Paziresh24RequestRecord]
    }
}
