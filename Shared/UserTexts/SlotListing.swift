import Foundation

/// How the bot lists free slots in a message: the first five, then how many more.
enum SlotListing {
    /// How many slots a list shows before "and N more".
    static let shown = 5

    /// The slots shown and how many more there are (`total` may count slots the list does not hold).
    static func split(_ slots: [Date], total: Int?) -> (shown: ArraySlice<Date>, remaining: Int) {
        let shown = slots.prefix(Self.shown)
        return (shown, max(total ?? slots.count, slots.count) - shown.count)
    }
}
