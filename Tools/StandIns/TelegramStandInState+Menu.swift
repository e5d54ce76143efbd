/// setMyCommands, setMyDescription and setMyShortDescription, checked against Bot API 10.1 (see
/// Fixtures/telegram/PROVENANCE.md), and what they set for the control API.
extension TelegramStandInState {
    static let maxCommands = 100
    static let maxDescriptionLength = 512
    static let maxShortDescriptionLength = 120
    static let knownScopes: Set<String> = [
        "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators",
        "chat_member",
    ]

    func setMyCommands(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        guard let commands = parameters["commands"]?.jsonValue?.arrayValue else {
            return .badRequest("can't parse commands JSON object")
        }
        guard commands.count <= Self.maxCommands else { return .badRequest("BOT_COMMANDS_TOO_MUCH") }
        for command in commands {
            guard let name = command["command"]?.stringValue, (1...32).contains(name.count),
                name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else { return .badRequest("BOT_COMMAND_INVALID") }
            guard let description = command["description"]?.stringValue, (1...256).contains(description.count) else {
                return .badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
            }
        }
        if let scope = parameters["scope"], scope != .null {
            guard let type = scope.jsonValue?["type"]?.stringValue, Self.knownScopes.contains(type) else {
                return .badRequest("can't parse BotCommandScope JSON object")
            }
            // Only the default scope is kept (it is the one the control API shows).
            guard type == "default" else { return .ok(true) }
        }
        let language: String
        switch languageCode(parameters) {
        case .success(let code): language = code
        case .failure(let failure): return failure.answer
        }
        menus[language] = .array(commands.map { ["command": $0["command"] ?? .null, "description": $0["description"] ?? .null] })
        return .ok(true)
    }

    func setMyDescription(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        let text = parameters["description"]?.stringValue ?? ""
        guard text.count <= Self.maxDescriptionLength else { return .badRequest("BOT_ABOUT_INVALID") }
        switch languageCode(parameters) {
        case .success(let language): descriptions[language] = text.isEmpty ? nil : text
        case .failure(let failure): return failure.answer
        }
        return .ok(true)
    }

    func setMyShortDescription(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        let text = parameters["short_description"]?.stringValue ?? ""
        guard text.count <= Self.maxShortDescriptionLength else { return .badRequest("BOT_SHORT_DESCRIPTION_INVALID") }
        switch languageCode(parameters) {
        case .success(let language): shortDescriptions[language] = text.isEmpty ? nil : text
        case .failure(let failure): return failure.answer
        }
        return .ok(true)
    }

    /// `{"default": [BotCommand], "en": [...]}`: the menus set, by language (`GET /control/commands`).
    func commandMenus() -> TelegramJSON {
        .object(Dictionary(uniqueKeysWithValues: menus.map { (Self.controlKey($0.key), $0.value) }))
    }

    /// `{"description": {"default": …}, "short_description": {…}}` (`GET /control/descriptions`).
    func botDescriptions() -> TelegramJSON {
        func byLanguage(_ texts: [String: String]) -> TelegramJSON {
            .object(Dictionary(uniqueKeysWithValues: texts.map { (Self.controlKey($0.key), TelegramJSON.string($0.value)) }))
        }
        return ["description": byLanguage(descriptions), "short_description": byLanguage(shortDescriptions)]
    }

    private static func controlKey(_ language: String) -> String { language.isEmpty ? "default" : language }

    /// `language_code`: absent or empty for the default, else two letters (ISO 639-1).
    private func languageCode(_ parameters: [String: TelegramJSON]) -> Result<String, AnswerFailure> {
        guard let raw = parameters["language_code"], raw != .null else { return .success("") }
        guard let code = raw.stringValue else { return .failure(AnswerFailure(.badRequest("LANG_CODE_INVALID"))) }
        guard code.isEmpty || (code.count == 2 && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }) else {
            return .failure(AnswerFailure(.badRequest("LANG_CODE_INVALID")))
        }
        return .success(code)
    }
}
