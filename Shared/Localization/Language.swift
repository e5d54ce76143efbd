/// The languages the bot speaks: Persian first, English as the fallback.
public enum Language: String, Sendable, Codable, CaseIterable {
    /// Persian (فارسی), the default.
    case persian = "fa"
    /// English, for users whose Telegram `language_code` is not Persian-speaking... and who ask for it.
    case english = "en"

    /// Chooses from Telegram's `language_code`: English only when the client says English; Persian otherwise.
    public static func from(languageCode: String?) -> Language {
        guard let code = languageCode?.lowercased() else { return .persian }
        return code.hasPrefix("en") ? .english : .persian
    }
}
