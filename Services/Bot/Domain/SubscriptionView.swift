import Foundation
import Messaging

/// One subscription as `/status` and `/unsubscribe` show it.
public struct SubscriptionView: Sendable, Equatable {
    /// Subscription id (used in `unsub:<id>` callback data).
    public var id: Int64
    /// What is watched.
    public var target: WatchTarget
    /// Filter: only slots in the next N days.
    public var windowDays: Int
    /// Filter: online, in person or both.
    public var mode: SubscriptionMode
    /// Filter: first Tehran hour.
    public var hourFrom: Int
    /// Filter: end Tehran hour (exclusive).
    public var hourTo: Int
    /// Filter: bitmask of JavaScript weekdays (0 = Sunday).
    public var weekdays: Int
    /// When the target was last checked, if ever.
    public var lastCheckAt: Date?
    /// How the last check ended.
    public var lastOutcome: CheckOutcome?
    /// The earliest free slots the last successful check listed (future ones only).
    public var freeSlots: [Date]
    /// How many free slots that check counted (may exceed `freeSlots`, which holds only the earliest).
    public var freeSlotCount: Int

    /// Creates a view.
    public init(
        id: Int64, target: WatchTarget, windowDays: Int, mode: SubscriptionMode, hourFrom: Int, hourTo: Int, weekdays: Int,
        lastCheckAt: Date?, lastOutcome: CheckOutcome?, freeSlots: [Date], freeSlotCount: Int? = nil
    ) {
        self.id = id
        self.target = target
        self.windowDays = windowDays
        self.mode = mode
        self.hourFrom = hourFrom
        self.hourTo = hourTo
        self.weekdays = weekdays
        self.lastCheckAt = lastCheckAt
        self.lastOutcome = lastOutcome
        self.freeSlots = freeSlots
        self.freeSlotCount = max(freeSlotCount ?? freeSlots.count, freeSlots.count)
    }

    /// The subscription's filters.
    public var filters: WatchFilters {
        WatchFilters(windowDays: windowDays, mode: mode, hourFrom: hourFrom, hourTo: hourTo, weekdays: weekdays)
    }
}
