import Foundation
import StandIns
import Synchronization
import Testing

@testable import Paziresh24

/// What `searchDoctors` sends and how it treats the answers (scripted transport, manual clock).
@Suite struct SearchRequestTests {
    static let recorded = ScriptedTransport.data(200, Paziresh24Fixture.searchConsult.data)

    @Test func aSearchIsOneGetWithEveryParameterPercentEncoded() async throws {
        let transport = ScriptedTransport([Self.recorded])
        let page = try await TestSetup.client(transport).searchDoctors(
            DoctorSearchQuery(
                city: "tehran", specialty: "cardiovascular", text: " سعيد نوريان+&=? ", page: 2, limit: 20,
                sortBy: DoctorSearchQuery.earliestFreeTurnSort, turnType: .consult))
        #expect(page.cards.count == 2)
        let request = try #require(transport.requests.first)
        #expect(transport.requestCount == 1)
        #expect(request.method == "GET" && request.body == nil && request.endpoint == .search)
        #expect(request.header("Accept") == "application/json" && request.header("accept-timezone") == "Asia/Tehran")
        let components = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false))
        #expect(components.host == "apigw.paziresh24.com" && components.path == "/seapi/v1/search/tehran/cardiovascular")
        let encodedText = "%D8%B3%D8%B9%D9%8A%D8%AF%20%D9%86%D9%88%D8%B1%D9%8A%D8%A7%D9%86%2B%26%3D%3F"
        #expect(
            components.percentEncodedQuery
                == "page=2&limit=20&text=\(encodedText)&sortBy=clinic_first_freeturn&turn_type=consult")
        #expect(components.queryItems?.first { $0.name == "text" }?.value == "سعيد نوريان+&=?")
    }

    @Test func limitAboveFiftyIsClampedAndDefaultsAreAllOfIran() async throws {
        let transport = ScriptedTransport([Self.recorded])
        _ = try await TestSetup.client(transport).searchDoctors(DoctorSearchQuery(limit: 500))
        let url = try #require(transport.requests.first?.url.absoluteString)
        #expect(url == "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&limit=50")
    }

    @Test func badQueriesAreRefusedBeforeSending() async {
        let transport = ScriptedTransport([], fallback: Self.recorded)
        let client = TestSetup.client(transport)
        for query in [
            DoctorSearchQuery(city: "tehran/../booking"), DoctorSearchQuery(city: ""), DoctorSearchQuery(city: "تهران"),
            DoctorSearchQuery(specialty: "cardio?x=1"), DoctorSearchQuery(specialty: ""), DoctorSearchQuery(page: 0),
            DoctorSearchQuery(limit: 0), DoctorSearchQuery(text: String(repeating: "ا", count: 101)),
            DoctorSearchQuery(text: "a\nb"), DoctorSearchQuery(sortBy: "x&y"),
        ] {
            await #expect {
                _ = try await client.searchDoctors(query)
            } throws: { ($0 as? Paziresh24Error)?.code == "invalid_input" }
        }
        #expect(transport.requestCount == 0)
    }

    @Test func unknownSlugsServerErrorsAndBadBodiesAreTypedErrors() async {
        let notFound = ScriptedTransport([ScriptedTransport.json(404, #"{"message":"not found"}"#)])
        await #expect {
            _ = try await TestSetup.client(notFound).searchDoctors(DoctorSearchQuery(city: "nowhere"))
        } throws: { ($0 as? Paziresh24Error)?.code == "invalid_input" }

        let failing = ScriptedTransport([], fallback: ScriptedTransport.json(503, "<html>busy</html>"))
        await #expect {
            _ = try await TestSetup.client(failing).searchDoctors(DoctorSearchQuery())
        } throws: { ($0 as? Paziresh24Error)?.kind == .httpStatus(503) }
        #expect(failing.requestCount == 3)  // retried like every read

        let wrongType = ScriptedTransport([ScriptedTransport.json(200, #"{"search":{"result":[{"slug":7}]}}"#)])
        await #expect {
            _ = try await TestSetup.client(wrongType).searchDoctors(DoctorSearchQuery())
        } throws: { error in
            let error = error as? Paziresh24Error
            return error?.fieldPath == "search.result[0].slug" && error?.context?.hasPrefix("search ir") == true
        }
    }

    @Test func searchesShareTheClientsInFlightLimiter() async throws {
        let gate = GatedTransport(body: Paziresh24Fixture.searchConsult.data)
        var configuration = TestSetup.configuration()
        configuration.maxConcurrentRequests = 2
        let client = Paziresh24Client(configuration: configuration, transport: gate, clock: ManualClock(), random: { 0 })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { _ = try await client.searchDoctors(DoctorSearchQuery()) }
            }
            group.addTask { _ = try await client.freeSlots(TestSetup.query) }
            // Two enter the transport, the other two (searches and getFreeDays alike) wait on the
            // one limiter.
            try await waitUntil { gate.inFlight == 2 && client.limiter.waiting == 2 }
            gate.open()
            try await group.waitForAll()
        }
        #expect(gate.maxInFlight == 2)
        #expect(gate.count == 4)
    }
}

/// Polls `condition` every 5 ms for at most 10 s.
func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<2000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("condition not met within 10 s")
}

/// A transport that holds every request until `open()`, counting how many are inside at once.
final class GatedTransport: HTTPTransport {
    private let state = Mutex<(open: Bool, inFlight: Int, maxInFlight: Int, count: Int)>((false, 0, 0, 0))
    private let body: Data

    init(body: Data) {
        self.body = body
    }

    var inFlight: Int { state.withLock { $0.inFlight } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    var count: Int { state.withLock { $0.count } }

    func open() {
        state.withLock { $0.open = true }
    }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        state.withLock {
            $0.inFlight += 1
            $0.count += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        try await waitUntil { state.withLock { $0.open } }
        if request.endpoint == .getFreeDays {
            return HTTPTransportResponse(status: 200, body: Data(TestSetup.status32.utf8))
        }
        return HTTPTransportResponse(status: 200, body: body)
    }
}
