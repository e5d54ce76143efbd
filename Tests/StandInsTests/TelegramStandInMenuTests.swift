import Foundation
import StandIns
import Testing

/// setMyCommands, setMyDescription, setMyShortDescription and sendMessage's reply keyboards,
/// checked against Bot API 10.1 as the stand-in's other methods are.
@Suite("Telegram stand-in: command menu, descriptions and reply keyboards")
struct TelegramStandInMenuTests {
    @Test("the bundled spec documents the menu methods and the reply keyboard types")
    func specHasTheEntries() throws {
        let spec = try TelegramBotAPISpec.load()
        #expect(spec.parameters(of: "setMyCommands") == ["commands", "scope", "language_code"])
        #expect(spec.parameters(of: "setMyDescription") == ["description", "language_code"])
        #expect(spec.parameters(of: "setMyShortDescription") == ["short_description", "language_code"])
        #expect(spec.requiredFields(of: "BotCommand") == ["command", "description"])
        #expect(spec.requiredFields(of: "ReplyKeyboardMarkup") == ["keyboard"])
        #expect(spec.requiredFields(of: "KeyboardButton") == ["text"])
        #expect(spec.requiredFields(of: "ReplyKeyboardRemove") == ["remove_keyboard"])
    }

    @Test("menus and descriptions are kept per language and shown by the control API")
    func menusPerLanguage() async throws {
        try await withTelegramStandIn { standIn, client in
            _ = try await client.result("setMyCommands", ["commands": [["command": "start", "description": "شروع"]]])
            _ = try await client.result(
                "setMyCommands", ["commands": [["command": "start", "description": "Start"]], "language_code": "en"])
            _ = try await client.result("setMyDescription", ["description": "توضیح"])
            _ = try await client.result("setMyShortDescription", ["short_description": "Short", "language_code": "en"])
            let (status, commands) = try await client.get("control/commands")
            #expect(status == 200)
            #expect(
                commands["result"]
                    == [
                        "default": [["command": "start", "description": "شروع"]],
                        "en": [["command": "start", "description": "Start"]],
                    ])
            let (_, descriptions) = try await client.get("control/descriptions")
            #expect(
                descriptions["result"]
                    == ["description": ["default": "توضیح"], "short_description": ["en": "Short"]])
            #expect(await standIn.commandMenus()["en"]?.arrayValue?.count == 1)
            // An empty text removes the language's description, as documented.
            _ = try await client.result("setMyDescription", ["description": ""])
            #expect(await standIn.botDescriptions()["description"] == [:])
        }
    }

    /// One refused call: the method and its parameters.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var method: String
        var parameters: TelegramJSON
        var testDescription: String { method + " " + String(decoding: parameters.encoded().prefix(80), as: UTF8.self) }
    }

    static let refusals: [Refusal] = {
        let long = String(repeating: "x", count: 257)
        let command: (String, String) -> TelegramJSON = { name, description in
            ["command": .string(name), "description": .string(description)]
        }
        var list: [Refusal] = []
        list.append(Refusal(method: "setMyCommands", parameters: ["language_code": "en"]))
        for (name, description) in [("Start", "x"), ("", "x"), (String(repeating: "a", count: 33), "x"), ("start", ""), ("start", long)] {
            list.append(Refusal(method: "setMyCommands", parameters: ["commands": [command(name, description)]]))
        }
        list.append(Refusal(method: "setMyCommands", parameters: ["commands": [command("start", "x")], "language_code": "eng"]))
        let tooMany = TelegramJSON.array(Array(repeating: command("a", "x"), count: 101))
        list.append(Refusal(method: "setMyCommands", parameters: ["commands": tooMany]))
        list.append(Refusal(method: "setMyDescription", parameters: ["description": .string(String(repeating: "x", count: 513))]))
        list.append(
            Refusal(method: "setMyShortDescription", parameters: ["short_description": .string(String(repeating: "x", count: 121))]))
        list.append(Refusal(method: "setMyShortDescription", parameters: ["short_description": "x", "language_code": "EN"]))
        return list
    }()

    @Test("malformed menu parameters are refused with 400", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        try await withTelegramStandIn { standIn, client in
            let (status, body) = try await client.call(refusal.method, refusal.parameters)
            #expect(status == 400, "\(refusal.testDescription)")
            #expect(body["description"]?.stringValue?.hasPrefix("Bad Request: ") == true)
            #expect(await standIn.commandMenus() == [:])
        }
    }

    @Test("the longest valid values pass")
    func limits() async throws {
        try await withTelegramStandIn { _, client in
            _ = try await client.result(
                "setMyCommands",
                [
                    "commands": [
                        [
                            "command": .string("a_1" + String(repeating: "z", count: 29)),
                            "description": .string(String(repeating: "د", count: 256)),
                        ]
                    ],
                    "language_code": "fa",
                ])
            _ = try await client.result("setMyDescription", ["description": .string(String(repeating: "x", count: 512))])
            _ = try await client.result("setMyShortDescription", ["short_description": .string(String(repeating: "x", count: 120))])
        }
    }

    @Test("sendMessage takes a reply keyboard and its removal, checks them, and echoes neither")
    func replyKeyboards() async throws {
        var validator = TelegramShapeValidator(spec: try TelegramBotAPISpec.load())
        let keyboard: TelegramJSON = [
            "keyboard": [[["text": "➕ دنبال کردن پزشک"], ["text": "📋 فهرست من"]], [["text": "بستن منو"]]],
            "is_persistent": true, "resize_keyboard": true, "input_field_placeholder": "یک گزینه را بزنید",
        ]
        validator.validate(keyboard, as: "ReplyKeyboardMarkup", at: "keyboard")
        validator.validate(["remove_keyboard": true], as: "ReplyKeyboardRemove", at: "remove")
        #expect(validator.problems == [])
        try await withTelegramStandIn { _, client in
            let shown = try await client.result("sendMessage", ["chat_id": 42, "text": "menu", "reply_markup": keyboard])
            #expect(shown["reply_markup"] == nil)
            let plain = try await client.result(
                "sendMessage", ["chat_id": 43, "text": "menu", "reply_markup": ["keyboard": [["a", "b"]]]])
            #expect(plain["text"] == "menu")
            _ = try await client.result("sendMessage", ["chat_id": 44, "text": "bye", "reply_markup": ["remove_keyboard": true]])
            for bad: TelegramJSON in [
                ["keyboard": "a"], ["keyboard": [["text": "a"]]], ["keyboard": [[["text": ""]]]], ["keyboard": [[["txt": "a"]]]],
                ["keyboard": [["a"]], "resize_keyboard": "yes"], ["keyboard": [["a"]], "input_field_placeholder": ""],
                ["remove_keyboard": false], ["something": true],
            ] {
                let (status, _) = try await client.call("sendMessage", ["chat_id": 45, "text": "x", "reply_markup": bad])
                #expect(status == 400, "\(bad)")
            }
        }
    }
}
