import Localization
import UserTexts

/// Checks shared by every area's suite.
enum TextProperties {
    /// Telegram's limit on a message's text, in UTF-16 code units after entity parsing; plain text here.
    static let telegramMessageLimit = 4096

    /// A number no catalogue writes by itself, so finding its digits proves the argument was rendered.
    static let number = 987_654
    static let persianNumber = "۹۸۷۶۵۴"
    static let asciiNumber = "987654"

    /// A doctor name as long as paziresh24's longest display names, and longer.
    static let longName = String(repeating: "سید محمدحسین ", count: 20)

    /// Whether `text` has a letter of the Arabic script (Persian).
    static func hasArabicScript(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
    }
}
