import Foundation
import Localization

/// A parsed `/filters …` request.
public enum FilterCommand: Sendable, Equatable {
    /// Show the filters and how to change them.
    case show
    /// Only slots in the next N days (1…90).
    case days(Int)
    /// Online, in person or both.
    case mode(SubscriptionMode)
    /// Tehran hours [from, to).
    case hours(from: Int, to: Int)
    /// Bitmask of JavaScript weekdays (0 = Sunday).
    case weekdays(Int)
    /// Back to the defaults.
    case reset

    /// Parses the arguments of `/filters`; `nil` when they make no sense.
    public static func parse(_ arguments: String) -> FilterCommand? {
        let words = FilterInput.normalize(arguments).split(separator: " ").map(String.init)
        guard let first = words.first else { return .show }
        let rest = words.dropFirst().joined(separator: " ")
        switch first {
        case "days", "روز":
            guard let days = Int(rest), (1...90).contains(days) else { return nil }
            return .days(days)
        case "mode", "نوع":
            switch rest {
            case "online", "آنلاین": return .mode(.online)
            case "inperson", "in_person", "in-person", "in person", "حضوری": return .mode(.inPerson)
            case "any", "all", "هردو", "همه": return .mode(.any)
            default: return nil
            }
        case "hours", "ساعت", "ساعات":
            guard let window = FilterInput.hourWindow(rest) else { return nil }
            return .hours(from: window.from, to: window.to)
        case "weekdays", "روزها", "روزهای":
            if rest == "all" || rest == "همه" { return .weekdays(127) }
            var mask = 0
            for name in FilterInput.weekdayWords(rest) {
                guard let day = weekdayIndex[name] else { return nil }
                mask |= 1 << day
            }
            return mask == 0 ? nil : .weekdays(mask)
        case "reset", "بازنشانی", "پیشفرض":
            return rest.isEmpty ? .reset : nil
        default:
            return nil
        }
    }

    /// The arguments of `/filters` that parse back to this change (what a quick-choice button carries).
    public var arguments: String {
        switch self {
        case .show: return ""
        case .days(let days): return "days \(days)"
        case .mode(.online): return "mode online"
        case .mode(.inPerson): return "mode inperson"
        case .mode(.any): return "mode any"
        case .hours(let from, let to): return "hours \(from)-\(to)"
        case .weekdays(let mask):
            return "weekdays " + (0..<7).filter { mask & (1 << $0) != 0 }.map { Self.weekdayNames[$0] }.joined(separator: ",")
        case .reset: return "reset"
        }
    }

    static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Weekday names as `FilterInput` leaves them (no ZWNJ, Persian yeh and kaf, two-word names joined).
    static let weekdayIndex: [String: Int] = [
        "sun": 0, "sunday": 0, "یکشنبه": 0, "یک_شنبه": 0,
        "mon": 1, "monday": 1, "دوشنبه": 1, "دو_شنبه": 1,
        "tue": 2, "tuesday": 2, "سهشنبه": 2, "سه_شنبه": 2,
        "wed": 3, "wednesday": 3, "چهارشنبه": 3, "چهار_شنبه": 3,
        "thu": 4, "thursday": 4, "پنجشنبه": 4, "پنج_شنبه": 4,
        "fri": 5, "friday": 5, "جمعه": 5, "آدینه": 5,
        "sat": 6, "saturday": 6, "شنبه": 6,
    ]
}
