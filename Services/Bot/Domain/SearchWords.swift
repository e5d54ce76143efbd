import Localization

/// The words of `/subscribe <words>` as sent to paziresh24's search: one spelling for what
/// Persian keyboards type differently.
///
/// Arabic yeh and kaf (ي U+064A, ى U+0649, ك U+0643) become Persian ی and ک; Persian and
/// Arabic-Indic digits become ASCII; the zero-width non-joiner becomes a space, while the other
/// invisible joiners, control characters, the tatweel (ـ) and Arabic short vowels (fatha …
/// sukun) are dropped; runs
/// of whitespace become one space, trimmed at both ends. Latin letters are left as typed.
public enum SearchWords {
    /// The longest text sent (paziresh24's own client allows 100 characters).
    public static let maxLength = 100

    /// `text` normalised as above, cut to `maxLength` characters at a word boundary where possible.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in PersianDigits.asciify(text).unicodeScalars {
            let mapped: Unicode.Scalar?
            switch scalar.value {
            case 0x064A, 0x0649: mapped = "\u{06CC}"
            case 0x0643: mapped = "\u{06A9}"
            case 0x200C: mapped = " "
            case 0x200B, 0x200D, 0x2060, 0xFEFF, 0x0640, 0x064B...0x0652: mapped = nil
            default:
                if scalar.properties.isWhitespace {
                    mapped = " "
                } else {
                    mapped = scalar.properties.generalCategory == .control ? nil : scalar
                }
            }
            guard let mapped else { continue }
            if mapped == " " {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(mapped)
        }
        let normalized = String(scalars)
        guard normalized.count > maxLength else { return normalized }
        let cut = normalized.prefix(maxLength)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) }
        return String(cut)
    }
}
