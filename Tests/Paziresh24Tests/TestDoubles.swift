import Foundation
import Synchronization

@testable import Paziresh24

/// A transport that answers from a script and records every request it was handed.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case answer(status: Int, headers: [(String, String)], body: Data)
        case fail(Paziresh24Error)
    }

    private struct State {
        var steps: [Step]
        var fallback: Step?
        var requests: [HTTPTransportRequest] = []
    }

    private let state: Mutex<State>

    /// `fallback` answers once the script is used up (default: a test failure as HTTP 599).
    init(_ steps: [Step], fallback: Step? = nil) {
        state = Mutex(State(steps: steps, fallback: fallback))
    }

    static func json(_ status: Int = 200, _ text: String, headers: [(String, String)] = []) -> Step {
        .answer(status: status, headers: headers, body: Data(text.utf8))
    }

    static func data(_ status: Int = 200, _ data: Data) -> Step {
        .answer(status: status, headers: [], body: data)
    }

    var requests: [HTTPTransportRequest] { state.withLock { $0.requests } }
    var requestCount: Int { state.withLock { $0.requests.count } }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            if !state.steps.isEmpty { return state.steps.removeFirst() }
            return state.fallback ?? .answer(status: 599, headers: [], body: Data("script exhausted".utf8))
        }
        switch step {
        case .answer(let status, let headers, let body):
            return HTTPTransportResponse(status: status, headers: headers, body: body)
        case .fail(let error):
            throw error
        }
    }
}

/// A clock that never waits: `sleep` records the duration and moves time forward.
final class ManualClock: Paziresh24Clock {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    func now() -> Duration { state.withLock { $0.now } }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now += duration
        }
    }
}

/// Builders shared by the client tests.
enum TestSetup {
    static let query = FreeSlotsQuery(
        centerId: "5532", serviceId: "972812db-5afb-427a-9dba-d07aa3fed100",
        userCenterId: "972812db-4af0-49d5-865f-516ad2df8474")

    static func configuration(maxAttempts: Int = 3) -> Paziresh24Configuration {
        var configuration = Paziresh24Configuration()
        configuration.maxAttempts = maxAttempts
        configuration.retry = Paziresh24RetryPolicy(
            initialDelay: .seconds(1), maxDelay: .seconds(8), multiplier: 2, jitter: 0.5, maxRetryAfter: .seconds(30))
        configuration.targetBreaker = Paziresh24BreakerPolicy(failureThreshold: 3, coolDown: .seconds(60))
        configuration.hostBreaker = Paziresh24BreakerPolicy(failureThreshold: 100, coolDown: .seconds(30))
        return configuration
    }

    static func client(
        _ transport: ScriptedTransport, configuration: Paziresh24Configuration = configuration(),
        clock: ManualClock = ManualClock(), random: Double = 0
    ) -> Paziresh24Client {
        Paziresh24Client(configuration: configuration, transport: transport, clock: clock, random: { random })
    }

    static let status32 = #"{"status":32,"message":"no free turn","result":[]}"#
}
