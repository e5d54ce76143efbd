import Foundation
import Testing

@testable import BotAdapters
import BotApp
@testable import BotDomain

@Suite("Bot internals")
struct InternalsTests {
    @Test("messages are cut to Telegram's limit in UTF-16 units, on a character boundary")
    func fitting() {
        #expect(TelegramBotMessenger.fitting("short", limit: 4096) == "short")
        let emoji = String(repeating: "😀", count: 3000)  // 6,000 UTF-16 units
        let cut = TelegramBotMessenger.fitting(emoji, limit: 4096)
        #expect(cut.utf16.count <= 4096)
        #expect(cut.hasSuffix(" …"))
        #expect(cut.dropLast(2).allSatisfy { $0 == "😀" })
        let exact = String(repeating: "a", count: 4096)
        #expect(TelegramBotMessenger.fitting(exact, limit: 4096) == exact)
    }

    @Test("the webhook secret comparison")
    func secretComparison() {
        #expect(WebhookReceiver.constantTimeEquals("abc", "abc"))
        #expect(!WebhookReceiver.constantTimeEquals("abc", "abd"))
        #expect(!WebhookReceiver.constantTimeEquals("abc", "abcd"))
        #expect(!WebhookReceiver.constantTimeEquals("", "a"))
    }

    @Test("recent webhook update ids: duplicates are refused, the oldest is forgotten at capacity")
    func recentUpdateIDs() {
        let recent = RecentUpdateIDs(capacity: 3)
        #expect(recent.insert(1))
        #expect(!recent.insert(1))
        #expect(recent.insert(2))
        #expect(recent.insert(3))
        #expect(recent.insert(4))  // forgets 1
        #expect(recent.count == 3)
        #expect(!recent.insert(4))
        #expect(!recent.insert(2))
        #expect(recent.insert(1), "1 fell out of the window")
        #expect(recent.insert(2), "…and 2 after it")
    }

    @Test("a pasted doctor page is recognised without /subscribe; other text is not")
    func profileLinks() {
        #expect(Conversation.looksLikeProfileLink("https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"))
        #expect(Conversation.looksLikeProfileLink("  paziresh24.com/dr/x  "))
        #expect(!Conversation.looksLikeProfileLink("see https://www.paziresh24.com/dr/x/ please"))
        #expect(!Conversation.looksLikeProfileLink("hello"))
        #expect(!Conversation.looksLikeProfileLink("https://example.com/dr/x"))
    }

    @Test("values stored from users: NUL replaced (also inside a grapheme), long names cut")
    func storable() {
        #expect(PostgresBotStore.storable("Robert'); DROP TABLE users;--") == "Robert'); DROP TABLE users;--")
        #expect(PostgresBotStore.storable("a\u{0}b") == "a\u{FFFD}b")
        #expect(PostgresBotStore.storable("\u{0}\u{301}") == "\u{FFFD}\u{301}")
        #expect(PostgresBotStore.storable(String(repeating: "ن", count: 1000)).unicodeScalars.count == 256)
        #expect(PostgresBotStore.storable(nil) == "")
    }

    @Test("chat lanes: one chat in order, chats in parallel, bounded, drained")
    func chatLanes() async {
        let log = LaneLog()
        let lanes = ChatLanes<(Int64, Int)>(capacity: 4) { item in
            if item.0 == 1 { try? await Task.sleep(for: .milliseconds(300)) }  // a slow chat
            await log.append(item)
        }
        await lanes.enqueue((0..<10).map { (chat: 1, item: (Int64(1), $0)) })
        await lanes.enqueueAndWait((0..<5).map { (chat: 2, item: (Int64(2), $0)) })
        // Chat 2 finished while chat 1 (slow, and queued first) still had work.
        let early = await log.items
        #expect(early.filter { $0.0 == 2 }.map(\.1) == [0, 1, 2, 3, 4])
        #expect(early.filter { $0.0 == 1 }.count < 10)
        await lanes.waitUntilIdle()
        #expect(await lanes.count == 0)
        #expect(await log.items.filter { $0.0 == 1 }.map(\.1) == Array(0..<10))
    }
}

actor LaneLog {
    var items: [(Int64, Int)] = []
    func append(_ item: (Int64, Int)) { items.append(item) }
}
