import Foundation
import StandIns
import Testing

@Suite("Telegram stand-in behaviour")
struct TelegramStandInTests {
    @Test("defaults follow the Bots FAQ limits")
    func defaults() {
        let configuration = TelegramStandInConfiguration()
        #expect(configuration.globalLimit == 30 && configuration.globalWindowSeconds == 1)
        #expect(configuration.perChatLimit == 1 && configuration.perChatWindowSeconds == 1)
        #expect(configuration.groupLimit == 20 && configuration.groupWindowSeconds == 60)
        #expect(configuration.rateLimitsEnabled)
    }

    @Test("getUpdates honours offset (confirmation), negative offset and limit")
    func offsetsAndLimit() async throws {
        try await withTelegramStandIn { standIn, client in
            let ids = try await client.inject((1...5).map { ["chat_id": 9, "text": .string("m\($0)")] })
            #expect(ids == [100_000_001, 100_000_002, 100_000_003, 100_000_004, 100_000_005])
            let two = try await client.result("getUpdates", ["limit": 2])
            #expect(two.arrayValue?.compactMap { $0["update_id"]?.int64Value } == Array(ids[0..<2]))
            let afterTwo = try await client.result("getUpdates", ["offset": .int(ids[1] + 1)])
            #expect(afterTwo.arrayValue?.count == 3)
            #expect(await standIn.pendingUpdates().count == 3, "the first two were confirmed")
            let lastOne = try await client.result("getUpdates", ["offset": -1])
            #expect(lastOne.arrayValue?.compactMap { $0["update_id"]?.int64Value } == [ids[4]])
            #expect(try await client.result("getUpdates", ["offset": .int(ids[4] + 1)]) == [])
        }
    }

    @Test("a long poll waits for injected updates; a newer poll terminates the older with 409")
    func longPollAndConflict() async throws {
        try await withTelegramStandIn { _, client in
            let older = Task { try await client.call("getUpdates", ["timeout": 20]) }
            try await Task.sleep(for: .milliseconds(300))
            let newer = Task { try await client.call("getUpdates", ["timeout": 20]) }
            let (olderStatus, olderBody) = try await older.value
            #expect(olderStatus == 409)
            #expect(
                olderBody["description"]
                    == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            try await Task.sleep(for: .milliseconds(200))
            try await client.inject([["chat_id": 1, "text": "wake up"]])
            let (newerStatus, newerBody) = try await newer.value
            #expect(newerStatus == 200)
            #expect(newerBody["result"]?.arrayValue?.first?["message"]?["text"] == "wake up")
        }
    }

    @Test("allowed_updates filters kinds and is remembered")
    func allowedUpdates() async throws {
        try await withTelegramStandIn { _, client in
            try await client.inject([
                ["chat_id": 1, "text": "a message"], ["chat_id": 1, "callback_data": "x"],
                ["update_id": 5, "chat_member": ["note": "not delivered by default"]],
            ])
            let onlyCallbacks = try await client.result("getUpdates", ["allowed_updates": ["callback_query"]])
            #expect(onlyCallbacks.arrayValue?.count == 1)
            #expect(onlyCallbacks.arrayValue?.first?["callback_query"] != nil)
            try await client.inject([["chat_id": 1, "text": "dropped too"], ["chat_id": 1, "callback_data": "y"]])
            let remembered = try await client.result("getUpdates")
            #expect(remembered.arrayValue?.count == 2, "the first callback (unconfirmed) and the new one")
            #expect(remembered.arrayValue?.allSatisfy { $0["callback_query"] != nil } == true)
        }
    }

    @Test("default allowed updates skip chat_member")
    func defaultAllowed() async throws {
        try await withTelegramStandIn { _, client in
            try await client.inject([["update_id": 5, "chat_member": ["x": 1]], ["chat_id": 1, "text": "kept"]])
            let updates = try await client.result("getUpdates")
            #expect(updates.arrayValue?.count == 1)
            #expect(updates.arrayValue?.first?["message"]?["text"] == "kept")
        }
    }

