import Foundation
import StandIns
import Testing

/// The stand-in's answers against the bundled Bot API 10.1 spec (required fields present, no
/// undocumented field, types right).
@Suite("Telegram stand-in shapes follow Bot API 10.1")
struct TelegramStandInSpecTests {
    @Test("the bundled spec subset loads and has the needed entries")
    func specLoads() throws {
        let spec = try TelegramBotAPISpec.load()
        #expect(spec.version == "Bot API 10.1")
        #expect(spec.requiredFields(of: "Update") == ["update_id"])
        #expect(spec.requiredFields(of: "Message") == ["message_id", "date", "chat"])
        #expect(spec.requiredFields(of: "User") == ["id", "is_bot", "first_name"])
        #expect(spec.requiredFields(of: "Chat") == ["id", "type"])
        #expect(spec.parameters(of: "sendMessage").isSuperset(of: ["chat_id", "text", "parse_mode", "reply_markup"]))
        #expect(spec.subtypes["ChatMember"]?.contains("ChatMemberBanned") == true)
    }

    @Test("getMe, sendMessage, editMessageText, getWebhookInfo and every injected update kind")
    func everyAnswerMatchesTheSpec() async throws {
        var validator = TelegramShapeValidator(spec: try TelegramBotAPISpec.load())
        try await withTelegramStandIn { _, client in
            validator.validate(try await client.result("getMe"), as: "User", at: "getMe")
            let sent = try await client.result(
                "sendMessage",
                [
                    "chat_id": 42, "text": "<b>Slot</b> at <i>10:30</i> <a href=\"https://www.paziresh24.com/dr/x/\">book</a>",
                    "parse_mode": "HTML", "link_preview_options": ["is_disabled": true],
                    "reply_markup": ["inline_keyboard": [[["text": "Stop", "callback_data": "stop:1"]]]],
                ])
            validator.validate(sent, as: "Message", at: "sendMessage")
            let edited = try await client.result(
                "editMessageText", ["chat_id": 42, "message_id": sent["message_id"] ?? 0, "text": "edited"])
            validator.validate(edited, as: "Message", at: "editMessageText")
            validator.validate(try await client.result("getWebhookInfo"), as: "WebhookInfo", at: "getWebhookInfo")
            _ = try await client.result(
                "setWebhook",
                [
                    "url": "https://bot.example.org/h", "allowed_updates": ["message", "callback_query", "my_chat_member"],
                ])
            validator.validate(try await client.result("getWebhookInfo"), as: "WebhookInfo", at: "getWebhookInfo(set)")
            _ = try await client.result("deleteWebhook")

            try await client.inject([
                ["chat_id": 42, "text": "/start", "first_name": "Sara", "last_name": "K", "username": "sara_k"],
                ["chat_id": 42, "text": "👍 سلام /watch@SlotHunterStandInBot dr-ali"],
                ["chat_id": 42, "sticker": true],
                ["chat_id": 42, "photo": true, "text": "a caption"],
                ["chat_id": 42, "callback_data": "stop:1"],
                ["chat_id": 43, "callback_data": "stop:9", "message_id": 77],
                ["chat_id": 42, "member_status": "kicked"],
                ["chat_id": 42, "member_status": "member"],
                ["chat_id": 42, "member_status": "left"],
                ["chat_id": -1_001_234_567_890, "user_id": 42, "text": "/help in a supergroup"],
                ["chat_id": -4_321, "user_id": 42, "text": "in a basic group"],
            ])
            let updates = try await client.result("getUpdates", ["timeout": 0])
            #expect(updates.arrayValue?.count == 11)
            validator.validate(updates, as: "Array of Update", at: "getUpdates")
        }
        #expect(validator.problems == [])
        #expect(
            validator.checkedTypes.isSuperset(of: [
                "User", "Message", "Update", "Chat", "MessageEntity", "CallbackQuery", "ChatMemberUpdated",
                "InlineKeyboardMarkup", "InlineKeyboardButton", "LinkPreviewOptions", "WebhookInfo", "Sticker",
                "PhotoSize", "ChatMemberMember", "ChatMemberBanned", "ChatMemberLeft",
            ]))
    }

    @Test("error envelopes carry the documented ResponseParameters")
    func errorEnvelopes() async throws {
        var validator = TelegramShapeValidator(spec: try TelegramBotAPISpec.load())
        try await withTelegramStandIn { _, client in
            let (unauthorizedStatus, unauthorized) = try await client.call("getMe", token: "1:wrong")
            #expect(unauthorizedStatus == 401)
            #expect(unauthorized == ["ok": false, "error_code": 401, "description": "Unauthorized"])
            _ = try await client.result("sendMessage", ["chat_id": 5, "text": "one"])
            let (status, limited) = try await client.call("sendMessage", ["chat_id": 5, "text": "two"])
            #expect(status == 429)
            #expect(limited["description"] == "Too Many Requests: retry after 1")
            validator.validate(limited["parameters"] ?? .null, as: "ResponseParameters", at: "429.parameters")
        }
        #expect(validator.problems == [])
    }
}
