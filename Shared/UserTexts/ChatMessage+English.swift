extension ChatMessage {
    /// The English catalogue.
    var english: String {
        switch self {
        case .welcome:
            """
            Hi! I'm SlotHunter. 👋
            1. Send me a doctor's paziresh24 page with /subscribe.
            2. I keep checking their free appointment slots.
            3. The moment a slot frees up, I tell you here so you can book it yourself.
            Help: /help
            """
        case .help:
            """
            Commands:
            /subscribe <doctor page link or slug> — watch a doctor's free slots
            /unsubscribe — stop watching
            /status — your subscriptions and the slots free right now
            /filters — date window, online/in person, hours, weekdays
            /pause and /resume — pause or resume notices
            /language — switch language (fa / en)
            /stop — delete everything stored about me
            Example: /subscribe https://www.paziresh24.com/dr/some-doctor-0/
            """
        case .unknownCommand: "I don't know that command. Send /help to see what I can do."
        case .freeText: "To watch a doctor's slots, send their page link with /subscribe. Help: /help"
        case .nonText: "I only understand text messages. Help: /help"
        case .editedIgnored: "I don't act on edited messages; please send the command again."
        case .groupChat: "I only work in private chats. Tap my name and send /start in a private chat."
        case .tooLong: "That message is too long (over 4,096 characters). Please send something shorter."
        case .flood: "Slow down a little, please! Wait a few seconds and try again."
        case .confirm: "✅ Confirm"
        case .confirmDelete: "🗑 Yes, delete everything"
        case .done: "Done ✅"
        case .cancel: "❌ Cancel"
        case .cancelled: "Cancelled."
        case .expired: "This option has expired; please start again."
        case .paused: "⏸ Notices paused. Send /resume to continue."
        case .resumed: "▶️ Notices resumed."
        case .stopConfirm: "Everything stored about you (subscriptions, settings, notice history) will be deleted. Are you sure?"
        case .stopDone: "Everything about you has been deleted. Come back any time with /start."
        case .languageUsage: "Choose: /language fa or /language en"
        case .languageSet: "Language: English ✅"
        case .languageName(let language): language.ownName
        case .stats(let users, let activeUsers, let subscriptions, let targets, let sentToday):
            "📊 Users: \(users) (active \(activeUsers))\nActive subscriptions: \(subscriptions)\nWatched targets: \(targets)\nNotices today: \(sentToday)"
        case .lookupBusy: "I'm busy right now; please try again in a few seconds."
        case .internalError: "Something went wrong and I couldn't do that. Please try again shortly."
        }
    }
}
