import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/language [fa|en]`: switch, or offer the choice on buttons.
    func languageCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        // What a user may type is an input rule, not a text: it stays here with the parsing.
        let choice = arguments.lowercased()
        guard
            let language = Language(rawValue: choice) ?? (choice == "فارسی" ? .persian : choice == "english" ? .english : nil)
        else {
            try await messenger.send(
                chatId: chatId, text: text.languageUsage,
                keyboard: [
                    [
                        .callback(text.languageName(.persian), .language(.persian)),
                        .callback(text.languageName(.english), .language(.english)),
                    ]
                ])
            return
        }
        try await store.setLanguage(chatId: chatId, language: language)
        try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
    }
}
