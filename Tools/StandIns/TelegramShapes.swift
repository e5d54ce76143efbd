import Foundation

/// Builds Bot API objects in the documented shapes (field names and required fields of Bot API
/// 10.1, see Fixtures/telegram/PROVENANCE.md).
enum TelegramShapes {
    /// What the stand-in knows about a user / private chat.
    struct Person: Sendable {
        var id: Int64
        var firstName: String
        var lastName: String?
        var username: String?
        var languageCode: String?
    }

    /// The bot as a `User`; `getMe` adds the fields "returned only in getMe".
    static func botUser(id: Int64, firstName: String, username: String, forGetMe: Bool = false) -> TelegramJSON {
        var user: [String: TelegramJSON] = [
            "id": .int(id), "is_bot": true, "first_name": .string(firstName), "username": .string(username),
        ]
        if forGetMe {
            user["can_join_groups"] = true
            user["can_read_all_group_messages"] = false
            user["supports_inline_queries"] = false
            user["can_connect_to_business"] = false
            user["has_main_web_app"] = false
        }
        return .object(user)
    }

    /// A human `User`.
    static func user(_ person: Person) -> TelegramJSON {
        var user: [String: TelegramJSON] = [
            "id": .int(person.id), "is_bot": false, "first_name": .string(person.firstName),
        ]
        if let lastName = person.lastName { user["last_name"] = .string(lastName) }
        if let username = person.username { user["username"] = .string(username) }
        if let languageCode = person.languageCode { user["language_code"] = .string(languageCode) }
        return .object(user)
    }

    /// The `Chat` of a chat id: private for positive ids (named after the person), a
    /// supergroup for `-100…` ids, a basic group for other negative ids.
    static func chat(id: Int64, person: Person?) -> TelegramJSON {
        var chat: [String: TelegramJSON] = ["id": .int(id)]
        if id > 0 {
            chat["type"] = "private"
            chat["first_name"] = .string(person?.firstName ?? "User")
            if let lastName = person?.lastName { chat["last_name"] = .string(lastName) }
            if let username = person?.username { chat["username"] = .string(username) }
        } else if id <= -1_000_000_000_000 {
            chat["type"] = "supergroup"
            chat["title"] = .string("Supergroup \(-id - 1_000_000_000_000)")
        } else {
            chat["type"] = "group"
            chat["title"] = .string("Group \(-id)")
        }
        return .object(chat)
    }

    /// A `Message`.
    static func message(
        id: Int, from: TelegramJSON?, chat: TelegramJSON, date: Int64, text: String?, entities: [TelegramJSON] = [],
        extra: [String: TelegramJSON] = [:]
    ) -> TelegramJSON {
        var message: [String: TelegramJSON] = ["message_id": .int(Int64(id)), "chat": chat, "date": .int(date)]
        if let from { message["from"] = from }
        if let text { message["text"] = .string(text) }
        if !entities.isEmpty { message["entities"] = .array(entities) }
        for (key, value) in extra { message[key] = value }
        return .object(message)
    }

    /// `bot_command` entities for every `/command[@bot]` at the start of the text or after
    /// whitespace, with UTF-16 offsets and lengths as Telegram reports them.
    static func commandEntities(in text: String) -> [TelegramJSON] {
        var entities: [TelegramJSON] = []
        let scalars = Array(text.unicodeScalars)
        var utf16Offsets: [Int] = []
        var running = 0
        for scalar in scalars {
            utf16Offsets.append(running)
            running += scalar.utf16.count
        }
        utf16Offsets.append(running)
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
        }
        var index = 0
        while index < scalars.count {
            let startsWord = index == 0 || scalars[index - 1].properties.isWhitespace
            guard scalars[index] == "/", startsWord else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, end - index <= 64, isWord(scalars[end]) { end += 1 }
            guard end > index + 1 else {
                index += 1
                continue
            }
            if end < scalars.count, scalars[end] == "@" {
                var mentionEnd = end + 1
                while mentionEnd < scalars.count, isWord(scalars[mentionEnd]) { mentionEnd += 1 }
                if mentionEnd - end - 1 >= 3 { end = mentionEnd }
            }
            entities.append([
                "type": "bot_command", "offset": .int(Int64(utf16Offsets[index])),
                "length": .int(Int64(utf16Offsets[end] - utf16Offsets[index])),
            ])
            index = end
        }
        return entities
    }

    /// A `ChatMember` of status `member`, `left` or `kicked` in the documented variant shape.
    static func chatMember(status: String, user: TelegramJSON) -> TelegramJSON {
        var member: [String: TelegramJSON] = ["status": .string(status), "user": user]
        if status == "kicked" { member["until_date"] = 0 }
        return .object(member)
    }

    /// A sticker object for "the user sent a sticker" updates.
    static func sticker(seed: Int64) -> TelegramJSON {
        [
            "file_id": .string("CAACAgIAAxkBAAI\(seed)"), "file_unique_id": .string("AgAD\(seed)"),
            "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": "👍",
        ]
    }

    /// Photo sizes for "the user sent a photo" updates.
    static func photo(seed: Int64) -> TelegramJSON {
        .array(
            [(90, 67), (320, 240), (800, 600)].enumerated().map { index, size in
                [
                    "file_id": .string("AgACAgQAAxkBAAI\(seed)_\(index)"), "file_unique_id": .string("AQAD\(seed)\(index)"),
                    "width": .int(Int64(size.0)), "height": .int(Int64(size.1)), "file_size": .int(Int64(size.0 * 30)),
                ]
            })
    }

    /// `{"ok":true,"result":…}`.
    static func ok(_ result: TelegramJSON) -> TelegramJSON {
        ["ok": true, "result": result]
    }

    /// `{"ok":false,"error_code":…,"description":…[,"parameters":…]}`.
    static func error(_ code: Int, _ description: String, parameters: TelegramJSON? = nil) -> TelegramJSON {
        var body: [String: TelegramJSON] = [
            "ok": false, "error_code": .int(Int64(code)), "description": .string(description),
        ]
        if let parameters { body["parameters"] = parameters }
        return .object(body)
    }
}
