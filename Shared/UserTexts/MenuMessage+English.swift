extension MenuMessage {
    /// The English catalogue.
    var english: String {
        switch self {
        case .commandDescription(let command):
            switch command {
            case .start: "Start and show the main menu"
            case .help: "Help and every command"
            case .subscribe: "Follow a doctor's free slots"
            case .unsubscribe: "Stop following a doctor"
            case .status: "My list and the slots free now"
            case .filters: "Filter days, hours and visit type"
            case .pause: "Pause notices"
            case .resume: "Resume notices"
            case .stop: "Delete everything stored about me"
            case .language: "Switch language (فارسی / English)"
            case .stats: "Statistics (admins only)"
            case .menu: "Show the button menu"
            }
        case .botDescription:
            "SlotHunter keeps checking paziresh24 doctors' free appointment slots and tells you here the moment one frees up, so you can book it yourself. Send a doctor's page link or tap /start."
        case .botShortDescription: "Instant alerts for free paziresh24 doctor slots"
        case .button(let button):
            switch button {
            case .follow: "➕ Follow a doctor"
            case .list: "📋 My list"
            case .filters: "⚙️ Filters"
            case .help: "❓ Help"
            case .hide: "Hide menu"
            }
        case .placeholder: "Tap an option or send a doctor's link"
        case .shown: "Here is the menu. Tap “Hide menu” to close it."
        case .hidden: "Menu hidden. Send /menu to bring it back."
        }
    }
}
