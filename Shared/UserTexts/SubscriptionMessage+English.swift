import Foundation
import Localization

extension SubscriptionMessage {
    /// The English catalogue.
    var english: String {
        func dateTime(_ date: Date) -> String { JalaliCalendar.dateTime(date, language: .english) }
        switch self {
        case .subscribeUsage:
            return "Send the doctor's page link after the command, e.g.:\n/subscribe https://www.paziresh24.com/dr/some-doctor-0/"
        case .malformedLink:
            return "That is not a paziresh24 doctor page. It should look like https://www.paziresh24.com/dr/doctor-name/."
        case .doctorNotFound: return "No doctor with that address on paziresh24. Please check the link."
        case .sourceUnavailable: return "paziresh24 is not answering right now. Please try again in a few minutes."
        case .noBookableService: return "This doctor has no service that can be booked online right now."
        case .chooseTarget(let doctor): return "Dr. \(doctor)\nWhich center and service should I watch?"
        case .targetLabel(let center, let service, let isOnline):
            return "\(isOnline ? "🌐 online" : "🏥 in person") · \(center) · \(service)"
        case .confirmSubscribe(let doctor, let target): return "Watch Dr. \(doctor)\n\(target)\nConfirm?"
        case .subscribed(let doctor, let target): return "✅ I'll tell you about free slots of Dr. \(doctor) (\(target))."
        case .alreadySubscribed(let doctor): return "You are already watching Dr. \(doctor) at this center."
        case .subscriptionLimit(let max): return "You can have at most \(max) subscriptions. Remove one with /unsubscribe first."
        case .noSubscriptions: return "You are not watching any doctor yet. Start with /subscribe."
        case .doctorName(let name): return "Dr. \(name)"
        case .unsubscribeLabel(let doctor, let center, let isOnline):
            return "❌ \(SubscriptionMessage.doctorName(doctor).english) · \(isOnline ? "online" : "in person") · \(center)"
        case .chooseUnsubscribe: return "Which subscription should I remove?"
        case .unsubscribed(let doctor): return "Stopped watching Dr. \(doctor)."
        case .statusHeader: return "📋 Your subscriptions:"
        case .statusPaused: return "⏸ Notices are paused (/resume)."
        case .neverChecked: return "not checked yet"
        case .listNumber(let number): return "\(number)."
        case .lastCheck(let date, let result):
            let what =
                switch result {
                case .hasFreeSlots: "has free slots"
                case .noFreeSlots: "no free slots"
                case .failed: "check failed"
                }
            return "Last check: \(dateTime(date)) — \(what)"
        case .freeNow(let slots, let total):
            guard !slots.isEmpty else { return "Free now: —" }
            let (shown, remaining) = SlotListing.split(slots, total: total)
            let more = remaining > 0 ? " and \(remaining) more" : ""
            return "Free now: " + shown.map(dateTime).joined(separator: ", ") + more
        case .freeNowOnSubscribe(let slots, let total):
            let (shown, remaining) = SlotListing.split(slots, total: total)
            let more = remaining > 0 ? "\n… and \(remaining) more" : ""
            return "🟢 Free right now:\n• " + shown.map(dateTime).joined(separator: "\n• ") + more
        case .noFreeSlotNow: return "No free slot right now; I will tell you."
        case .notCheckedYetOnSubscribe: return "Not checked yet; I will tell you."
        case .chooseDoctor: return "Which doctor?"
        case .doctorChoice(let name, let specialty, let city, let earliest):
            var parts = [SubscriptionMessage.doctorName(name).english]
            if let specialty { parts.append(specialty) }
            if let city { parts.append(city) }
            if let earliest { parts.append("first free: " + dateTime(earliest)) }
            return parts.joined(separator: " · ")
        case .noDoctorFound:
            return
                "No doctor found by that name. Check the spelling, send part of the name, or paste the doctor's paziresh24 page link, e.g.:\n/subscribe https://www.paziresh24.com/dr/some-doctor-0/"
        }
    }
}
