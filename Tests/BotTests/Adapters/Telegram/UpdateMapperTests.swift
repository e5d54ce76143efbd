import BotAdapters
import BotApp
import BotDomain
import Foundation
import Telegram
import Testing

@Suite("UpdateMapper")
struct UpdateMapperTests {
    static func decode(_ json: String) throws -> Update {
        try JSONDecoder().decode(Update.self, from: Data(json.utf8))
    }

    @Test("a private text message with its command entity")
    func textMessage() throws {
        let update = try Self.decode(
            #"{"update_id":1,"message":{"message_id":3,"date":1790000000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"مریم","username":"maryam","language_code":"fa"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}"#
        )
        #expect(
            UpdateMapper.event(for: update)
                == .message(
                    IncomingMessage(
                        chatId: 42, chatType: "private", userId: 42, username: "maryam", firstName: "مریم", languageCode: "fa",
                        content: .text("/start", entities: [.init(type: "bot_command", offset: 0, length: 6)]), isEdited: false)))
    }

    @Test("edited messages, stickers, photos, voice and unknown content")
    func otherMessages() throws {
        let edited = try Self.decode(
            #"{"update_id":1,"edited_message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"},"text":"hi"}}"#)
        guard case .message(let message) = UpdateMapper.event(for: edited) else {
            Issue.record("not a message")
            return
        }
        #expect(message.isEdited && message.userId == nil)
        for (key, kind) in [
            (
                #""sticker":{"file_id":"a","file_unique_id":"b","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false}"#,
                "sticker"
            ),
            (#""photo":[{"file_id":"a","file_unique_id":"b","width":1,"height":1}]"#, "photo"),
            (#""voice":{"file_id":"a"}"#, "voice"),
            (#""something_new":{}"#, "other"),
        ] {
            let update = try Self.decode(
                #"{"update_id":1,"message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"},"# + key + "}}")
            guard case .message(let message) = UpdateMapper.event(for: update) else {
                Issue.record("not a message")
                continue
            }
            #expect(message.content == .nonText(kind: kind))
        }
    }

    @Test("callback queries, with and without a message (the message's id comes along, for 'still free?')")
    func callbacks() throws {
        let withMessage = try Self.decode(
            #"{"update_id":1,"callback_query":{"id":"q1","from":{"id":42,"is_bot":false,"first_name":"A","language_code":"en"},"chat_instance":"1","data":"pick:3","message":{"message_id":9,"date":0,"chat":{"id":42,"type":"private"}}}}"#
        )
        #expect(
            UpdateMapper.event(for: withMessage)
                == .callback(IncomingCallback(id: "q1", chatId: 42, userId: 42, languageCode: "en", data: "pick:3", messageId: 9)))
        let inline = try Self.decode(
            #"{"update_id":1,"callback_query":{"id":"q2","from":{"id":42,"is_bot":false,"first_name":"A"},"chat_instance":"1","inline_message_id":"x"}}"#
        )
        #expect(
            UpdateMapper.event(for: inline)
                == .callback(IncomingCallback(id: "q2", chatId: nil, userId: 42, languageCode: nil, data: nil)))
    }

    @Test("my_chat_member becomes a membership change; other kinds are ignored by name")
    func membershipAndIgnored() throws {
        let kicked = try Self.decode(
            #"{"update_id":1,"my_chat_member":{"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"date":1,"old_chat_member":{"status":"member","user":{"id":7,"is_bot":true,"first_name":"B"}},"new_chat_member":{"status":"kicked","user":{"id":7,"is_bot":true,"first_name":"B"},"until_date":0}}}"#
        )
        #expect(
            UpdateMapper.event(for: kicked)
                == .membership(IncomingMembership(chatId: 42, chatType: "private", newStatus: "kicked")))
        #expect(IncomingMembership(chatId: 1, chatType: "private", newStatus: "kicked").botRemoved)
        #expect(!IncomingMembership(chatId: 1, chatType: "private", newStatus: "member").botRemoved)
        let poll = try Self.decode(#"{"update_id":1,"poll":{"id":"p"}}"#)
        #expect(UpdateMapper.event(for: poll) == .ignored(kind: "poll"))
        let channel = try Self.decode(
            #"{"update_id":1,"channel_post":{"message_id":1,"date":1,"chat":{"id":-100,"type":"channel"},"text":"/start"}}"#)
        #expect(UpdateMapper.event(for: channel) == .ignored(kind: "channel_post"))
    }
}
