import Foundation

/// What a subscriber wants to hear about: a date window, online or in person, hours and weekdays.
public struct SubscriptionFilters: Sendable, Hashable, Codable {
    /// Online or in-person visits.
    public enum Mode: String, Sendable, Codable, CaseIterable {
        case any
        case online
        case inPerson = "in_person"
    }

    /// Only slots within the next `windowDays` days.
    public var windowDays: Int
    /// Online, in person, or either.
    public var mode: Mode
    /// First Tehran hour accepted (0…23).
    public var hourFrom: Int
    /// Tehran hour at which acceptance stops (1…24, exclusive).
    public var hourTo: Int
    /// Bit n set = JavaScript weekday n (0 = Sunday) accepted; 127 = every day.
    public var weekdays: Int

    /// Accept everything within 30 days.
    public static let `default` = SubscriptionFilters(windowDays: 30, mode: .any, hourFrom: 0, hourTo: 24, weekdays: 127)

    /// Creates filters.
    public init(windowDays: Int, mode: Mode, hourFrom: Int, hourTo: Int, weekdays: Int) {
        self.windowDays = windowDays
        self.mode = mode
        self.hourFrom = hourFrom
        self.hourTo = hourTo
        self.weekdays = weekdays
    }

    /// Whether a slot passes the filters at `now` (facts computed once per slot, not per subscriber).
    /// A free day known without times passes while it lasts and whatever the hours: its times
    /// are on the site.
    public func accepts(_ slot: SlotFacts, now: Date) -> Bool {
        guard slot.isDay ? slot.end > now : slot.start > now else { return false }
        guard slot.start <= now.addingTimeInterval(TimeInterval(windowDays) * 86_400) else { return false }
        switch mode {
        case .any: break
        case .online: guard slot.isOnline else { return false }
        case .inPerson: guard !slot.isOnline else { return false }
        }
        guard slot.isDay || (slot.hour >= hourFrom && slot.hour < hourTo) else { return false }
        return weekdays & (1 << slot.weekday) != 0
    }
}
