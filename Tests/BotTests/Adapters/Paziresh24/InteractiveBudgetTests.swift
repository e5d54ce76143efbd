import BotAdapters
import BotApp
import BotDomain
import BotTestSupport
import Foundation
import Localization
import Paziresh24
import ServiceRuntime
import Synchronization
import Testing

/// The bot's share of the paziresh24 budget: a token bucket with a bounded wait.
@Suite("InteractiveBudget")
struct InteractiveBudgetTests {
    let start = Date(timeIntervalSince1970: 1_791_288_000)

    @Test("a burst of 2 goes at once; the next waits for the refill; beyond 5 s of waiting it is refused")
    func bucket() {
        let budget = InteractiveBudget(rate: 0.2, burst: 2, maxWait: 5)
        #expect(budget.reserve(now: start) == 0)
        #expect(budget.reserve(now: start) == 0)
        // Empty: the next token comes in 1 / 0.2 = 5 s, within the bound.
        #expect(budget.reserve(now: start) == 5)
        // That token is promised; another would wait 10 s: refused, and nothing is taken.
        #expect(budget.reserve(now: start) == nil)
        #expect(budget.reserve(now: start.addingTimeInterval(1)) == nil)
        // 10 s later both the promised token and one more have come.
        #expect(budget.reserve(now: start.addingTimeInterval(10)) == 0)
        #expect(budget.reserve(now: start.addingTimeInterval(10)) == 5)
    }

    @Test("never more than the burst after a long quiet spell: the long-run rate stays the setting")
    func longRun() {
        let budget = InteractiveBudget(rate: 0.2, burst: 2, maxWait: 5)
        var sent = 0
        // Hammering every second for 100 s sends (at once or after a wait of at most 5 s) the burst
        // plus what 105 s refill: 2 + 105 × 0.2 = 23 requests at most.
        for second in 0...100 where budget.reserve(now: start.addingTimeInterval(Double(second))) != nil { sent += 1 }
        #expect(sent <= 23 && sent >= 21, "\(sent)")
        let idle = InteractiveBudget(rate: 0.2, burst: 2, maxWait: 0)
        _ = idle.reserve(now: start)
        let later = start.addingTimeInterval(3600)
        #expect(idle.reserve(now: later) == 0)
        #expect(idle.reserve(now: later) == 0)
        #expect(idle.reserve(now: later) == nil, "an hour of quiet still holds only 2 tokens")
    }

    @Test("the setting: PAZIRESH24_INTERACTIVE_RATE defaults to 0.2 in the bot and the scraper takes it out of its budget")
    func settings() throws {
        let env: [String: String] = ["DATABASE_URL": "postgres://u:p@localhost/db", "TELEGRAM_BOT_TOKEN": "123456:INTERACTIVE-BUDGET-TEST"]
        #expect(try BotSettings(EnvironmentReader(env)).interactiveRate == 0.2)
        var custom = env
        custom["PAZIRESH24_INTERACTIVE_RATE"] = "0.5"
        #expect(try BotSettings(EnvironmentReader(custom)).interactiveRate == 0.5)
    }

    @Test("the share used up: a short 'busy, try again in a few seconds' reply, for a search and for a link")
    func busyReply() async throws {
        let fa = BotText(.persian)
        let rig = ConversationRig(directoryFailure: .busy)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe سارا احمدی")
        #expect(await rig.lastText(1) == fa.lookupBusy)
        try await rig.say(1, "/subscribe \(rig.doctor.slug)")
        #expect(await rig.lastText(1) == fa.lookupBusy)
        #expect(fa.lookupBusy.contains("چند ثانیهٔ دیگر"))
        #expect(BotText(.english).lookupBusy == "I'm busy right now; please try again in a few seconds.")
    }
}

/// The budget on the bot's real paziresh24 client: a refused request reaches nobody, is not
/// retried, and the directory answers `.busy`.
@Suite("InteractiveBudgetTransport")
struct InteractiveBudgetTransportTests {
    /// Answers every request with an empty search page and counts them.
    final class CountingTransport: HTTPTransport {
        let count = Mutex(0)
        func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
            count.withLock { $0 += 1 }
            return HTTPTransportResponse(status: 200, body: Data(#"{"search":{"total":0,"result":[]}}"#.utf8))
        }
    }

    @Test("two lookups pass, the third is refused at once as busy and never sent; none is retried")
    func refusedLookup() async throws {
        let base = CountingTransport()
        let budget = InteractiveBudget(rate: 0.01, burst: 2, maxWait: 5)
        let slept = Mutex<[TimeInterval]>([])
        let transport = InteractiveBudgetTransport(
            base: base, budget: budget, now: { Date(timeIntervalSince1970: 0) },
            sleep: { seconds in slept.withLock { $0.append(seconds) } })
        var configuration = Paziresh24Configuration(baseURL: URL(string: "http://127.0.0.1:9")!)
        configuration.maxAttempts = 3
        let directory = Paziresh24DoctorDirectory(client: Paziresh24Client(configuration: configuration, transport: transport))
        #expect(try await directory.search("نوریان", limit: 8).isEmpty)
        #expect(try await directory.search("نوریان", limit: 8).isEmpty)
        await #expect(throws: DoctorLookupError.busy) { try await directory.search("نوریان", limit: 8) }
        await #expect(throws: DoctorLookupError.busy) { try await directory.resolve("dr-sara-ahmadi") }
        #expect(base.count.withLock { $0 } == 2)
        #expect(slept.withLock { $0 }.isEmpty, "a refusal waits for nothing")
    }
}
