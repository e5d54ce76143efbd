import BotDomain
import BotTestSupport
import Foundation
import Localization
import Testing

/// `/start` shows the main keyboard; `/menu` brings it back, «بستن منو» takes it away; every
/// button does exactly what its command does.
@Suite("Conversation: the main keyboard")
struct MainKeyboardConversationTests {
    @Test("/start: the welcome with the keyboard in the user's language", arguments: [("fa", Language.persian), ("en", .english)])
    func startShowsTheKeyboard(code: String, language: Language) async throws {
        let rig = ConversationRig()
        try await rig.say(1, "/start", languageCode: code)
        let sent = try #require(await rig.messenger.last(to: 1))
        #expect(sent.text == BotText(language).welcome)
        #expect(sent.replyKeyboard == MainKeyboard.keyboard(BotText(language)))
        #expect(sent.keyboard == nil)
    }

    @Test("«بستن منو» / Hide menu removes it, /menu brings it back", arguments: [("fa", Language.persian), ("en", .english)])
    func hideAndShow(code: String, language: Language) async throws {
        let rig = ConversationRig()
        let text = BotText(language)
        try await rig.say(1, "/start", languageCode: code)
        try await rig.say(1, text.menuButton(.hide), languageCode: code)
        #expect(await rig.messenger.last(to: 1) == .init(chatId: 1, text: text.menuHidden, keyboard: nil, replyKeyboard: .remove))
        try await rig.say(1, "/menu", languageCode: code)
        #expect(
            await rig.messenger.last(to: 1)
                == .init(chatId: 1, text: text.menuShown, keyboard: nil, replyKeyboard: MainKeyboard.keyboard(text)))
        try await rig.say(1, "/menu off", languageCode: code)
        #expect(await rig.messenger.last(to: 1)?.replyKeyboard == .remove)
    }

    @Test(
        "each button's reply is its command's reply, in either language",
        arguments: [("fa", Language.persian), ("en", .english)])
    func buttonsEqualCommands(code: String, language: Language) async throws {
        let text = BotText(language)
        for action in MainKeyboard.Action.allCases {
            let command = action.command
            let typed = "/" + command.name + (command.arguments.isEmpty ? "" : " " + command.arguments)
            // The same state for both: a user with one subscription, so /status and /filters show something.
            func replies(to input: String) async throws -> [RecordingMessenger.Sent] {
                let rig = ConversationRig()
                try await rig.say(1, "/start", languageCode: code)
                try await rig.tap(1, CallbackData.subscribe(shortId: try await rig.savedShortId()).encoded)
                let before = await rig.messenger.sent.count
                try await rig.say(1, input, languageCode: code)
                return Array(await rig.messenger.sent.dropFirst(before))
            }
            let viaButton = try await replies(to: text.menuButton(action))
            let viaCommand = try await replies(to: typed)
            #expect(!viaButton.isEmpty)
            #expect(viaButton == viaCommand, "\(action)")
            #expect(viaButton.first?.text != text.freeText)
        }
    }
}

extension ConversationRig {
    /// Saves the rig's first target and returns its short id (what a `sub:` button carries).
    func savedShortId() async throws -> Int64 {
        try await store.saveDoctor(doctor, targets: targets)[0].shortId
    }
}
