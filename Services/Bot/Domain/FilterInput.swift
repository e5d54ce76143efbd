import Localization

/// What people type into filters, made comparable: Persian and Arabic-Indic digits become ASCII
/// (`۱۸:۳۰`, `١٨:٣٠` → `18:30`), Arabic yeh and kaf become their Persian forms (`ي` → `ی`, `ك` → `ک`),
/// zero-width (non-)joiners go (`سه‌شنبه` → `سهشنبه`), the Arabic comma becomes `,`, any run of
/// whitespace one space, and Latin letters lower case.
public enum FilterInput {
    /// The normalised text.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in PersianDigits.asciify(text).unicodeScalars {
            let mapped: Unicode.Scalar?
            switch scalar.value {
            case 0x064A, 0x0649: mapped = "\u{06CC}"  // Arabic yeh, alef maksura → Persian yeh
            case 0x0643: mapped = "\u{06A9}"  // Arabic kaf → Persian keheh
            case 0x200C, 0x200D, 0x200B, 0xFEFF: mapped = nil  // ZWNJ, ZWJ, zero-width space, BOM
            case 0x060C: mapped = ","  // Arabic comma
            default: mapped = scalar
            }
            guard let mapped else { continue }
            if mapped.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(mapped)
        }
        return String(scalars).lowercased()
    }

    /// Weekday words of normalised input, with the two-word Persian spellings joined
    /// (`سه شنبه` → `سهشنبه`, `پنج شنبه` → `پنجشنبه`).
    static func weekdayWords(_ normalized: String) -> [String] {
        let words = normalized.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        var joined: [String] = []
        var index = 0
        while index < words.count {
            if compoundPrefixes.contains(words[index]), index + 1 < words.count, words[index + 1] == "شنبه" {
                joined.append(words[index] + "شنبه")
                index += 2
            } else {
                joined.append(words[index])
                index += 1
            }
        }
        return joined
    }

    static let compoundPrefixes: Set<String> = ["یک", "دو", "سه", "چهار", "پنج"]

    /// A time window of normalised input: `18-22`, `18:30-22`, `۸ تا ۲۰`, `8 to 20`, `18–22`, as
    /// whole Tehran hours [from, to). Minutes widen the window to whole hours (`18:30-21:15` →
    /// 18-22), so no slot the user asked for is filtered out; nil when it makes no sense.
    static func hourWindow(_ normalized: String) -> (from: Int, to: Int)? {
        var text = normalized
        for separator in [" تا ", "تا", " to ", "–", "—", "~"] { text = text.replacingOccurrences(of: separator, with: "-") }
        text = text.replacingOccurrences(of: " ", with: "")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let start = clock(parts[0]), let end = clock(parts[1]),
            start.hour * 60 + start.minute < end.hour * 60 + end.minute
        else { return nil }
        let from = start.hour
        let to = end.minute > 0 ? end.hour + 1 : end.hour
        guard (0...23).contains(from), (1...24).contains(to), from < to else { return nil }
        return (from, to)
    }

    /// `18`, `18:30` or `24:00` as (hour, minute).
    private static func clock(_ text: String) -> (hour: Int, minute: Int)? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
            let hour = Int(pieces[0]), (0...24).contains(hour)
        else { return nil }
        let minute = pieces.count == 2 ? Int(pieces[1]) : 0
        guard let minute, (0...59).contains(minute), pieces.count == 1 || pieces[1].count == 2, hour < 24 || minute == 0 else {
            return nil
        }
        return (hour, minute)
    }
}
