import Foundation

/// The free-slot arithmetic of `/status`: what a past check still says about the future.
public enum FreeSlots {
    /// The listed slots still in the future, and how many of the check's counted slots remain free:
    /// slots that have passed since the check no longer count (the count may exceed the list, which
    /// holds only the earliest).
    public static func upcoming(listed: [Date], counted: Int, now: Date) -> (slots: [Date], count: Int) {
        let sorted = listed.sorted()
        let upcoming = sorted.filter { $0 > now }
        return (upcoming, max(upcoming.count, counted - (sorted.count - upcoming.count)))
    }
}
