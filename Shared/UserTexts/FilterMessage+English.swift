import Localization

extension FilterMessage {
    /// The English catalogue.
    var english: String {
        switch self {
        case .usage:
            return """
                Change filters (applies to all your subscriptions; for one of them: /status and its ⚙️ Filter button):
                /filters days 14 — only slots in the next 14 days (1 to 90)
                /filters mode online | inperson | any
                /filters hours 8-20 — only between 8:00 and 20:00
                /filters weekdays sat,sun,mon — only these days (all for every day)
                /filters reset — back to defaults
                """
        case .invalid: return "I couldn't understand that filter."
        case .saved: return "✅ Filters saved."
        case .noSubscriptions: return "Filters apply to your subscriptions, and you have none yet. Start with /subscribe."
        case .daysButton(let days): return "next \(days) days"
        case .modeButton(.online): return "🌐 online only"
        case .modeButton(.inPerson): return "🏥 in person only"
        case .modeButton(.any): return "both"
        case .resetButton: return "↩️ defaults"
        case .summary(let days, let mode, let hourFrom, let hourTo, let weekdays):
            let modeText =
                switch mode {
                case .online: "online only"
                case .inPerson: "in person only"
                case .any: "online and in person"
                }
            let dayText =
                FilterMessage.selectedWeekdays(weekdays).map { $0.map { JalaliCalendar.englishWeekdays[$0] }.joined(separator: ", ") }
                ?? "every day"
            return "Filters: next \(days) days · \(modeText) · \(hourFrom):00–\(hourTo):00 · \(dayText)"
        case .subscriptionButton(let number): return "⚙️ Filter" + " " + "\(number)"
        case .subscriptionHeader(let doctor, let target):
            return "⚙️ Filters of this subscription only:\n👨‍⚕️ \(SubscriptionMessage.doctorName(doctor).english)\n\(target)"
        case .subscriptionUsage(let id):
            return """
                Tap a button or type (this subscription only):
                /filters \(id) weekdays tue,thu
                /filters \(id) hours 18:00-22
                /filters \(id) days 14
                /filters \(id) mode online
                """
        case .subscriptionSaved: return "✅ Saved for this subscription."
        case .subscriptionNotFound: return "I can't find that subscription; it may have been removed. Your list: /status"
        }
    }
}
