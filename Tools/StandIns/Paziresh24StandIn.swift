import Foundation
import HTTPServer
import Synchronization

/// A local paziresh24 that answers SlotHunter's three reads (and the site's two other public reads)
/// from the recordings, plus a scenario mode driven by control endpoints.
///
/// One HTTP server plays every host: `drprofile` (`GET /api/full-profile/{slug}/`), `apigw`
/// (`POST /booking/v2/getFreeDays`, `GET /seapi/v1/search/{city}[/{specialty}]`), `saman` (`GET /v1/doctors/{slug}/availability-status`) and
/// `www` (`POST /api/slugProfile`). Control endpoints live under `/control/`; see
/// `Fixtures/paziresh24/PROVENANCE.md` for what is recorded, what is generated and every assumption.
public final class Paziresh24StandIn: Sendable {
    let state = Mutex(Paziresh24StandInState())
    private let server = Mutex<HTTPServer?>(nil)
    private let now: @Sendable () -> Date

    /// Creates a stand-in; `now` is the wall clock used for `today_time` and slot visibility.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Starts serving on `host:port` (0 = a free port); a second call returns the running port.
    /// - Returns: the port bound.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) throws -> Int {
        if let running = server.withLock({ $0?.port }) { return running }
        let server = HTTPServer(host: host, port: port) { [self] request in await handle(request) }
        let bound = try server.start()
        let previous = self.server.withLock { current -> HTTPServer? in
            defer { current = server }
            return current
        }
        previous?.stop()  // lost a start race: keep the newest
        return bound
    }

    /// Stops serving (idempotent).
    public func stop() {
        let server = self.server.withLock { server -> HTTPServer? in
            defer { server = nil }
            return server
        }
        server?.stop()
    }

    /// `http://127.0.0.1:PORT` once started.
    public var baseURL: URL? {
        server.withLock { $0?.port }.flatMap { URL(string: "http://127.0.0.1:\($0)") }
    }

    // MARK: Swift control API (same effect as the control endpoints)

    /// Adds or replaces a synthetic doctor (`POST /control/doctors`).
    public func registerDoctor(_ doctor: Paziresh24StandInDoctor) {
        state.withLock { $0.register(doctor) }
    }

    /// Adds or replaces many doctors under one lock (`POST /control/doctors` with a list, or
    /// `POST /control/doctors/synthetic` with a `SyntheticBatch`).
    public func registerDoctors(_ doctors: [Paziresh24StandInDoctor]) {
        state.withLock { state in doctors.forEach { state.register($0) } }
    }

    /// Requests answered per endpoint since the last reset (`GET /control/requests/counts`); keys
    /// as in `Paziresh24RequestRecord.endpoint`. Unlike the log, these counts are never trimmed.
    public func requestCounts() -> [String: Int] {
        state.withLock { $0.requestCounts }
    }

    /// Sets the slots of a target (`POST /control/slots`).
    public func setSlots(_ scenario: Paziresh24SlotScenario) {
        state.withLock { $0.apply(scenario) }
    }

    /// Queues faults (`POST /control/faults`).
    public func addFaults(_ plan: Paziresh24FaultPlan) {
        state.withLock { $0.apply(plan) }
    }

    /// Every logged request, oldest first (`GET /control/requests`).
    public func requests(since seq: Int = 0) -> [Paziresh24RequestRecord] {
        state.withLock { $0.log.filter { $0.seq > seq } }
    }

    /// Back to recordings only: no synthetic doctor, slot, fault or log (`POST /control/reset`).
    public func reset() {
        state.withLock { $0 = Paziresh24StandInState() }
    }

    // MARK: HTTP

    /// Answers one request (the server's handler; tests may call it directly).
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path == "/healthz" { return .text(200, "ok") }
        if request.path.hasPrefix("/control/") { return control(request) }

        let started = ContinuousClock.now
        let arrival = now()
        let route = Paziresh24StandInRoute(request)
        let target = route.target(request)
        var response: HTTPResponse
        var faultName: String?
        if route.isForbidden {
            response = .json(403, Paziresh24StandInResponses.badRequest("write endpoint refused: SlotHunter must only read"))
        } else {
            let (fault, latency) = state.withLock { $0.takeFault(target: target) }
            if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
            if let fault {
                faultName = fault.kind.rawValue
                response = await answer(fault)
            } else {
                response = answer(route, request, now: arrival)
            }
        }
        let elapsed = ContinuousClock.now - started
        log(
            request, arrival: arrival, target: target, response: response, fault: faultName,
            forbidden: route.isForbidden, endpoint: route.endpointName, elapsed: elapsed)
        return response
    }

    private func answer(_ route: Paziresh24StandInRoute, _ request: HTTPRequest, now: Date) -> HTTPResponse {
        switch route {
        case .fullProfile(let slug):
            guard request.method == "GET" else { return methodNotAllowed("GET") }
            if let (doctor, earliest) = state.withLock({ $0.registeredDoctor(slug, now: now) }) {
                return .json(200, Paziresh24StandInResponses.fullProfile(doctor.spec, doctorId: doctor.id, earliest: earliest))
            }
            if slug == Paziresh24Fixture.recordedSlug { return .json(200, Paziresh24Fixture.fullProfile.data) }
            return .json(404, Paziresh24StandInResponses.profileNotFound())
        case .getFreeDays:
            guard request.method == "POST" else { return methodNotAllowed("POST") }
            return freeDays(request, now: now)
        case .availability(let slug):
            guard request.method == "GET" else { return methodNotAllowed("GET") }
            if let (doctor, earliest) = state.withLock({ $0.registeredDoctor(slug, now: now) }) {
                return .json(200, Paziresh24StandInResponses.availability(doctor.spec, earliest: earliest))
            }
            if slug == Paziresh24Fixture.recordedSlug { return .json(200, Paziresh24Fixture.availability.data) }
            return .json(404, Paziresh24StandInResponses.profileNotFound())
        case .slugProfile:
            guard request.method == "POST" else { return methodNotAllowed("POST") }
            let slug = request.formValues["slug"] ?? ""
            let known = slug == Paziresh24Fixture.recordedSlug || state.withLock { $0.doctors[slug] != nil }
            return .json(200, known ? Paziresh24StandInResponses.slugProfileFound(slug) : Paziresh24Fixture.center404.data)
        case .search(let city, let specialty):
            guard request.method == "GET" else { return methodNotAllowed("GET") }
            return search(request, city: city, specialty: specialty, now: now)
        case .unknown:
            return .text(404, "not found")
        }
    }

    /// getFreeDays with the request checks a form-reading legacy endpoint implies.
    private func freeDays(_ request: HTTPRequest, now: Date) -> HTTPResponse {
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return .json(
                400,
                Paziresh24StandInResponses.badRequest(
                    "form-encoded body required (Content-Type: \(contentType.isEmpty ? "none" : contentType))"))
        }
        let form = request.formValues
        let required = ["center_id", "service_id", "user_center_id", "server_id", "return_type"]
        let missing = required.filter { (form[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            return .json(400, Paziresh24StandInResponses.badRequest("missing fields: \(missing.joined(separator: ", "))"))
        }
        let calendarOnly = form["return_free_turns"].map { ["false", "0"].contains($0.lowercased()) } ?? false
        let body = state.withLock {
            $0.freeDays(
                centerId: form["center_id"]!, serviceId: form["service_id"]!, userCenterId: form["user_center_id"]!,
                calendarOnly: calendarOnly, now: now)
        }
        return .json(200, body)
    }

    private func answer(_ fault: Paziresh24FaultPlan.Fault) async -> HTTPResponse {
        switch fault.kind {
        case .rateLimit:
            var response = HTTPResponse.json(429, Paziresh24StandInResponses.envelope(status: 429, message: "stand-in: too many requests"))
            response.headers.append(("Retry-After", String(fault.retryAfterSeconds ?? 1)))
            return response
        case .serverError:
            return htmlPage(fault.status ?? 503)
        case .hang:
            try? await Task.sleep(for: .milliseconds(Int64((fault.seconds ?? 25) * 1000)))
            return htmlPage(fault.status ?? 504)
        case .malformed:
            return htmlPage(fault.status ?? 200)
        case .redirect:
            return HTTPResponse(status: fault.status ?? 307, headers: [("Location", fault.location ?? "/")])
        }
    }

    private func htmlPage(_ status: Int) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/html")], body: Paziresh24StandInResponses.htmlErrorPage(status))
    }

    private func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        HTTPResponse(
            status: 405, headers: [("Allow", allowed), ("Content-Type", "text/plain; charset=utf-8")],
            body: Array("method not allowed".utf8))
    }

    private func log(
        _ request: HTTPRequest, arrival: Date, target: String?, response: HTTPResponse, fault: String?, forbidden: Bool,
        endpoint: String, elapsed: Duration
    ) {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.lowercased()] = value }
        let envelopeStatus = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            .flatMap { $0?["status"] as? Int }
        let milliseconds = Int64((arrival.timeIntervalSince1970 * 1000).rounded(.down))
        let elapsedMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        state.withLock { state in
            state.record { seq in
                Paziresh24RequestRecord(
                    seq: seq, time: Self.rfc3339(milliseconds), unixMs: milliseconds, method: request.method,
                    path: request.path, query: request.query, contentType: request.header("Content-Type"),
                    form: request.formValues, bodyBytes: request.body.count, headers: headers, target: target,
                    status: response.status, paziresh24Status: envelopeStatus, fault: fault, forbidden: forbidden,
                    durationMs: elapsedMs, endpoint: endpoint)
            }
        }
    }

    private static func rfc3339(_ unixMs: Int64) -> String {
        let seconds = Date(timeIntervalSince1970: TimeInterval(unixMs / 1000))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: seconds)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0, Int(unixMs % 1000))
    }
}