    @Test("shorthand messages get bot_command entities with UTF-16 offsets")
    func commandEntities() async throws {
        try await withTelegramStandIn { _, client in
            try await client.inject([["chat_id": 2, "text": "👍 سلام /watch@SlotHunterStandInBot dr /x"]])
            let message = try await client.result("getUpdates").arrayValue?.first?["message"]
            #expect(
                message?["entities"]
                    == [
                        ["type": "bot_command", "offset": 8, "length": 27],
                        ["type": "bot_command", "offset": 39, "length": 2],
                    ])
            #expect(message?["from"]?["language_code"] == "fa")
            #expect(message?["chat"]?["type"] == "private")
        }
    }

    @Test("one message per window per chat, sliding window (default window 1 s)")
    func perChatLimit() async throws {
        try await withTelegramStandIn { standIn, client in
            #expect(await standIn.configuration().perChatWindowSeconds == 1, "Telegram's FAQ: one message per second per chat")
            // A 4 s window makes the check independent of how loaded the machine is; the rule is the same.
            var configuration = await standIn.configuration()
            configuration.perChatWindowSeconds = 4
            await standIn.configure(configuration)
            #expect(try await client.call("sendMessage", ["chat_id": 5, "text": "1"]).0 == 200)
            let (status, body) = try await client.call("sendMessage", ["chat_id": 5, "text": "2"])
            #expect(status == 429)
            let retryAfter = Int(body["parameters"]?["retry_after"]?.int64Value ?? 0)
            #expect((1...4).contains(retryAfter))
            #expect(try await client.call("sendMessage", ["chat_id": 6, "text": "other chat"]).0 == 200)
            try await Task.sleep(for: .milliseconds(retryAfter * 1000 + 100))
            #expect(try await client.call("sendMessage", ["chat_id": 5, "text": "3"]).0 == 200)
        }
    }

    @Test("30 messages per window overall; refused calls don't count")
    func globalLimit() async throws {
        try await withTelegramStandIn { standIn, client in
            var configuration = TelegramStandInConfiguration()
            configuration.globalWindowSeconds = 10  // same rule, wide enough not to depend on machine speed
            await standIn.configure(configuration)
            for chat in 1...30 {
                #expect(try await client.call("sendMessage", ["chat_id": .int(Int64(chat)), "text": "bulk"]).0 == 200)
            }
            let (status, body) = try await client.call("sendMessage", ["chat_id": 31, "text": "one too many"])
            #expect(status == 429)
            let wait = body["parameters"]?["retry_after"]?.int64Value ?? 0
            #expect((1...10).contains(wait))
            #expect(try await client.call("sendMessage", ["chat_id": 32, "text": "still too many"]).0 == 429)
            let delivered = await standIn.sentMessages().filter(\.delivered).count
            #expect(delivered == 30)
        }
    }

    @Test("20 messages per minute to a group")
    func groupLimit() async throws {
        try await withTelegramStandIn { standIn, client in
            var configuration = TelegramStandInConfiguration()
            configuration.perChatLimit = 100  // only the group rule applies to negative ids anyway
            await standIn.configure(configuration)
            for index in 1...20 {
                #expect(try await client.call("sendMessage", ["chat_id": -100, "text": .string("g\(index)")]).0 == 200)
            }
            let (status, body) = try await client.call("sendMessage", ["chat_id": -100, "text": "21st"])
            #expect(status == 429)
            #expect((50...60).contains(body["parameters"]?["retry_after"]?.int64Value ?? 0))
        }
    }

    @Test("403 for blocked chats, 400 for unknown chats and bad input")
    func refusals() async throws {
        try await withTelegramStandIn { standIn, client in
            var configuration = TelegramStandInConfiguration()
            configuration.forbiddenChats = [13]
            configuration.unknownChats = [14]
            await standIn.configure(configuration)
            let cases: [(TelegramJSON, Int, String)] = [
                (["chat_id": 13, "text": "x"], 403, "Forbidden: bot was blocked by the user"),
                (["chat_id": 14, "text": "x"], 400, "Bad Request: chat not found"),
                (["text": "x"], 400, "Bad Request: chat_id is empty"),
                (["chat_id": 1], 400, "Bad Request: message text is empty"),
                (["chat_id": 1, "text": "   "], 400, "Bad Request: message text is empty"),
                (["chat_id": 1, "text": .string(String(repeating: "a", count: 4097))], 400, "Bad Request: message is too long"),
                (["chat_id": 1, "text": "x", "parse_mode": "HTML2"], 400, "Bad Request: unsupported parse_mode"),
                (
                    ["chat_id": 1, "text": "<b>x", "parse_mode": "HTML"], 400,
                    "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
                ),
                (
                    ["chat_id": 1, "text": "<foo>x</foo>", "parse_mode": "HTML"], 400,
                    "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 0"
                ),
                (
                    ["chat_id": 1, "text": "Dr. Ali", "parse_mode": "MarkdownV2"], 400,
                    "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
                ),
                (
                    [
                        "chat_id": 1, "text": "x",
                        "reply_markup": [
                            "inline_keyboard": [[["text": "b", "callback_data": .string(String(repeating: "d", count: 65))]]]
                        ],
                    ],
                    400, "Bad Request: BUTTON_DATA_INVALID"
                ),
            ]
            for (parameters, expectedStatus, expectedDescription) in cases {
                let (status, body) = try await client.call("sendMessage", parameters)
                #expect(status == expectedStatus, "\(parameters)")
                #expect(body["description"]?.stringValue == expectedDescription)
                #expect(body["error_code"]?.int64Value == Int64(expectedStatus))
            }
            #expect(try await client.call("noSuchMethod").0 == 404)
            #expect(await standIn.sentMessages().allSatisfy { !$0.delivered })
        }
    }

    @Test("formatted text: HTML entities, MarkdownV2 escapes, whitespace trimmed")
    func formattedText() async throws {
        try await withTelegramStandIn { _, client in
            let html = try await client.result(
                "sendMessage",
                [
                    "chat_id": 1, "text": "  <b>a</b> &lt;b&gt; &amp; <pre><code class=\"language-swift\">let x</code></pre>\n",
                    "parse_mode": "HTML",
                ])
            #expect(html["text"] == "a <b> & let x")
            #expect(
                html["entities"]
                    == [["type": "bold", "offset": 0, "length": 1], ["type": "pre", "offset": 8, "length": 5, "language": "swift"]])
            let markdown = try await client.result(
                "sendMessage", ["chat_id": 2, "text": "*Dr\\. Ali* [book](https://x.y/a.b) `a.b`", "parse_mode": "MarkdownV2"])
            #expect(markdown["text"] == "Dr. Ali book a.b")
        }
    }

    @Test("form-encoded and query parameters work, with reply_markup as JSON text")
    func formParameters() async throws {
        try await withTelegramStandIn { _, client in
            let markup = #"{"inline_keyboard":[[{"text":"ok","callback_data":"ok"}]]}"#
            let encoded = markup.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let (status, body) = try await client.callForm("sendMessage", "chat_id=11&text=hi+there&reply_markup=\(encoded)")
            #expect(status == 200)
            #expect(body["result"]?["text"] == "hi there")
            #expect(body["result"]?["reply_markup"]?["inline_keyboard"]?.arrayValue?.count == 1)
            let (getStatus, getBody) = try await client.get("bot\(client.token)/getMe")
            #expect(getStatus == 200)
            #expect(getBody["result"]?["is_bot"] == true)
        }
    }

    @Test("faults: 5xx with a count, HTML proxy pages, injected 429, hangs")
    func faults() async throws {
        try await withTelegramStandIn { _, client in
            let (configStatus, _) = try await client.post(
                "control/config",
                json: [
                    "faults": [
                        ["method": "sendMessage", "status": 500, "count": 2],
                        ["method": "getMe", "status": 502, "html": true, "count": 1],
                        ["method": "getWebhookInfo", "status": 429, "retry_after": 7, "count": 1],
                        ["method": "deleteWebhook", "hang_seconds": 1.0, "count": 1],
                    ]
                ])
            #expect(configStatus == 200)
            #expect(try await client.call("sendMessage", ["chat_id": 1, "text": "x"]).0 == 500)
            #expect(try await client.call("sendMessage", ["chat_id": 1, "text": "x"]).0 == 500)
            #expect(try await client.call("sendMessage", ["chat_id": 1, "text": "x"]).0 == 200)
            let (proxyStatus, proxyBody) = try await client.call("getMe")
            #expect(proxyStatus == 502)
            #expect(proxyBody.stringValue?.contains("<center>nginx</center>") == true)
            let (limitedStatus, limited) = try await client.call("getWebhookInfo")
            #expect(limitedStatus == 429)
            #expect(limited["parameters"]?["retry_after"] == 7)
            let started = ContinuousClock.now
            #expect(try await client.call("deleteWebhook").0 == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            let (_, config) = try await client.get("control/config")
            #expect(config["result"]?["faults"] == [])
        }
    }

    @Test("control API: sent, log, config validation, reset")
    func controlAPI() async throws {
        try await withTelegramStandIn { standIn, client in
            var configuration = await standIn.configuration()
            configuration.perChatWindowSeconds = 5  // "too soon" must be too soon even on a busy machine
            await standIn.configure(configuration)
            _ = try await client.result("sendMessage", ["chat_id": 21, "text": "<i>hello</i>", "parse_mode": "HTML"])
            _ = try await client.call("sendMessage", ["chat_id": 21, "text": "too soon"])
            _ = try await client.result("sendMessage", ["chat_id": 22, "text": "other"])
            let (_, sent) = try await client.get("control/sent")
            #expect(sent["result"]?.arrayValue?.count == 3)
            let first = sent["result"]?.arrayValue?.first
            #expect(first?["text"] == "<i>hello</i>")
            #expect(first?["delivered_text"] == "hello")
            #expect(first?["delivered"] == true)
            #expect(first?["message_id"] == 1)
            #expect(first?["time"]?.stringValue?.hasSuffix("Z") == true)
            let (_, forChat) = try await client.get("control/sent?chat_id=21&delivered=true")
            #expect(forChat["result"]?.arrayValue?.count == 1)
            let (_, log) = try await client.get("control/log?method=sendmessage")
            #expect(log["result"]?.arrayValue?.map { $0["status"] } == [200, 429, 200])
            #expect(log["result"]?.arrayValue?.map { $0["chat_id"] } == [21, 21, 22])

            let (badStatus, bad) = try await client.post("control/config", json: ["global_limt": 5])
            #expect(badStatus == 400)
            #expect(bad["description"]?.stringValue?.contains("global_limt") == true)
            let (mergedStatus, merged) = try await client.post("control/config", json: ["per_chat_limit": 3])
            #expect(mergedStatus == 200)
            #expect(merged["result"]?["per_chat_limit"] == 3)
            #expect(merged["result"]?["global_limit"] == 30)

            let (resetStatus, _) = try await client.post("control/reset", json: [:])
            #expect(resetStatus == 200)
            #expect(try await client.get("control/sent").1["result"] == [])
            #expect(try await client.get("control/log").1["result"] == [])
            #expect(try await client.get("control/config").1["result"]?["per_chat_limit"] == 1)
            #expect(try await client.inject([["chat_id": 1, "text": "x"]]) == [100_000_001])
        }
    }

    @Test("injecting invalid updates is refused whole")
    func invalidInjection() async throws {
        try await withTelegramStandIn { standIn, client in
            let (status, body) = try await client.post("control/updates", json: [["chat_id": 1, "text": "ok"], 5])
            #expect(status == 400)
            #expect(body["description"]?.stringValue?.contains("element 1") == true)
            let (twoKinds, _) = try await client.post(
                "control/updates", json: [["message": ["message_id": 1], "callback_query": ["id": "x"]]])
            #expect(twoKinds == 400)
            #expect(await standIn.pendingUpdates().isEmpty)
        }
    }

    @Test(
        "the telegram-standin executable prints READY and serves",
        .enabled(if: ProcessInfo.processInfo.environment["SLOTHUNTER_BIN_DIR"] != nil))
    func executable() async throws {
        let binDir = try #require(ProcessInfo.processInfo.environment["SLOTHUNTER_BIN_DIR"])
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("tg-standin-\(UUID().uuidString).port")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binDir).appendingPathComponent("telegram-standin")
        process.arguments = ["--port", "0", "--token", "77:exe-token", "--port-file", portFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: portFile)
        }
        // Reading the pipe blocks: do it on a Dispatch thread, not on the cooperative pool.
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: String(decoding: output.fileHandleForReading.availableData, as: UTF8.self))
            }
        }
        #expect(line.hasPrefix("READY http://127.0.0.1:"))
        let port = try #require(Int(try String(contentsOf: portFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(line.trimmingCharacters(in: .whitespacesAndNewlines) == "READY http://127.0.0.1:\(port)")
        let client = TelegramStandInHTTPClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "77:exe-token")
        #expect(try await client.result("getMe")["id"] == 77)
    }
}
