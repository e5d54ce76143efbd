import Foundation
import TestSupport
import Testing

extension EndToEndSuites {
    /// Issue #13's scenario, through the three real executables, the broker, PostgreSQL and both
    /// stand-ins: after the first notice, a new slot S appears (one notice), is taken (the scraper
    /// publishes `slot.gone`) and comes back (a cancellation: a new episode) — the user hears about
    /// S twice. Before the slot lifecycle the second `slot.found` hit the ledger's old key and was
    /// silently dropped.
    @Suite("End to end: slot lifecycle", .serialized, .enabled(if: TestEnvironment.hasExecutables))
    struct SlotLifecycleEndToEndTests {
        typealias Skeleton = WalkingSkeletonTests

        @Test("a slot that is taken and comes back is announced again")
        func reopenedSlotIsAnnouncedTwice() async throws {
            try await body()
        }

        func body() async throws {
            let system = try await SystemUnderTest.start()
            var stopped = false
            defer { if !stopped { Task { await system.stop() } } }
            let starts = Skeleton.futureStarts()
            let target: [String: Any] = [
                "center_id": Skeleton.onlineCenter, "service_id": Skeleton.onlineService,
                "user_center_id": Skeleton.onlineUserCenter,
            ]
            func setSlots(_ slots: [Int], mode: String) async throws {
                var body = target
                body["slots"] = slots
                body["mode"] = mode
                _ = try await system.paziresh24Control.post("/control/slots", json: body)
            }
            try await setSlots(starts, mode: "replace")

            let bot = try system.startService("bot")
            try system.startService("scraper")
            try system.startService("notifier")
            try await bot.waitForOutput(containing: "long polling started")

            let chat: Int64 = 7_000_013
            try await system.send([["chat_id": chat, "text": "/subscribe https://www.paziresh24.com/dr/\(Skeleton.slug)/"]])
            let choice = try await system.waitForMessage(to: chat) { !buttons(of: $0).isEmpty }
            let online = try #require(buttons(of: choice).first { $0.text.contains("آنلاین") }?.data)
            try await system.send([["chat_id": chat, "callback_data": online]])
            let confirm = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("sub:") == true } }
            let subscribe = try #require(buttons(of: confirm).first { $0.data?.hasPrefix("sub:") == true }?.data)
            try await system.send([["chat_id": chat, "callback_data": subscribe]])
            _ = try await system.waitForMessage(to: chat, timeout: .seconds(90)) { Self.isNotice($0, containing: "۱۵:۰۰") }

            // S: 16:00 Tehran on the same day as the recorded slots (one hour after 15:00).
            let s = starts[0] + 3_600
            try await setSlots([s], mode: "add")
            _ = try await system.waitForMessage(to: chat, timeout: .seconds(60)) { Self.isNotice($0, containing: "۱۶:۰۰") }

            // Taken: a few successful polls (every 2 s here) miss it, so the scraper closes its episode.
            try await setSlots([s], mode: "remove")
            try await letTimePass(.seconds(8), "a few successful polls miss the taken slot")
            #expect(try await Self.notices(system, chat, containing: "۱۶:۰۰") == 1)

            // Cancelled: it comes back, a new episode, a new notice.
            try await setSlots([s], mode: "add")
            try? await eventually(within: .seconds(60), every: .milliseconds(300), "a second notice") {
                try await Self.notices(system, chat, containing: "۱۶:۰۰") >= 2
            }
            #expect(
                try await Self.notices(system, chat, containing: "۱۶:۰۰") == 2,
                "a reopened slot must be announced again\n\(system.logs())")
            // And only S: the recorded slots, still listed, are not announced again.
            #expect(try await Self.notices(system, chat, containing: "۱۵:۰۰") == 1)

            let statuses = await system.stop()
            stopped = true
            #expect(statuses.values.allSatisfy { $0 == 0 }, "graceful shutdown exit codes: \(statuses)\n\(system.logs())")
        }

        static func isNotice(_ message: [String: Any], containing time: String) -> Bool {
            guard let text = message["text"] as? String, (message["delivered"] as? Bool) == true else { return false }
            return text.contains("نوبت خالی") && text.contains(time)
        }

        static func notices(_ system: SystemUnderTest, _ chat: Int64, containing time: String) async throws -> Int {
            try await system.sent(to: chat).filter { isNotice($0, containing: time) }.count
        }
    }
}
