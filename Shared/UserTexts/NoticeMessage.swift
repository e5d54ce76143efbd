import Localization

/// The lines and the button of a notice about free slots (the notifier's `NoticeComposer` lays
/// them out: which slots are listed, the blank lines, "and N more").
public enum NoticeMessage: UserMessage {
    /// The first line: a free slot was found.
    case found
    /// The doctor, with the specialty when known.
    case doctor(name: String, specialty: String?)
    /// The center, marked online visit or in person.
    case center(name: String, isOnline: Bool)
    /// The heading above slots held back earlier by the per-user limit and offered now.
    case stillFreeHeading
    /// A listed slot with its time; `date` (the Jalali long date) and `time` (Tehran) are already
    /// written in the message's language and digits.
    case slotAtTime(date: String, time: String)
    /// A listed free day known without times; `date` as in `slotAtTime`.
    case slotOnDay(date: String)
    /// How many slots were found but not listed.
    case more(Int)
    /// The last line: book soon, with the button.
    case bookingHint
    /// The label of the button that opens the booking page.
    case bookButton
    /// When the scraper saw the slots: `time` (Tehran, in the message's digits) today, or on `date`
    /// (the Jalali long date) when that was another Tehran day.
    case foundAt(time: String, date: String?)
    /// The online visit's price; `toman` already grouped in the message's digits.
    case onlinePrice(toman: String)
    /// The label of the button that asks whether the slots are still free.
    case stillFreeButton

    /// The text of this line in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }
}
