import BotAdapters
import BotDomain
import Foundation
import Localization
import ServiceRuntime
import StandIns
import Telegram
import Testing

/// The `/` menu and the descriptions, set on the Telegram stand-in (which checks them against Bot
/// API 10.1), retried in the background when Telegram fails.
@Suite("CommandMenuPublisher")
struct CommandMenuPublisherTests {
    /// Runs the publisher against a fresh stand-in with `faults`; returns once it published (or
    /// throws after a bounded wait), with the stand-in and the log lines.
    private func publish(
        faults: [TelegramStandInFault] = [], _ check: (TelegramStandIn, [String]) async throws -> Void
    ) async throws {
        let standIn = TelegramStandIn(token: "777:MENU-test", botUsername: "SlotHunterMenuBot")
        try standIn.start()
        defer { standIn.stop() }
        var configuration = await standIn.configuration()
        configuration.faults = faults
        await standIn.configure(configuration)
        let logs = LogBuffer()
        let logger = Logger(service: "bot", instance: "menu-tests", level: .debug, sink: .buffer(logs))
        let (published, signal) = AsyncStream<Void>.makeStream()
        let publisher = CommandMenuPublisher(
            api: TelegramClient(token: "777:MENU-test", baseURL: standIn.baseURL), logger: logger,
            backoff: Backoff(initial: .milliseconds(10), max: .milliseconds(40), multiplier: 2, jitter: .none),
            onPublished: { signal.yield() })
        let running = Task { try await publisher.run() }
        let timeout = Task {
            try await Task.sleep(for: .seconds(20))
            signal.finish()
        }
        var iterator = published.makeAsyncIterator()
        let done: Void? = await iterator.next()
        timeout.cancel()
        #expect(done != nil, "the menu was not published within 20 s: \(logs.lines.suffix(5))")
        try await check(standIn, logs.lines)
        // Idle after publishing, it stops on cancellation, as every service does.
        running.cancel()
        try await running.value
    }

    @Test("Persian is the default menu, English the `en` one; both descriptions in both languages")
    func menusAndDescriptions() async throws {
        try await publish { standIn, _ in
            func entries(_ language: Language) -> TelegramJSON {
                .array(CommandMenu.entries(language).map { ["command": .string($0.command), "description": .string($0.description)] })
            }
            let menus = await standIn.commandMenus()
            #expect(menus == ["default": entries(.persian), "en": entries(.english)])
            #expect(menus["default"]?.arrayValue?.first?["description"] == "شروع و منوی اصلی")
            let descriptions = await standIn.botDescriptions()
            #expect(
                descriptions
                    == [
                        "description": [
                            "default": .string(BotText(.persian).botDescription), "en": .string(BotText(.english).botDescription),
                        ],
                        "short_description": [
                            "default": .string(BotText(.persian).botShortDescription),
                            "en": .string(BotText(.english).botShortDescription),
                        ],
                    ])
            let calls = await standIn.callLog().map(\.method)
            #expect(
                calls == [
                    "setMyCommands", "setMyDescription", "setMyShortDescription", "setMyCommands", "setMyDescription",
                    "setMyShortDescription",
                ])
        }
    }

    @Test("failures (a 502 twice, then a refusal) are logged and retried with backoff, never fatal")
    func retriedInTheBackground() async throws {
        let faults = [
            TelegramStandInFault(method: "setMyCommands", status: 502, count: 2),
            TelegramStandInFault(method: "setMyShortDescription", status: 400, description: "Bad Request: try later", count: 1),
        ]
        try await publish(faults: faults) { standIn, lines in
            #expect(await standIn.commandMenus()["en"] != nil)
            #expect(lines.filter { $0.contains("could not set the command menu; retrying") }.count == 2)
            #expect(lines.filter { $0.contains("Telegram refused the command menu; retrying") }.count == 1)
            #expect(lines.contains { $0.contains("command menu and descriptions set") })
            #expect(!lines.contains { $0.contains("777:MENU-test") }, "the token is never logged")
        }
    }
}
