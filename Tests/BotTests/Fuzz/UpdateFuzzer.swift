import Foundation

/// Generates random and malformed Telegram updates as raw JSON, each with what the bot owes it:
/// a well-formed private message (text or not, new or edited) owes its chat exactly one reply, a
/// well-formed callback query owes exactly one answer; everything else (groups, channels, unknown
/// kinds, payloads with wrong types or missing required fields) owes nothing and must not crash
/// or stop the bot.
struct UpdateFuzzer {
    /// What the bot owes an update.
    enum Owed: Equatable {
        case reply(chat: Int64)
        case answer(queryId: String)
        case nothing
    }

    /// One generated update.
    struct Case {
        var json: String
        var owed: Owed
        var category: String
    }

    /// Private chats that only send messages (their reply counts are checked exactly).
    static let messageChats: ClosedRange<Int64> = 1_000_000_001...1_000_000_700
    /// Private chats that only tap buttons; the first half is registered before the run.
    static let callbackChats: ClosedRange<Int64> = 2_000_000_001...2_000_000_200
    /// Private chats that only block and unblock the bot.
    static let memberChats: ClosedRange<Int64> = 3_000_000_001...3_000_000_050

    var rng: SplitMix64
    private var callbackSequence = 0

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    // MARK: Random building blocks

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    /// Random Unicode: ASCII, Persian, emoji, combining marks, bidi controls, joiners, NUL and other
    /// controls, private use, noncharacters.
    mutating func unicode(length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let range: ClosedRange<UInt32> = pick([
                0x20...0x7E, 0x20...0x7E, 0x0600...0x06FF, 0x0600...0x06FF, 0x1F300...0x1FAFF, 0x0300...0x036F,
                0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x00...0x1F, 0xE000...0xF8FF, 0xFFF0...0xFFFF,
                0x10000...0x10FFF, 0x4E00...0x9FFF, 0x0590...0x05FF,
            ])
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// A string of a random length: mostly short, sometimes long, now and then huge.
    mutating func randomText() -> String {
        let roll = Double.random(in: 0..<1, using: &rng)
        // Mostly short; some long; some right at Telegram's 4,096 limit; a few huge.
        let length =
            roll < 0.86 ? int(0...40) : roll < 0.98 ? int(41...600) : roll < 0.994 ? int(4000...4200) : int(4201...12_000)
        if length > 5000, chance(0.5) { return String(repeating: pick(["a", "ن", "😀", "\u{0301}", "\u{202E}"]), count: length) }
        return unicode(length: length)
    }

    /// Any JSON value, nested up to `depth`.
    mutating func anyValue(depth: Int = 3) -> String {
        switch int(0...(depth > 0 ? 9 : 6)) {
        case 0: return "null"
        case 1: return chance(0.5) ? "true" : "false"
        case 2: return String(Int64.random(in: Int64.min...Int64.max, using: &rng))
        case 3: return pick(["0", "-1", "1.5", "-0.0", "1e300", "-2.5e-300", "4294967296", "9007199254740993"])
        case 4: return FuzzJSON.string(randomText())
        case 5: return FuzzJSON.string(pick(["", " ", "null", "true", "0", "[]", "{}", "\u{0}", "'; DROP TABLE users; --"]))
        case 6: return "[]"
        case 7: return FuzzJSON.array((0..<int(0...4)).map { _ in anyValue(depth: depth - 1) })
        case 8: return FuzzJSON.object((0..<int(0...4)).map { _ in (unicode(length: int(0...8)), anyValue(depth: depth - 1)) })
        default:
            // Deep but within what JSON decoders accept.
            let levels = int(10...40)
            return String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
        }
    }

    /// A value of the wrong type for an integer field.
    mutating func notAnInteger() -> String {
        pick(["\"123\"", "\"abc\"", "null", "1.5", "true", "[]", "{}", "[1]", "9.3e18", "-9.3e18", "\"\""])
    }

    mutating func user(id: Int64) -> String {
        var members: [(String, String)] = [("id", String(id)), ("is_bot", chance(0.95) ? "false" : "\"no\"")]
        if chance(0.9) { members.append(("first_name", chance(0.8) ? FuzzJSON.string(randomText()) : anyValue())) }
        if chance(0.5) { members.append(("username", chance(0.8) ? FuzzJSON.string(unicode(length: int(0...40))) : anyValue())) }
        if chance(0.8) {
            members.append(
                (
                    "language_code",
                    chance(0.7) ? FuzzJSON.string(pick(["fa", "en", "en-US", "ru", "", "EN", "xx-yy"])) : anyValue()
                ))
        }
        if chance(0.1) { members.append((unicode(length: int(1...10)), anyValue())) }
        return FuzzJSON.object(members)
    }

    /// A sender that is malformed in an optional way (the message still decodes).
    mutating func optionalSender(id: Int64) -> (String, String)? {
        switch int(0...9) {
        case 0: return nil
        case 1: return ("from", anyValue())
        case 2: return ("from", FuzzJSON.object([("id", notAnInteger()), ("first_name", "\"x\"")]))
        default: return ("from", user(id: id))
        }
    }

    static let commands = [
        "/start", "/help", "/status", "/unsubscribe", "/filters", "/pause", "/resume", "/stop", "/stats", "/language",
        "/subscribe", "/foo", "/START", "/start@SlotHunterTestBot", "/help@OtherBot", "/filters days", "/x",
    ]

    /// The text of a text message and its entities.
    mutating func textAndEntities() -> (String, String?) {
        switch int(0...9) {
        case 0...3:
            let command = pick(Self.commands)
            let argument: String
            switch int(0...7) {
            case 0: argument = ""
            case 1: argument = " https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"
            case 2: argument = " https://www.paziresh24.com/dr/" + unicode(length: int(0...30)) + "/"
            case 3: argument = " '; DROP TABLE users; --"
            case 4: argument = pick([" days 14", " mode online", " hours 8-20", " weekdays sat,sun", " reset", " en", " fa"])
            default: argument = " " + randomText()
            }
            let text = command + argument
            let entity = FuzzJSON.object([("type", "\"bot_command\""), ("offset", "0"), ("length", String(command.utf16.count))])
            return (text, chance(0.9) ? FuzzJSON.array([entity]) : nil)
        case 4:
            return ("https://www.paziresh24.com/dr/" + unicode(length: int(1...20)), nil)
        default:
            let text = randomText()
            guard chance(0.4) else { return (text, nil) }
            // Entities that lie: out of range, negative, wrong types, splitting surrogate pairs.
            let entities = (0..<int(1...4)).map { _ -> String in
                FuzzJSON.object([
                    ("type", chance(0.6) ? "\"bot_command\"" : anyValue(depth: 0)),
                    ("offset", chance(0.7) ? String(int(-5...(text.utf16.count + 5))) : notAnInteger()),
                    ("length", chance(0.7) ? String(int(-5...(text.utf16.count + 5))) : notAnInteger()),
                ])
            }
            return (text, chance(0.9) ? FuzzJSON.array(entities) : anyValue())
        }
    }

    /// A message with valid required fields in a private chat, whatever else it holds.
    mutating func privateMessage(chat: Int64) -> String {
        var members: [(String, String)] = [
            ("message_id", String(int(1...Int(Int32.max)))), ("date", String(int(1_600_000_000...1_900_000_000))),
            (
                "chat",
                FuzzJSON.object([
                    ("id", String(chat)), ("type", "\"private\""), ("first_name", FuzzJSON.string(unicode(length: int(0...20)))),
                ])
            ),
        ]
        if let from = optionalSender(id: chat) { members.append(from) }
        switch int(0...9) {
        case 0...5:
            let (text, entities) = textAndEntities()
            members.append(("text", FuzzJSON.string(text)))
            if let entities { members.append(("entities", entities)) }
        case 6:
            members.append(("text", pick(["123", "null", "[]", "{}", "true", "[\"/start\"]"])))  // text of the wrong type
        case 7:
            members.append(
                (
                    "sticker",
                    chance(0.7)
                        ? FuzzJSON.object([
                            ("file_id", "\"CAAC\""), ("file_unique_id", "\"u\""), ("type", "\"regular\""), ("width", "512"),
                            ("height", "512"), ("is_animated", "false"), ("is_video", "false"),
                        ]) : anyValue()
                ))
        case 8:
            members.append(
                ("photo", chance(0.7) ? "[{\"file_id\":\"A\",\"file_unique_id\":\"B\",\"width\":90,\"height\":90}]" : anyValue()))
            if chance(0.5) { members.append(("caption", FuzzJSON.string(randomText()))) }
        default:
            members.append(
                (pick(["voice", "location", "document", "contact", "poll", "dice", "new_kind_\(int(0...99))"]), anyValue()))
        }
        for _ in 0..<int(0...2) {
            members.append((pick(["reply_markup", "forward_origin", "via_bot", "edit_date", unicode(length: 6)]), anyValue()))
        }
        return FuzzJSON.object(members.shuffled(using: &rng))
    }

    /// A message whose required fields are missing or of the wrong type (undecodable).
    mutating func brokenMessage(chat: Int64) -> String {
        let chatJSON = FuzzJSON.object([("id", String(chat)), ("type", "\"private\"")])
        var members: [(String, String)] = [
            ("message_id", "1"), ("date", "1790000000"), ("chat", chatJSON), ("text", "\"/start\""),
        ]
        switch int(0...6) {
        case 0:
            let missing = pick(["message_id", "date", "chat"])
            members.removeAll { $0.0 == missing }
        case 1: members[0].1 = notAnInteger()
        case 2: members[1].1 = notAnInteger()
        case 3: members[2].1 = pick(["null", "[]", "\"chat\"", "42", "{}"])
        case 4: members[2].1 = FuzzJSON.object([("id", notAnInteger()), ("type", "\"private\"")])
        case 5: members[2].1 = FuzzJSON.object([("type", "\"private\"")])
        default: return pick(["null", "\"message\"", "42", "[]", "[{}]", "true"])
        }
        return FuzzJSON.object(members)
    }

    mutating func callback(chat: Int64) -> Case {
        callbackSequence += 1
        let id = "fz-\(callbackSequence)-\(int(0...999_999))"
        var members: [(String, String)] = [
            ("id", FuzzJSON.string(id)), ("from", user(id: chat)), ("chat_instance", FuzzJSON.string(String(int(0...1_000_000)))),
        ]
        switch int(0...9) {
        case 0: break  // inline-mode message: no message at all
        case 1:
            members.append(
                (
                    "message",
                    FuzzJSON.object([
                        ("message_id", "1"), ("date", "0"),
                        ("chat", FuzzJSON.object([("id", String(chat)), ("type", "\"private\"")])),
                    ])
                ))
        case 2: members.append(("message", anyValue()))  // unreadable message: treated as absent
        default:
            members.append(
                (
                    "message",
                    FuzzJSON.object([
                        ("message_id", String(int(1...1000))), ("date", "1790000000"),
                        ("chat", FuzzJSON.object([("id", String(chat)), ("type", "\"private\"")])), ("text", "\"choose\""),
                    ])
                ))
        }
        if chance(0.9) {
            let data: String
            switch int(0...9) {
            case 0...4:
                data =
                    pick(["pick:", "sub:", "unsub:", "flt:", "lang:", "stop:", "cancel", "cancel:"])
                    + pick([
                        "1", "2", "0", "-1", "999999999999999999999", "yes", "no", "en", "fa", "days 7", "mode online", "reset",
                        "", "x",
                    ])
            default: data = randomText()
            }
            members.append(("data", chance(0.9) ? FuzzJSON.string(data) : anyValue()))
        }
        return Case(
            json: FuzzJSON.object([("callback_query", FuzzJSON.object(members.shuffled(using: &rng)))]),
            owed: .answer(queryId: id), category: "callback")
    }

    // MARK: Cases

    /// The next case.
    mutating func next() -> Case {
        let roll = int(0...99)
        switch roll {
        case 0..<50:
            let chat = Int64.random(in: Self.messageChats, using: &rng)
            let kind = chance(0.1) ? "edited_message" : "message"
            return Case(json: FuzzJSON.object([(kind, privateMessage(chat: chat))]), owed: .reply(chat: chat), category: kind)
        case 50..<62:
            return callback(chat: Int64.random(in: Self.callbackChats, using: &rng))
        case 62..<66:
            // A callback query without the required `from` or `id`: undecodable, owed nothing.
            let members: [(String, String)] =
                chance(0.5)
                ? [("id", "\"fz-broken\""), ("chat_instance", "\"1\""), ("data", "\"cancel\"")]
                : [("id", notAnInteger()), ("from", user(id: Self.callbackChats.lowerBound)), ("data", "\"cancel\"")]
            return Case(
                json: FuzzJSON.object([("callback_query", FuzzJSON.object(members))]), owed: .nothing, category: "callback_broken"
            )
        case 66..<74:
            let chat = Int64.random(in: Self.messageChats, using: &rng)
            return Case(
                json: FuzzJSON.object([(pick(["message", "edited_message"]), brokenMessage(chat: chat))]), owed: .nothing,
                category: "message_broken")
        case 74..<80:
            // Groups, supergroups, channels and chats of unknown or missing type: no private reply owed.
            let chat = -Int64.random(in: 1...2_000_000_000_000, using: &rng)
            let type = pick(["\"group\"", "\"supergroup\"", "\"channel\"", "\"\"", "\"secret\"", "42", "null"])
            var members: [(String, String)] = [
                ("message_id", "5"), ("date", "1790000000"), ("chat", FuzzJSON.object([("id", String(chat)), ("type", type)])),
            ]
            if let from = optionalSender(id: Int64.random(in: 1...1_000_000, using: &rng)) { members.append(from) }
            let (text, entities) = textAndEntities()
            members.append(("text", FuzzJSON.string(text)))
            if let entities { members.append(("entities", entities)) }
            return Case(
                json: FuzzJSON.object([
                    (pick(["message", "edited_message", "channel_post", "edited_channel_post"]), FuzzJSON.object(members))
                ]), owed: .nothing, category: "group")
        case 80..<85:
            let chat = Int64.random(in: Self.memberChats, using: &rng)
            let change: String
            if chance(0.7) {
                let bot = FuzzJSON.object([("id", "424242"), ("is_bot", "true"), ("first_name", "\"Bot\"")])
                change = FuzzJSON.object([
                    ("chat", FuzzJSON.object([("id", String(chat)), ("type", pick(["\"private\"", "\"group\""]))])),
                    ("from", user(id: chat)), ("date", "1790000000"),
                    ("old_chat_member", FuzzJSON.object([("status", "\"member\""), ("user", bot)])),
                    (
                        "new_chat_member",
                        FuzzJSON.object([
                            ("status", FuzzJSON.string(pick(["kicked", "member", "left", "administrator", "restricted", ""]))),
                            ("user", bot),
                        ])
                    ),
                ])
            } else {
                change = anyValue()
            }
            return Case(
                json: FuzzJSON.object([(pick(["my_chat_member", "chat_member"]), change)]), owed: .nothing, category: "member")
        default:
            let kind = pick([
                "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query", "poll", "poll_answer",
                "chat_join_request", "business_message", "message_reaction", "purchased_paid_media",
                "future_kind_\(int(0...999))",
                unicode(length: int(1...12)),
            ])
            return Case(json: FuzzJSON.object([(kind, anyValue())]), owed: .nothing, category: "unknown_kind")
        }
    }
}
