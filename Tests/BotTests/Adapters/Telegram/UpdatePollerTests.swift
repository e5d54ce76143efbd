import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import StandIns
import Telegram
import TestSupport
import Testing

/// Long polling against the stand-in: deleteWebhook first, offsets, one poller only (409), shutdown.
@Suite("UpdatePoller", .enabled(if: BotHarness.isEnabled))
struct UpdatePollerTests {
    @Test("deleteWebhook first, then getUpdates with offset = last update_id + 1, a long timeout and the wanted kinds")
    func pollingShape() async throws {
        try await withBot { bot in
            let first = try await bot.telegram.injectUpdates([["chat_id": 7001, "text": "/help"]])
            _ = try await bot.waitForReplies(to: 7001, after: 0, count: 1)
            let second = try await bot.telegram.injectUpdates([["chat_id": 7001, "text": "/start"]])
            _ = try await bot.waitForReplies(to: 7001, after: 1, count: 1)
            try await bot.waitUntil("the second update is confirmed") { await bot.telegram.pendingUpdates().isEmpty }
            let log = await bot.telegram.callLog()
            #expect(log.first?.method == "deleteWebhook")
            let polls = log.filter { $0.method == "getUpdates" }
            #expect(polls.first?.parameters["offset"] == nil || polls.first?.parameters["offset"] == .null)
            #expect(polls.allSatisfy { $0.parameters["timeout"]?.int64Value == 5 && $0.parameters["limit"]?.int64Value == 100 })
            let offsets = polls.compactMap { $0.parameters["offset"]?.int64Value }
            #expect(offsets.contains(try #require(first.first) + 1))
            // The call confirming the second one is the long poll in progress (the log records answered calls).
            #expect(try #require(second.first) > #require(first.first))
            #expect(offsets == offsets.sorted(), "offsets never go back")
            let kinds = polls.first?.parameters["allowed_updates"]?.arrayValue?.compactMap(\.stringValue)
            #expect(kinds == ["message", "edited_message", "callback_query", "my_chat_member"])
        }
    }

    @Test("another poller on the same token makes this one exit with AnotherInstanceIsPolling (409)")
    func conflictExits() async throws {
        try await withBot { bot in
            try await bot.expectReply(7002, "/help", BotText(.persian).help)  // polling for sure
            let rival = TelegramClient(
                configuration: TelegramConfiguration(
                    token: botTestToken, baseURL: bot.telegram.baseURL, requestTimeout: .seconds(5)))
            let poller = try #require(bot.poller)
            // The rival's long poll makes the stand-in answer the older request (ours) with 409, as Telegram does.
            let rivalPoll = Task { try? await rival.getUpdates(timeout: 3) }
            let outcome = await poller.value
            rivalPoll.cancel()
            let error = try #require(outcome as? UpdatePoller.AnotherInstanceIsPolling)
            #expect(error.description.contains("exactly one instance"))
            #expect(error.telegramDescription.contains("terminated by other getUpdates request"))
            #expect(bot.logs.lines.contains { $0.contains("\"level\":\"critical\"") && $0.contains("409 Conflict") })
        }
    }

    @Test("two pollers: the older one exits, the newer one goes on answering")
    func secondInstance() async throws {
        try await withBot { bot in
            try await bot.expectReply(7003, "/help", BotText(.persian).help)
            let second = UpdatePoller(api: bot.api, dispatcher: bot.dispatcher, logger: bot.logger, longPollSeconds: 5)
            let secondRun = Task { try await second.run() }
            let firstOutcome = try await #require(bot.poller).value
            #expect(firstOutcome is UpdatePoller.AnotherInstanceIsPolling)
            try await bot.expectReply(7003, "/start", BotText(.persian).welcome)
            secondRun.cancel()
            try await secondRun.value
        }
    }

    @Test("shutdown cuts the long poll at once, finishes the update in hand and confirms it")
    func shutdown() async throws {
        let bot = try await BotHarness.start(longPollSeconds: 25)
        do {
            try await bot.expectReply(7004, "/help", BotText(.persian).help)
            try await Task.sleep(for: .milliseconds(200))  // back in a 25 s long poll
            let started = ContinuousClock.now
            let poller = try #require(bot.poller)
            poller.cancel()
            let outcome = await poller.value
            #expect(outcome == nil, "a clean stop: \(String(describing: outcome))")
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(await bot.telegram.pendingUpdates().isEmpty, "the last batch was confirmed")
            let confirmation = await bot.telegram.callLog().last {
                $0.method == "getUpdates" && $0.parameters["timeout"]?.int64Value == 0
            }
            #expect(confirmation != nil, "a final short getUpdates confirmed the offset")
        } catch {
            await bot.stop()
            throw error
        }
        await bot.stop()
    }

    @Test("a rejected token (401) ends the poller with the error instead of retrying forever")
    func rejectedToken() async throws {
        try await withBot(poll: false) { bot in
            let wrong = TelegramClient(
                configuration: TelegramConfiguration(token: "1:WRONG", baseURL: bot.telegram.baseURL, requestTimeout: .seconds(5))
            )
            var configuration = await bot.telegram.configuration()
            // deleteWebhook passes, then the token "stops working" (as after /revoke).
            configuration.faults = [TelegramStandInFault(method: "getUpdates", status: 401)]
            await bot.telegram.configure(configuration)
            let poller = UpdatePoller(api: bot.api, dispatcher: bot.dispatcher, logger: bot.logger, longPollSeconds: 1)
            await #expect(throws: TelegramError.self) { try await poller.run() }
            #expect(bot.logs.lines.contains { $0.contains("Telegram rejected the bot token; exiting") })
            // With a wrong token from the start, deleteWebhook fails the same way (after a few tries).
            let early = UpdatePoller(api: wrong, dispatcher: bot.dispatcher, logger: bot.logger, longPollSeconds: 1)
            await #expect(throws: TelegramError.self) { try await early.run() }
        }
    }

    @Test("a failing getUpdates (5xx, HTML, timeout-ish) is retried, not fatal")
    func transientFailures() async throws {
        try await withBot { bot in
            var configuration = await bot.telegram.configuration()
            configuration.faults = [
                TelegramStandInFault(method: "getUpdates", status: 502, html: true, count: 1),
                TelegramStandInFault(method: "getUpdates", status: 500, count: 1),
            ]
            await bot.telegram.configure(configuration)
            try await bot.expectReply(7005, "/help", BotText(.persian).help)
            #expect(bot.logs.lines.contains { $0.contains("getUpdates failed; retrying") })
            try await bot.expectReply(7005, "/start", BotText(.persian).welcome)
        }
    }
}
