import BotDomain
import Foundation
import Localization
import ServiceRuntime
import Telegram

/// Sets the command menu Telegram shows when a user types `/` (`setMyCommands`), the description
/// of an empty chat (`setMyDescription`) and the profile's short description
/// (`setMyShortDescription`): Persian as the default for every language, English for clients set
/// to English. A failure is logged and retried with backoff in the background; it never stops the
/// bot, which answers commands with or without a menu.
public struct CommandMenuPublisher: Service {
    let api: any TelegramBotAPI
    let logger: Logger
    let backoff: Backoff
    let onPublished: @Sendable () -> Void

    /// Creates the publisher.
    /// - Parameters:
    ///   - backoff: the wait after each failed attempt (2 s doubling to 5 minutes by default).
    ///   - onPublished: called once the menu and descriptions are all set (tests wait on it).
    public init(
        api: any TelegramBotAPI, logger: Logger,
        backoff: Backoff = Backoff(initial: .seconds(2), max: .seconds(300), multiplier: 2, jitter: .equal),
        onPublished: @escaping @Sendable () -> Void = {}
    ) {
        self.api = api
        self.logger = logger
        self.backoff = backoff
        self.onPublished = onPublished
    }

    /// The calls, in order: for Persian (no `language_code`: the default) then English (`en`),
    /// the commands, the description and the short description.
    public static func requests() -> [Request] {
        [Language.persian, .english].flatMap { language -> [Request] in
            let code: String? = language == .persian ? nil : language.rawValue
            let text = BotText(language)
            let commands = CommandMenu.entries(language).map { BotMenuCommand(command: $0.command, description: $0.description) }
            return [
                .commands(SetMyCommandsRequest(commands: commands, languageCode: code)),
                .description(SetMyDescriptionRequest(description: text.botDescription, languageCode: code)),
                .shortDescription(SetMyShortDescriptionRequest(shortDescription: text.botShortDescription, languageCode: code)),
            ]
        }
    }

    /// One Bot API call of the publisher.
    public enum Request: Sendable, Equatable {
        /// `setMyCommands`.
        case commands(SetMyCommandsRequest)
        /// `setMyDescription`.
        case description(SetMyDescriptionRequest)
        /// `setMyShortDescription`.
        case shortDescription(SetMyShortDescriptionRequest)
    }

    /// Makes every call once; the first failure ends the attempt (they are idempotent, so a retry
    /// starts over).
    public func publish() async throws(TelegramError) {
        for request in Self.requests() {
            switch request {
            case .commands(let parameters): try await api.setMyCommands(parameters)
            case .description(let parameters): try await api.setMyDescription(parameters)
            case .shortDescription(let parameters): try await api.setMyShortDescription(parameters)
            }
        }
    }

    /// Publishes, retrying with `backoff` until it succeeds, then stays idle until shutdown (a
    /// service that returned would stop the group).
    public func run() async throws {
        var attempt = 0
        while !Task.isCancelled {
            do {
                try await publish()
                logger.info("command menu and descriptions set", ["languages": "fa (default), en"])
                onPublished()
                break
            } catch {
                if case .cancelled = error.kind { return }
                attempt += 1
                let delay = backoff.delay(attempt: attempt)
                let fields = ["error": "\(error)", "attempt": String(attempt), "retry_in_ms": String(delay.wholeMilliseconds)]
                if error.isRetriable {
                    logger.warning("could not set the command menu; retrying", fields)
                } else {
                    logger.error("Telegram refused the command menu; retrying", fields)
                }
                do { try await Task.sleep(for: delay) } catch { return }
            }
        }
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(3600)) } catch { return }
        }
    }
}
