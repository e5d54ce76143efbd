import Foundation
import Telegram
import Testing

@Suite("Update decoding")
struct UpdateDecodingTests {
    private func decode(_ json: String) throws -> Update {
        try JSONDecoder().decode(Update.self, from: Data(json.utf8))
    }

    @Test("a text message with a bot command and UTF-16 entity offsets")
    func textMessage() throws {
        let update = try decode(
            """
            {"update_id": 10, "message": {"message_id": 5, "date": 1760000000,
              "from": {"id": 42, "is_bot": false, "first_name": "Sara", "username": "sara", "language_code": "fa"},
              "chat": {"id": 42, "type": "private", "first_name": "Sara"},
              "text": "/watch@SlotHunterBot  دکتر-علی 👍",
              "entities": [{"type": "bot_command", "offset": 0, "length": 20}]}}
            """)
        #expect(update.updateID == 10)
        #expect(update.kind == .message)
        let message = try #require(update.message)
        #expect(message.from?.languageCode == "fa")
        #expect(message.chat.type == .private)
        #expect(message.chat.isPrivate)
        #expect(update.chat?.id == 42)
        let command = try #require(message.botCommand)
        #expect(command.name == "watch")
        #expect(command.botUsername == "SlotHunterBot")
        #expect(command.isAddressed(to: "slothunterbot"))
        #expect(!command.isAddressed(to: "OtherBot"))
        #expect(command.arguments == "دکتر-علی 👍")
    }

    @Test("entity offsets count UTF-16 code units (emoji are two)")
    func utf16Offsets() {
        let text = "👍 سلام /start now"
        let entity = MessageEntity(type: .botCommand, offset: 8, length: 6)
        #expect(entity.text(in: text) == "/start")
        #expect(MessageEntity(type: .bold, offset: 0, length: 2).text(in: text) == "👍")
        #expect(MessageEntity(type: .bold, offset: 30, length: 2).text(in: text) == nil)
    }

    @Test("a command only counts when its entity is at offset 0")
    func commandNotLeading() throws {
        let message = Message(
            messageID: 1, date: 1, chat: Chat(id: 1, type: .private), text: "hi /start",
            entities: [MessageEntity(type: .botCommand, offset: 3, length: 6)])
        #expect(message.botCommand == nil)
        let plain = Message(messageID: 1, date: 1, chat: Chat(id: 1, type: .private), text: "/start")
        #expect(plain.botCommand == nil, "no entity, no command: Telegram marks commands")
    }

    @Test("wrong types in optional fields are dropped, not fatal")
    func lenientOptionalFields() throws {
        let update = try decode(
            """
            {"update_id": 11, "message": {"message_id": 6, "date": 1760000000,
              "from": {"id": 43, "is_bot": "no", "first_name": 7, "language_code": 12},
              "chat": {"id": 43, "type": "private", "title": 5},
              "text": 123, "entities": [{"type": "bold", "offset": "x", "length": 1}, {"type": "bold", "offset": 0, "length": 1}],
              "sticker": "not an object", "reply_markup": [1, 2]}}
            """)
        let message = try #require(update.message)
        #expect(message.text == nil)
        #expect(message.entities?.count == 1)
        #expect(message.from?.id == 43)
        #expect(message.from?.languageCode == nil)
        #expect(message.sticker == nil)
        #expect(message.has("sticker"))
        #expect(message.replyMarkup == nil)
    }

    @Test("stickers and photos are recognisable")
    func media() throws {
        let update = try decode(
            """
            {"update_id": 12, "message": {"message_id": 7, "date": 1760000000, "chat": {"id": 1, "type": "private"},
              "sticker": {"file_id": "CAAC", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
                          "is_animated": false, "is_video": false, "emoji": "👍"},
              "voice": {"file_id": "v", "file_unique_id": "u", "duration": 3}}}
            """)
        let message = try #require(update.message)
        #expect(message.sticker?.emoji == "👍")
        #expect(message.has("voice"))
        #expect(message.text == nil)
        #expect(message.photo == nil)
    }

    @Test("unknown update kinds decode and are identifiable")
    func unknownKinds() throws {
        let inline = try decode(#"{"update_id": 13, "inline_query": {"id": "q", "query": "x"}}"#)
        #expect(inline.kind.rawValue == "inline_query")
        #expect(!inline.kind.isModelled)
        #expect(inline.message == nil)
        let future = try decode(#"{"update_id": 14, "brand_new_kind": {"anything": [1, 2, 3]}}"#)
        #expect(future.kind == Update.Kind(rawValue: "brand_new_kind"))
        let empty = try decode(#"{"update_id": 15}"#)
        #expect(empty.kind == .empty)
    }

    @Test("callback queries, including on inaccessible messages")
    func callbackQuery() throws {
        let update = try decode(
            """
            {"update_id": 16, "callback_query": {"id": "4382", "chat_instance": "-5",
              "from": {"id": 9, "is_bot": false, "first_name": "A"}, "data": "cancel:17",
              "message": {"message_id": 3, "date": 0, "chat": {"id": 9, "type": "private"}}}}
            """)
        #expect(update.kind == .callbackQuery)
        let query = try #require(update.callbackQuery)
        #expect(query.data == "cancel:17")
        #expect(query.message?.isInaccessible == true)
        #expect(update.chat?.id == 9)
    }

    @Test("my_chat_member kicked means the user blocked the bot")
    func blocked() throws {
        let update = try decode(
            """
            {"update_id": 17, "my_chat_member": {"chat": {"id": 9, "type": "private"},
              "from": {"id": 9, "is_bot": false, "first_name": "A"}, "date": 1760000000,
              "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "Bot"}},
              "new_chat_member": {"status": "kicked", "user": {"id": 1, "is_bot": true, "first_name": "Bot"}, "until_date": 0}}}
            """)
        #expect(update.kind == .myChatMember)
        #expect(update.myChatMember?.newChatMember.isGone == true)
    }

    @Test("a modelled payload that is broken makes the update fail (so the batch can flag it)")
    func brokenPayload() {
        #expect(throws: DecodingError.self) {
            try decode(#"{"update_id": 18, "message": {"message_id": 1, "date": 1}}"#)
        }
    }

    @Test("keyboards encode with the documented names and skip nil actions")
    func keyboardEncoding() throws {
        let markup = InlineKeyboardMarkup([[.callback("Cancel", data: "cancel:1"), .url("Book", "https://www.paziresh24.com/dr/x/")]])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(markup), as: UTF8.self)
        #expect(
            json
                == #"{"inline_keyboard":[[{"callback_data":"cancel:1","text":"Cancel"},{"text":"Book","url":"https://www.paziresh24.com/dr/x/"}]]}"#
        )
        #expect(try JSONDecoder().decode(InlineKeyboardMarkup.self, from: Data(json.utf8)) == markup)
    }

    @Test("HTML and MarkdownV2 escaping")
    func escaping() {
        #expect(ParseMode.escapeHTML("Dr. <Ali> & \"Co\"") == "Dr. &lt;Ali&gt; &amp; &quot;Co&quot;")
        #expect(ParseMode.escapeMarkdownV2("1.5-2 (ok)!") == #"1\.5\-2 \(ok\)\!"#)
    }
}
