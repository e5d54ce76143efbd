import Foundation
import Localization

/// What the bot says while following a doctor (`/subscribe`, by link or by name), stopping
/// (`/unsubscribe`) and listing (`/status`).
public enum SubscriptionMessage: UserMessage {
    /// How the last check of a target went.
    public enum CheckResult: Sendable, Hashable {
        /// The check found free slots.
        case hasFreeSlots
        /// The check found none.
        case noFreeSlots
        /// The check failed.
        case failed
    }

    /// `/subscribe` without a link.
    case subscribeUsage
    /// A link or slug that is not a paziresh24 doctor page.
    case malformedLink
    /// paziresh24 has no doctor at that address.
    case doctorNotFound
    /// paziresh24 failed or did not answer.
    case sourceUnavailable
    /// The doctor has nothing bookable online.
    case noBookableService
    /// Asks which center and service to watch.
    case chooseTarget(doctor: String)
    /// A (center, service) button or line, marked online or in person.
    case targetLabel(center: String, service: String, isOnline: Bool)
    /// Asks to confirm a subscription.
    case confirmSubscribe(doctor: String, target: String)
    /// A subscription was created.
    case subscribed(doctor: String, target: String)
    /// The user already watches this target.
    case alreadySubscribed(doctor: String)
    /// The user is at the subscription limit.
    case subscriptionLimit(Int)
    /// The user has no subscription.
    case noSubscriptions
    /// A doctor's name with the title.
    case doctorName(String)
    /// A button of the `/unsubscribe` list.
    case unsubscribeLabel(doctor: String, center: String, isOnline: Bool)
    /// Asks which subscription to remove.
    case chooseUnsubscribe
    /// A subscription was removed.
    case unsubscribed(doctor: String)
    /// First line of `/status`.
    case statusHeader
    /// `/status` while notices are paused.
    case statusPaused
    /// A target not checked yet.
    case neverChecked
    /// The number in front of a subscription in `/status` (`۲.`), matching its filter button.
    case listNumber(Int)
    /// Time (Jalali, Tehran) and outcome of the last check.
    case lastCheck(at: Date, result: CheckResult)
    /// The free slots recorded at the last check: the earliest few, then how many more (`total`
    /// counts them all when the check knew more than it listed).
    case freeNow(slots: [Date], total: Int?)
    /// Confirming a subscription: the slots the last check of the target listed, still in the future.
    case freeNowOnSubscribe(slots: [Date], total: Int)
    /// Confirming a subscription whose target's last check found no free slot.
    case noFreeSlotNow
    /// Confirming a subscription whose target was never checked yet.
    case notCheckedYetOnSubscribe
    /// `/subscribe <words>` found doctors: pick one.
    case chooseDoctor
    /// A doctor button of a name search: name, specialty, city and the earliest free time.
    case doctorChoice(name: String, specialty: String?, city: String?, earliest: Date?)
    /// `/subscribe <words>` found nobody.
    case noDoctorFound

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }
}
