import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/language [fa|en]`: switch, or offer the choice on buttons.
    func languageCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        let choice = arguments.lowercased()
        guard
            let language = Language(rawValue: choice) ?? (choice == "فارسی" ? .persian : choice == "english" ? .english : nil)
        else {
            try await messenger.send(
                chatId: chatId, text: text.languageUsage,
                keyboard: [
                    [
                        .callback("فارسی", .language(.persian)), .callback("English", .language(.english)),
                    ]
                ])
            return
        }
        try await store.setLanguage(chatId: chatId, language: language)
        try await messenger.send(chatId: chatId, text: BotText(language).languageSet, keyboard: nil)
    }
}
