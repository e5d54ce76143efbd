import Foundation
import Localization
import UserTexts

/// Everything the bot says, in Persian and English, by name: each property renders a key of
/// `UserTexts` (where the words live) in this text set's language, mapping the bot's own types
/// (`CheckOutcome`, `SubscriptionMode`) onto the keys' arguments. Persian is the default; English
/// is the fallback for users whose Telegram client is set to English.
public struct BotText: Sendable {
    /// The language of this text set.
    public let language: Language

    /// Creates the text set for a language.
    public init(_ language: Language) {
        self.language = language
    }

    func say(_ message: some UserMessage) -> String { message.text(language) }

    /// `/start`: who the bot is, in three numbered lines.
    public var welcome: String { say(ChatMessage.welcome) }
    /// `/help`: every command with an example.
    public var help: String { say(ChatMessage.help) }
    /// A command the bot does not know (also `/stats` for non-admins).
    public var unknownCommand: String { say(ChatMessage.unknownCommand) }
    /// Text that is not a command.
    public var freeText: String { say(ChatMessage.freeText) }
    /// Stickers, photos, voice and anything else without text.
    public var nonText: String { say(ChatMessage.nonText) }
    /// An edited message: never acted on.
    public var editedIgnored: String { say(ChatMessage.editedIgnored) }
    /// A command in a group: how to use the bot in private.
    public var groupChat: String { say(ChatMessage.groupChat) }
    /// A text over 4,096 characters.
    public var tooLong: String { say(ChatMessage.tooLong) }
    /// Too many messages or taps in a short time.
    public var flood: String { say(ChatMessage.flood) }

    /// `/subscribe` without a link.
    public var subscribeUsage: String { say(SubscriptionMessage.subscribeUsage) }
    /// A link or slug that is not a paziresh24 doctor page.
    public var malformedLink: String { say(SubscriptionMessage.malformedLink) }
    /// paziresh24 has no doctor at that address.
    public var doctorNotFound: String { say(SubscriptionMessage.doctorNotFound) }
    /// paziresh24 failed or did not answer.
    public var sourceUnavailable: String { say(SubscriptionMessage.sourceUnavailable) }
    /// The doctor has nothing bookable online.
    public var noBookableService: String { say(SubscriptionMessage.noBookableService) }

    /// Asks which center and service to watch.
    public func chooseTarget(doctor: String) -> String { say(SubscriptionMessage.chooseTarget(doctor: doctor)) }

    /// A (center, service) button or line, marked online or in person.
    public func targetLabel(center: String, service: String, isOnline: Bool) -> String {
        say(SubscriptionMessage.targetLabel(center: center, service: service, isOnline: isOnline))
    }

    /// Asks to confirm a subscription.
    public func confirmSubscribe(doctor: String, target: String) -> String {
        say(SubscriptionMessage.confirmSubscribe(doctor: doctor, target: target))
    }

    /// The confirm button.
    public var confirm: String { say(ChatMessage.confirm) }
    /// The button that confirms `/stop`.
    public var confirmDelete: String { say(ChatMessage.confirmDelete) }
    /// Toast after a change was made.
    public var done: String { say(ChatMessage.done) }
    /// The cancel button.
    public var cancel: String { say(ChatMessage.cancel) }
    /// Toast after cancel.
    public var cancelled: String { say(ChatMessage.cancelled) }
    /// Toast for a stale, unknown or malformed button.
    public var expired: String { say(ChatMessage.expired) }

    /// A subscription was created.
    public func subscribed(doctor: String, target: String) -> String {
        say(SubscriptionMessage.subscribed(doctor: doctor, target: target))
    }

    /// The user already watches this target.
    public func alreadySubscribed(doctor: String) -> String { say(SubscriptionMessage.alreadySubscribed(doctor: doctor)) }

    /// The user is at the subscription limit.
    public func subscriptionLimit(_ max: Int) -> String { say(SubscriptionMessage.subscriptionLimit(max)) }

    /// The user has no subscription.
    public var noSubscriptions: String { say(SubscriptionMessage.noSubscriptions) }

    /// A doctor's name with the title.
    public func doctorName(_ name: String) -> String { say(SubscriptionMessage.doctorName(name)) }

