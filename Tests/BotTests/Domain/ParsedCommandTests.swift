import BotAdapters
import BotApp
import BotDomain
import Testing

@Suite("ParsedCommand")
struct ParsedCommandTests {
    static func parse(
        _ text: String, offset: Int = 0, length: Int? = nil, type: String = "bot_command", bot: String? = "SlotHunterBot"
    )
        -> ParsedCommand?
    {
        let commandLength = length ?? (text.split(separator: " ", maxSplits: 1).first.map { $0.utf16.count } ?? 0)
        return ParsedCommand.parse(text: text, entities: [(type, offset, commandLength)], botUsername: bot)
    }

    @Test("a command at the start, lower-cased, with its trimmed arguments")
    func basic() {
        #expect(Self.parse("/start") == ParsedCommand(name: "start", arguments: ""))
        #expect(
            Self.parse("/Subscribe   https://www.paziresh24.com/dr/x/  \n")
                == ParsedCommand(name: "subscribe", arguments: "https://www.paziresh24.com/dr/x/"))
        #expect(Self.parse("/filters days ۱۴") == ParsedCommand(name: "filters", arguments: "days ۱۴"))
    }

    @Test("@botname: ours is accepted in any case, another bot's is not for us, unknown username accepts any")
    func botName() {
        #expect(Self.parse("/help@SlotHunterBot")?.name == "help")
        #expect(Self.parse("/help@slothunterbot extra")?.arguments == "extra")
        #expect(Self.parse("/help@OtherBot") == nil)
        #expect(Self.parse("/help@OtherBot", bot: nil)?.name == "help")
    }

    @Test("only a bot_command entity at offset 0 counts")
    func entityPlacement() {
        #expect(Self.parse("/start", type: "bold") == nil)
        #expect(ParsedCommand.parse(text: "hi /start", entities: [("bot_command", 3, 6)], botUsername: nil) == nil)
        #expect(ParsedCommand.parse(text: "/start", entities: [], botUsername: nil) == nil)
    }

    @Test("lying entities never crash: out of range, negative, zero, inside a surrogate pair or a grapheme")
    func malformedEntities() {
        #expect(Self.parse("/x", length: 50) == nil)
        #expect(Self.parse("/x", length: -3) == nil)
        #expect(Self.parse("/x", length: 0) == nil)
        #expect(Self.parse("/", length: 1) == nil)
        #expect(Self.parse("/😀", length: 2) == nil)  // ends between the two UTF-16 units of the emoji
        _ = Self.parse("/e\u{301}x", length: 2)  // ends inside "é": no crash, whatever it decides
        #expect(Self.parse("/😀a", length: 3)?.name == "😀")
        #expect(ParsedCommand.parse(text: "", entities: [("bot_command", 0, 1)], botUsername: nil) == nil)
    }

    @Test("offsets count UTF-16 code units, as Telegram does")
    func utf16() {
        let text = "/سلام دنیا"
        #expect(
            ParsedCommand.parse(text: text, entities: [("bot_command", 0, 5)], botUsername: nil)
                == ParsedCommand(name: "سلام", arguments: "دنیا"))
    }
}
