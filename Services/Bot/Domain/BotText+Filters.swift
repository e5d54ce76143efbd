import Localization
import UserTexts

/// The filter texts of `BotText`: for all subscriptions (`/filters`) and for one of them.
extension BotText {
    /// How to change the filters.
    public var filtersUsage: String { say(FilterMessage.usage) }
    /// Filter arguments that make no sense.
    public var filtersInvalid: String { say(FilterMessage.invalid) }
    /// Filters were changed.
    public var filtersSaved: String { say(FilterMessage.saved) }
    /// A filter change without any subscription to apply it to.
    public var filtersNoSubscriptions: String { say(FilterMessage.noSubscriptions) }

    /// A `/filters` button: the next N days.
    public func filterDaysButton(_ days: Int) -> String { say(FilterMessage.daysButton(days)) }

    /// A `/filters` button: online, in person or both.
    public func filterModeButton(_ mode: SubscriptionMode) -> String { say(FilterMessage.modeButton(mode.textMode)) }

    /// A `/filters` button: back to the defaults.
    public var filterResetButton: String { say(FilterMessage.resetButton) }

    /// One line describing a subscription's filters.
    public func filtersSummary(days: Int, mode: SubscriptionMode, hourFrom: Int, hourTo: Int, weekdays: Int) -> String {
        say(FilterMessage.summary(days: days, mode: mode.textMode, hourFrom: hourFrom, hourTo: hourTo, weekdays: weekdays))
    }

    /// The label of the filter button for the subscription numbered `number` in `/status` (`⚙️ فیلتر ۲`).
    public func subscriptionFilterButton(number: Int) -> String { say(FilterMessage.subscriptionButton(number: number)) }

    /// The number in front of a subscription in `/status` (`۲.`), matching its filter button.
    public func listNumber(_ number: Int) -> String { say(SubscriptionMessage.listNumber(number)) }

    /// The header of one subscription's filters.
    public func subscriptionFiltersHeader(doctor: String, target: String) -> String {
        say(FilterMessage.subscriptionHeader(doctor: doctor, target: target))
    }

    /// How to change one subscription's filters by typing (`id` is the subscription's).
    public func subscriptionFiltersUsage(id: Int64) -> String { say(FilterMessage.subscriptionUsage(id: id)) }

    /// A per-subscription change was saved.
    public var subscriptionFiltersSaved: String { say(FilterMessage.subscriptionSaved) }

    /// The subscription is not (or no longer) the user's.
    public var subscriptionNotFound: String { say(FilterMessage.subscriptionNotFound) }
}

extension SubscriptionMode {
    /// The key argument the filter texts take.
    var textMode: FilterMessage.Mode {
        switch self {
        case .online: .online
        case .inPerson: .inPerson
        case .any: .any
        }
    }
}