    /// A button of the `/unsubscribe` list.
    public func unsubscribeLabel(doctor: String, center: String, isOnline: Bool) -> String {
        say(SubscriptionMessage.unsubscribeLabel(doctor: doctor, center: center, isOnline: isOnline))
    }

    /// Asks which subscription to remove.
    public var chooseUnsubscribe: String { say(SubscriptionMessage.chooseUnsubscribe) }

    /// A subscription was removed.
    public func unsubscribed(doctor: String) -> String { say(SubscriptionMessage.unsubscribed(doctor: doctor)) }

    /// `/pause` done.
    public var paused: String { say(ChatMessage.paused) }
    /// `/resume` done.
    public var resumed: String { say(ChatMessage.resumed) }
    /// `/stop`: what will be deleted, asking to confirm.
    public var stopConfirm: String { say(ChatMessage.stopConfirm) }
    /// `/stop` done.
    public var stopDone: String { say(ChatMessage.stopDone) }
    /// `/language` without a valid choice.
    public var languageUsage: String { say(ChatMessage.languageUsage) }
    /// The language was changed (in the new language).
    public var languageSet: String { say(ChatMessage.languageSet) }
    /// A language's button on `/language`: its own name, whatever this text set's language.
    public func languageName(_ language: Language) -> String { say(ChatMessage.languageName(language)) }

    /// First line of `/status`.
    public var statusHeader: String { say(SubscriptionMessage.statusHeader) }
    /// `/status` while notices are paused.
    public var statusPaused: String { say(SubscriptionMessage.statusPaused) }
    /// A target not checked yet.
    public var neverChecked: String { say(SubscriptionMessage.neverChecked) }

    /// Time (Jalali, Tehran) and outcome of the last check.
    public func lastCheck(at date: Date, outcome: CheckOutcome) -> String {
        let result: SubscriptionMessage.CheckResult =
            switch outcome {
            case .ok: .hasFreeSlots
            case .noSlots: .noFreeSlots
            case .error: .failed
            }
        return say(SubscriptionMessage.lastCheck(at: date, result: result))
    }

    /// The free slots the system recorded at the last check: the earliest few, then how many more.
    public func freeNow(_ slots: [Date], total: Int? = nil) -> String { say(SubscriptionMessage.freeNow(slots: slots, total: total)) }

    /// `/stats` for admins.
    public func stats(users: Int, activeUsers: Int, subscriptions: Int, targets: Int, sentToday: Int) -> String {
        say(
            ChatMessage.stats(
                users: users, activeUsers: activeUsers, subscriptions: subscriptions, targets: targets, sentToday: sentToday))
    }

    // MARK: Subscribe by name, and what is free when a subscription starts (issues #13 and #14)

    /// Confirming a subscription: the slots the last check of the target listed, still in the future.
    public func freeNowOnSubscribe(_ slots: [Date], total: Int) -> String {
        say(SubscriptionMessage.freeNowOnSubscribe(slots: slots, total: total))
    }

    /// Confirming a subscription whose target's last check found no free slot.
    public var noFreeSlotNow: String { say(SubscriptionMessage.noFreeSlotNow) }

    /// Confirming a subscription whose target was never checked yet.
    public var notCheckedYetOnSubscribe: String { say(SubscriptionMessage.notCheckedYetOnSubscribe) }

    /// The subscribe confirmation followed by what is free now.
    public func subscribed(doctor: String, target: String, freeNow: String) -> String {
        subscribed(doctor: doctor, target: target) + "\n" + freeNow
    }

    /// `/subscribe <words>` found doctors: pick one.
    public var chooseDoctor: String { say(SubscriptionMessage.chooseDoctor) }

    /// A doctor button of a name search: name, specialty, city and the earliest free time.
    public func doctorChoice(name: String, specialty: String?, city: String?, earliest: Date?) -> String {
        say(SubscriptionMessage.doctorChoice(name: name, specialty: specialty, city: city, earliest: earliest))
    }

    /// `/subscribe <words>` found nobody.
    public var noDoctorFound: String { say(SubscriptionMessage.noDoctorFound) }

    /// The share of paziresh24 requests kept for the bot is used up for the moment.
    public var lookupBusy: String { say(ChatMessage.lookupBusy) }

    /// Something failed on our side.
    public var internalError: String { say(ChatMessage.internalError) }
}
