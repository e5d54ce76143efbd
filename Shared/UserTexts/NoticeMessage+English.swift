extension NoticeMessage {
    /// The English catalogue.
    var english: String {
        switch self {
        case .found: "🔔 Free slot found!"
        case .doctor(let name, let specialty): "👨‍⚕️ Dr. \(name)" + (specialty.map { " — \($0)" } ?? "")
        case .center(let name, let isOnline): "📍 \(name) (\(isOnline ? "online visit" : "in person"))"
        case .stillFreeHeading: "⏳ Still free:"
        case .slotAtTime(let date, let time): "• \(date), \(time)"
        case .slotOnDay(let date): "• a free slot on \(date); see the times on the site"
        case .more(let count): "… and \(count) more"
        case .bookingHint: "Slots go fast: book with the button below."
        case .bookButton: "Book on paziresh24"
        case .foundAt(let time, nil): "🕒 Found: today \(time)"
        case .foundAt(let time, let date?): "🕒 Found: \(date), \(time)"
        case .onlinePrice(let toman): "💳 Online visit: \(toman) Toman"
        case .stillFreeButton: "🔄 Still free?"
        }
    }
}
