import BotDomain
import BotTestSupport
import Foundation
import Localization
import Messaging
import Testing

/// Issue #14 item 5: `/subscribe <words>` searches paziresh24 by name and offers the doctors on
/// buttons; a profile link or slug still resolves directly.
@Suite("Conversation: /subscribe by name (in memory)")
struct SubscribeByNameTests {
    let fa = BotText(.persian)

    static let others: [DoctorRef] = [
        BotFixtures.doctor("dr-saeed-nourian", name: "سعید نوریان"),
        BotFixtures.doctor("dr-kamran-karimi", name: "کامران کریمی"),
    ]

    @Test("Arabic ي and ZWNJ in the words: the doctor found, name, specialty, city and earliest time on a button")
    func searchAndPick() async throws {
        let earliest = Date(timeIntervalSince1970: 1_791_300_000)
        let rig = ConversationRig(moreDoctors: Self.others, earliest: earliest)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe  سعيد\u{200C}  نوريان ")
        let offer = try #require(await rig.messenger.last(to: 1))
        #expect(offer.text == fa.chooseDoctor)
        let rows = try #require(offer.keyboard)
        #expect(rows.count == 2, "one doctor and cancel: \(rows)")
        let button = try #require(rows.first?.first)
        #expect(button.text == "دکتر سعید نوریان · قلب · تهران · اولین نوبت: " + JalaliCalendar.dateTime(earliest, language: .persian))
        let data = try #require(button.callbackData)
        #expect(data.hasPrefix("doc:"))
        #expect(rows.last?.map(\.callbackData) == ["cancel"] as [String?])

        try await rig.tap(1, data, id: "q1")
        #expect(await rig.messenger.answers.last == RecordingMessenger.Answer(id: "q1", text: nil))
        let choose = try #require(await rig.messenger.last(to: 1))
        #expect(choose.text == fa.chooseTarget(doctor: "سعید نوریان"))
        let stored = try await rig.store.saveDoctor(Self.others[0], targets: BotFixtures.targets(of: Self.others[0]))
        #expect(choose.keyboard?.map { $0.map(\.callbackData) } == stored.map { ["pick:\($0.shortId)"] } + [["cancel"]])

        // Then the existing flow: pick, confirm, subscribed.
        try await rig.tap(1, "pick:\(stored[1].shortId)")
        try await rig.tap(1, "sub:\(stored[1].shortId)")
        #expect(await rig.lastText(1)?.hasPrefix("✅ از این پس نوبت‌های خالی دکتر سعید نوریان") == true)
        #expect(await rig.watches.messages == [.requested(stored[1].target.id)])
    }

    @Test("at most 8 doctors are offered; Persian digits in the words are read as ASCII")
    func eightAtMost() async throws {
        let many = (0..<12).map { BotFixtures.doctor("dr-x-\($0)", name: "رضا \($0 % 3) نوری") }
        let rig = ConversationRig(moreDoctors: many)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe نوری")
        let offer = try #require(await rig.messenger.last(to: 1))
        #expect(offer.keyboard?.count == 8 + 1)
        try await rig.say(1, "/subscribe رضا ۱ نوری")
        let digits = try #require(await rig.messenger.last(to: 1))
        #expect(digits.keyboard?.dropLast().count == 4, "12 doctors, every third named «رضا 1 نوری»")
    }

    @Test("no doctor by that name: a reply that suggests checking the spelling or pasting the link")
    func noResult() async throws {
        let rig = ConversationRig(moreDoctors: Self.others)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe کسی که نیست")
        #expect(await rig.lastText(1) == fa.noDoctorFound)
        #expect(fa.noDoctorFound.contains("املای نام"))
        #expect(fa.noDoctorFound.contains("https://www.paziresh24.com/dr/"))
        try await rig.say(2, "/start", languageCode: "en")
        try await rig.say(2, "/subscribe nobody at all", languageCode: "en")
        #expect(await rig.lastText(2)?.hasPrefix("No doctor found by that name. Check the spelling") == true)
    }

    @Test(
        "a pasted profile link or slug still resolves directly",
        arguments: [
            "/subscribe dr-sara-ahmadi", "/subscribe https://www.paziresh24.com/dr/dr-sara-ahmadi/",
            "/subscribe paziresh24.com/dr/dr-sara-ahmadi", "https://www.paziresh24.com/dr/dr-sara-ahmadi/",
        ])
    func linkStillWorks(_ input: String) async throws {
        let rig = ConversationRig(moreDoctors: Self.others)
        try await rig.say(1, "/start")
        try await rig.say(1, input)
        #expect(await rig.lastText(1) == fa.chooseTarget(doctor: rig.doctor.displayName))
    }

    @Test("a stale or foreign doc: button answers expired; tokens belong to the chat that searched")
    func staleToken() async throws {
        let rig = ConversationRig(moreDoctors: Self.others)
        try await rig.say(1, "/start")
        try await rig.say(2, "/start")
        try await rig.say(1, "/subscribe نوریان")
        let data = try #require(await rig.messenger.last(to: 1)?.keyboard?.first?.first?.callbackData)
        try await rig.tap(2, data, id: "other")
        #expect(await rig.messenger.answers.last == RecordingMessenger.Answer(id: "other", text: fa.expired))
        try await rig.tap(1, "doc:999", id: "stale")
        #expect(await rig.messenger.answers.last == RecordingMessenger.Answer(id: "stale", text: fa.expired))
    }

    @Test("paziresh24 down during a search: the usual 'not answering' reply")
    func unavailable() async throws {
        let rig = ConversationRig(directoryFailure: .unavailable)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe سارا احمدی")
        #expect(await rig.lastText(1) == fa.sourceUnavailable)
    }
}

/// `DoctorPicks`: the bounded per-chat token map behind `doc:<token>` buttons.
@Suite("DoctorPicks")
struct DoctorPicksTests {
    @Test("tokens map back to slugs per chat; a long Persian slug never enters callback data")
    func roundTrip() {
        var picks = DoctorPicks()
        let long = String(repeating: "دکتر-", count: 30) + "0"
        let tokens = picks.remember(["a", long], chatId: 1)
        #expect(picks.slug(token: tokens[1], chatId: 1) == long)
        #expect(picks.slug(token: tokens[1], chatId: 2) == nil)
        #expect(CallbackData.doctor(token: tokens[1]).encoded.utf8.count <= CallbackData.maxBytes)
        let next = picks.remember(["b"], chatId: 1)
        #expect(next[0] > tokens[1], "a new search never reuses a token of an older one")
    }

    @Test("bounded: the oldest doctors of a chat and the least recently searching chat are forgotten")
    func bounded() {
        var picks = DoctorPicks(maxChats: 2, perChat: 3)
        let first = picks.remember(["a", "b", "c"], chatId: 1)
        let more = picks.remember(["d", "e"], chatId: 1)
        #expect(picks.slug(token: first[0], chatId: 1) == nil)
        #expect(picks.slug(token: first[2], chatId: 1) == "c")
        #expect(picks.slug(token: more[1], chatId: 1) == "e")
        _ = picks.remember(["x"], chatId: 2)
        _ = picks.remember(["y"], chatId: 3)
        #expect(picks.chatCount == 2)
        #expect(picks.slug(token: more[1], chatId: 1) == nil, "chat 1 searched least recently")
    }
}
