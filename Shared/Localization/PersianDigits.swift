/// Converts ASCII digits to Persian digits (۰۱۲۳۴۵۶۷۸۹) and back.
public enum PersianDigits {
    private static let persian: [Character] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"]

    /// `"15:30"` → `"۱۵:۳۰"`.
    public static func persianize(_ text: String) -> String {
        String(
            text.map { char -> Character in
                if let ascii = char.asciiValue, ascii >= 48, ascii <= 57 { return persian[Int(ascii - 48)] }
                return char
            })
    }

    /// Persian and Arabic-Indic digits → ASCII, so users may type either.
    public static func asciify(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                switch scalar.value {
                case 0x06F0...0x06F9: return Character(UnicodeScalar(scalar.value - 0x06F0 + 48)!)
                case 0x0660...0x0669: return Character(UnicodeScalar(scalar.value - 0x0660 + 48)!)
                default: return Character(scalar)
                }
            })
    }
}
