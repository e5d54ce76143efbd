import Localization

/// What the bot says about filters: for all subscriptions (`/filters`) and for one of them (its
/// «⚙️ فیلتر» button or `/filters <id> …`).
public enum FilterMessage: UserMessage {
    /// Which visits a filter lets through.
    public enum Mode: Sendable, Hashable {
        /// Online visits only.
        case online
        /// In-person visits only.
        case inPerson
        /// Both.
        case any
    }

    /// How to change the filters.
    case usage
    /// Filter arguments that make no sense.
    case invalid
    /// Filters were changed.
    case saved
    /// A filter change without any subscription to apply it to.
    case noSubscriptions
    /// A quick-choice button: the next N days.
    case daysButton(Int)
    /// A quick-choice button: online, in person or both.
    case modeButton(Mode)
    /// A quick-choice button: back to the defaults.
    case resetButton
    /// One line describing a subscription's filters; `weekdays` is a bitmask of JavaScript
    /// weekdays (bit 0 = Sunday).
    case summary(days: Int, mode: Mode, hourFrom: Int, hourTo: Int, weekdays: Int)
    /// The inline button under a subscription in `/status`, numbered as the list (`⚙️ فیلتر ۲`).
    case subscriptionButton(number: Int)
    /// The header of one subscription's filters.
    case subscriptionHeader(doctor: String, target: String)
    /// How to change one subscription's filters by typing (`id` is the subscription's).
    case subscriptionUsage(id: Int64)
    /// A per-subscription change was saved.
    case subscriptionSaved
    /// The subscription is not (or no longer) the user's.
    case subscriptionNotFound

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }

    /// The weekdays of a mask (0 = Sunday), or nil when it holds all seven.
    static func selectedWeekdays(_ mask: Int) -> [Int]? {
        let selected = (0..<7).filter { mask & (1 << $0) != 0 }
        return selected.count == 7 ? nil : selected
    }
}
