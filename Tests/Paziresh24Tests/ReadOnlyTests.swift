import Foundation
import Testing

@testable import Paziresh24

/// Proof that SlotHunter cannot hold, release or book a slot on paziresh24.
@Suite struct ReadOnlyTests {
    static let configuration = Paziresh24Configuration()
    static let slugPath = "/api/full-profile/%D8%AF%DA%A9%D8%AA%D8%B1-0/"

    /// Write endpoints of the booking flow (and near misses) that must never be reachable.
    static let forbidden: [(String, String)] = [
        ("POST", "https://apigw.paziresh24.com/booking/v2/suspend"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/unsuspend"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeTurn"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/bookRequest"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/book"),
        ("POST", "https://apigw.paziresh24.com/api/book"),
        ("POST", "https://www.paziresh24.com/api/book/"),
        ("POST", "https://apigw.paziresh24.com/v1/book"),
        ("GET", "https://apigw.paziresh24.com/booking/v2/getFreeDays"),
        ("PUT", "https://apigw.paziresh24.com/booking/v2/getFreeDays"),
        ("DELETE", "https://drprofile.paziresh24.com\(slugPath)"),
        ("POST", "https://drprofile.paziresh24.com\(slugPath)"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeDays?action=suspend"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeDays/../suspend"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeDays%2F..%2Fsuspend"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeDays/"),
        ("POST", "https://apigw.paziresh24.com/x/booking/v2/getFreeDays"),
        ("POST", "https://drprofile.paziresh24.com/booking/v2/getFreeDays"),
        ("POST", "https://evil.example/booking/v2/getFreeDays"),
        ("POST", "http://apigw.paziresh24.com/booking/v2/getFreeDays"),
        ("POST", "https://apigw.paziresh24.com:8443/booking/v2/getFreeDays"),
        ("GET", "https://apigw.paziresh24.com\(slugPath)"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/a%2F..%2F..%2Fbooking%2Fv2%2Fsuspend/"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/../"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile//"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/x/book/"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/x"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/x/?next=/booking/v2/suspend"),
        ("GET", "https://saman.paziresh24.com/v1/doctors/x/availability-status"),
        ("POST", "https://www.paziresh24.com/api/slugProfile"),
        // The search: GET only, exact path shape, slug segments, its own query parameters only.
        ("POST", "https://apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular?page=1&limit=50"),
        ("PUT", "https://apigw.paziresh24.com/seapi/v1/search/tehran?page=1&limit=50"),
        ("DELETE", "https://apigw.paziresh24.com/seapi/v1/search/tehran?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular/?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular/x?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/teh_ran?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/%D8%AA%D9%87%D8%B1%D8%A7%D9%86?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/..?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/a%2F..%2F..%2Fbooking?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir/..%2F..%2F..%2Fbooking%2Fv2%2Fsuspend?page=1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&limit=51"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=0&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=-1&limit=50"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&limit=%2B5"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&page=2"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&action=suspend"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&turn_type=book"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&sortBy=a%2Fb"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1&text=a%0Ab"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page"),
        ("GET", "https://apigw.paziresh24.com/seapi/v1/search/ir?page=1#top"),
        ("GET", "https://apigw.paziresh24.com/x/seapi/v1/search/ir?page=1"),
        ("GET", "https://drprofile.paziresh24.com/seapi/v1/search/ir?page=1"),
        ("GET", "https://www.paziresh24.com/seapi/v1/search/ir?page=1"),
        ("GET", "https://evil.example/seapi/v1/search/ir?page=1"),
        ("GET", "https://apigw.paziresh24.com/seapi/v2/search/ir?page=1"),
        ("GET", "https://apigw.paziresh24.com/booking/v2/getFreeDays?page=1&limit=50"),
        ("POST", "https://apigw.paziresh24.com/booking/v2/getFreeDays?page=1"),
        ("GET", "https://drprofile.paziresh24.com/api/full-profile/x/?page=1"),
    ]

    @Test func theAllowlistHasExactlyThreeReadEndpoints() {
        #expect(Paziresh24Allowlist.Endpoint.allCases == [.fullProfile, .getFreeDays, .search])
        #expect(Paziresh24Allowlist.Endpoint.allCases.map(\.method) == ["GET", "POST", "GET"])
    }

    @Test func theSearchIsAllowedInItsOwnShape() throws {
        for text in [
            "https://apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular?page=1&limit=50",
            "https://apigw.paziresh24.com/seapi/v1/search/ir?page=3&limit=1&text=%D8%B3%D8%B9%DB%8C%D8%AF%20a%2Bb&sortBy=clinic_first_freeturn&turn_type=consult",
            "https://apigw.paziresh24.com/seapi/v1/search/ir/exp-cardiovascular-diseases?turn_type=non-consult&page=2",
        ] {
            let url = try #require(URL(string: text))
            #expect(try Paziresh24Allowlist.check(method: "GET", url: url, configuration: Self.configuration) == .search, "\(text)")
        }
        #expect(Paziresh24Allowlist.endpoint(method: "GET", percentEncodedPath: "/seapi/v1/search/ir") == .search)
        #expect(Paziresh24Allowlist.endpoint(method: "GET", percentEncodedPath: "/seapi/v1/search/ir/cardio") == .search)
        #expect(Paziresh24Allowlist.endpoint(method: "POST", percentEncodedPath: "/seapi/v1/search/ir") == nil)
        #expect(Paziresh24Allowlist.endpoint(method: "GET", percentEncodedPath: "/seapi/v1/search/ir/a/b") == nil)
        #expect(Paziresh24Allowlist.endpoint(method: "GET", percentEncodedPath: "/seapi/v1/search/ir/%2E%2E") == nil)
    }

    @Test func theTwoRealCallsAreAllowed() throws {
        let profile = try #require(URL(string: "https://drprofile.paziresh24.com\(Self.slugPath)"))
        let freeDays = try #require(URL(string: "https://apigw.paziresh24.com/booking/v2/getFreeDays"))
        #expect(try Paziresh24Allowlist.check(method: "GET", url: profile, configuration: Self.configuration) == .fullProfile)
        #expect(try Paziresh24Allowlist.check(method: "POST", url: freeDays, configuration: Self.configuration) == .getFreeDays)
        let standIn = Paziresh24Configuration(baseURL: try #require(URL(string: "http://127.0.0.1:8080")))
        let local = try #require(URL(string: "http://127.0.0.1:8080/booking/v2/getFreeDays"))
        #expect(try Paziresh24Allowlist.check(method: "POST", url: local, configuration: standIn) == .getFreeDays)
    }

    @Test func theAllowlistRefusesEverythingElse() throws {
        for (method, text) in Self.forbidden {
            let url = try #require(URL(string: text), "\(text)")
            #expect(throws: Paziresh24Error(.forbiddenEndpoint("\(method) \(url.absoluteString)")), "\(method) \(text)") {
                try Paziresh24Allowlist.check(method: method, url: url, configuration: Self.configuration)
            }
        }
    }

    /// The client's single request function refuses them before the transport sees anything.
    @Test func theClientsOnlyRequestFunctionRefusesThemWithoutSending() async throws {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(200, #"{"status":1}"#))
        let client = TestSetup.client(transport)
        for (method, text) in Self.forbidden {
            let url = try #require(URL(string: text))
            await #expect {
                _ = try await client.perform(method: method, url: url, form: TestSetup.query.formFields, targetKey: nil)
            } throws: { error in
                guard case .forbiddenEndpoint = (error as? Paziresh24Error)?.kind else { return false }
                return !(error as? Paziresh24Error)!.isRetriable
            }
        }
        #expect(transport.requestCount == 0)
    }

    @Test func theTransportAlsoRefusesPathsOffTheList() {
        for (method, path) in [
            ("POST", "/booking/v2/suspend"), ("POST", "/booking/v2/unsuspend"), ("POST", "/booking/v2/getFreeTurn"),
            ("POST", "/booking/v2/bookRequest"), ("POST", "/api/book"), ("GET", "/booking/v2/getFreeDays"),
            ("POST", "/booking/v2/getFreeDays/%2E%2E/suspend"), ("GET", "/api/full-profile/x/y"),
        ] {
            #expect(Paziresh24Allowlist.endpoint(method: method, percentEncodedPath: path) == nil, "\(method) \(path)")
        }
        #expect(Paziresh24Allowlist.endpoint(method: "POST", percentEncodedPath: "/booking/v2/getFreeDays") == .getFreeDays)
        #expect(Paziresh24Allowlist.endpoint(method: "GET", percentEncodedPath: Self.slugPath) == .fullProfile)
    }

    // MARK: Source scan

    /// Names of the write endpoints; a match is allowed only inside a `//` comment that says "never".
    static let forbiddenPatterns = [
        #"\bunsuspend\b"#, #"[/"']suspend\b"#, #"getFreeTurn(?!s)"#, #"bookRequest"#, #"/book(?![a-z])"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// Offending lines of `text` as `line: content`.
    static func offendingLines(_ text: String) -> [String] {
        var offending: [String] = []
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            let range = NSRange(line.startIndex..., in: line)
            let commentStart = line.range(of: "//").map { NSRange($0, in: line).location }
            let commentSaysNever =
                line.range(of: "//").map {
                    line[$0.upperBound...].range(of: "never", options: .caseInsensitive) != nil
                } ?? false
            for pattern in forbiddenPatterns {
                for match in pattern.matches(in: line, range: range) {
                    let inComment = commentStart.map { match.range.location > $0 } ?? false
                    if !(inComment && commentSaysNever) {
                        offending.append("\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        return offending
    }

    @Test func theScannerFlagsCodeAndSparesCommentsThatSayNever() {
        #expect(Self.offendingLines(#"let path = "/booking/v2/suspend""#).count == 1)
        #expect(Self.offendingLines(#"post("booking/v2/getFreeTurn", form)"#).count == 1)
        #expect(Self.offendingLines(#"let u = base + "/api/book/""#).count == 1)
        #expect(Self.offendingLines("call(.bookRequest) // TODO").count == 1)
        #expect(Self.offendingLines("// SlotHunter never calls /booking/v2/suspend or bookRequest").isEmpty)
        #expect(Self.offendingLines("/// We never call getFreeTurn: it holds the slot.").isEmpty)
        #expect(Self.offendingLines(#"let free = "/booking/v2/getFreeDays" // getFreeTurns is fine"#).isEmpty)
        #expect(Self.offendingLines("the handler may suspend for long // async").isEmpty)
    }

    /// Requests can only be built by `checkedRequest`, right after the allowlist check: the
    /// initialiser is internal and this is its one call site in the module.
    @Test func requestsAreBuiltInExactlyOnePlace() throws {
        let module = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Shared/Paziresh24")
        var sites: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: module.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: module.appendingPathComponent(name), encoding: .utf8)
            let count = text.components(separatedBy: "HTTPTransportRequest(").count - 1
            sites += Array(repeating: name, count: count)
        }
        #expect(sites == ["Paziresh24Client+Perform.swift"])
        let perform = try String(contentsOf: module.appendingPathComponent("Paziresh24Client+Perform.swift"), encoding: .utf8)
        let body = try #require(perform.range(of: "private func checkedRequest"))
        let check = try #require(perform.range(of: "Paziresh24Allowlist.check(", range: body.upperBound..<perform.endIndex))
        let build = try #require(perform.range(of: "HTTPTransportRequest(", range: body.upperBound..<perform.endIndex))
        #expect(check.lowerBound < build.lowerBound)
    }

    @Test func noSourceInSharedOrServicesNamesAWriteEndpoint() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var scanned = 0
        var offending: [String] = []
        for folder in ["Shared", "Services"] {
            let directory = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in files where ["swift", "h", "c"].contains(file.pathExtension) {
                let text = try String(contentsOf: file, encoding: .utf8)
                scanned += 1
                offending += Self.offendingLines(text).map { "\(folder)/…/\(file.lastPathComponent):\($0)" }
            }
        }
        #expect(scanned >= 20, "the scan must see the Paziresh24 sources at least")
        #expect(offending.isEmpty, "write endpoints named in code: \(offending)")
    }
}

/// Redirects are followed by the client itself, each hop through the allowlist.
@Suite struct RedirectTests {
    static func redirect(_ status: Int, to location: String) -> ScriptedTransport.Step {
        .answer(status: status, headers: [("Location", location)], body: Data())
    }

    @Test func aRedirectToAWriteEndpointIsRefusedBeforeItIsSent() async {
        for step in [
            Self.redirect(307, to: "/booking/v2/suspend"), Self.redirect(308, to: "https://apigw.paziresh24.com/booking/v2/bookRequest"),
            Self.redirect(302, to: "/booking/v2/getFreeDays"),  // a POST redirected by 302 becomes a GET: not allowed
            Self.redirect(307, to: "https://elsewhere.example/booking/v2/getFreeDays"),
        ] {
            let transport = ScriptedTransport([step], fallback: ScriptedTransport.json(200, TestSetup.status32))
            await #expect {
                try await TestSetup.client(transport).freeSlots(TestSetup.query)
            } throws: { error in
                guard case .forbiddenEndpoint = (error as? Paziresh24Error)?.kind else { return false }
                return true
            }
            #expect(transport.requestCount == 1)
        }
    }

    @Test func aReadOnlyRedirectKeepsMethodAndBody() async throws {
        let transport = ScriptedTransport([
            Self.redirect(307, to: "/booking/v2/getFreeDays"), ScriptedTransport.json(200, TestSetup.status32),
        ])
        #expect(try await TestSetup.client(transport).freeSlots(TestSetup.query) == [])
        #expect(transport.requests.map(\.method) == ["POST", "POST"])
        #expect(transport.requests.map { $0.body } == [transport.requests[0].body, transport.requests[0].body])
    }

    @Test func aMovedProfileIsFollowed() async throws {
        let transport = ScriptedTransport([
            Self.redirect(301, to: "/api/full-profile/new-slug/"), ScriptedTransport.json(200, #"{"status":"ERROR"}"#),
        ])
        await #expect(throws: Paziresh24Error.self) { try await TestSetup.client(transport).resolveDoctor("old-slug") }
        #expect(
            transport.requests.map(\.url.absoluteString) == [
                "https://drprofile.paziresh24.com/api/full-profile/old-slug/",
                "https://drprofile.paziresh24.com/api/full-profile/new-slug/",
            ])
        #expect(transport.requests.allSatisfy { $0.method == "GET" })
    }

    @Test func redirectLoopsStopAfterThreeHops() async {
        let transport = ScriptedTransport([], fallback: Self.redirect(307, to: "/booking/v2/getFreeDays"))
        await #expect {
            try await TestSetup.client(transport).freeSlots(TestSetup.query)
        } throws: { ($0 as? Paziresh24Error)?.kind == .httpStatus(307) }
        #expect(transport.requestCount == 4)
    }
}
