/// The filters of a subscription: which free slots are worth a notice.
public struct WatchFilters: Sendable, Equatable {
    /// Only slots in the next N days.
    public var windowDays: Int
    /// Online, in person or both.
    public var mode: SubscriptionMode
    /// First Tehran hour.
    public var hourFrom: Int
    /// End Tehran hour (exclusive).
    public var hourTo: Int
    /// Bitmask of JavaScript weekdays (0 = Sunday).
    public var weekdays: Int

    /// Creates filters.
    public init(windowDays: Int, mode: SubscriptionMode, hourFrom: Int, hourTo: Int, weekdays: Int) {
        self.windowDays = windowDays
        self.mode = mode
        self.hourFrom = hourFrom
        self.hourTo = hourTo
        self.weekdays = weekdays
    }

    /// The defaults (`/filters reset` and a user's first subscription): the next 30 days, any mode,
    /// any hour, every weekday.
    public static let defaults = WatchFilters(windowDays: 30, mode: .any, hourFrom: 0, hourTo: 24, weekdays: 127)

    /// The filters a new subscription starts with: the user's current ones (those of their most
    /// recently changed subscription), or the defaults for their first.
    public static func forNewSubscription(latest: WatchFilters?) -> WatchFilters {
        latest ?? .defaults
    }

    /// These filters with a `/filters` change applied (`.show` changes nothing).
    public func applying(_ change: FilterCommand) -> WatchFilters {
        var changed = self
        switch change {
        case .show: break
        case .days(let days): changed.windowDays = days
        case .mode(let mode): changed.mode = mode
        case .hours(let from, let to):
            changed.hourFrom = from
            changed.hourTo = to
        case .weekdays(let mask): changed.weekdays = mask
        case .reset: changed = .defaults
        }
        return changed
    }
}
