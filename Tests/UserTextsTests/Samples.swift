import Foundation
import Localization
import UserTexts

/// Every key of the bot's areas with ASCII arguments (so Persian script in a text comes from the
/// catalogue), numbers that no catalogue writes by itself, and dates in the Jalali year 1405.
enum Samples {
    /// 2026-10-06 11:30 UTC: 14 Mehr 1405, 15:00 in Tehran.
    static let date = Date(timeIntervalSince1970: 1_791_286_200)
    static let slots = (0..<7).map { date.addingTimeInterval(Double($0) * 3_600) }
    static let n = TextProperties.number

    static let chat: [ChatMessage] = [
        .welcome, .help, .unknownCommand, .freeText, .nonText, .editedIgnored, .groupChat, .tooLong, .flood, .confirm,
        .confirmDelete, .done, .cancel, .cancelled, .expired, .paused, .resumed, .stopConfirm, .stopDone, .languageUsage,
        .languageSet, .languageName(.persian), .languageName(.english),
        .stats(users: n, activeUsers: n, subscriptions: n, targets: n, sentToday: n), .lookupBusy, .internalError,
    ]

    static let subscription: [SubscriptionMessage] = [
        .subscribeUsage, .malformedLink, .doctorNotFound, .sourceUnavailable, .noBookableService, .chooseTarget(doctor: "Jabbari"),
        .targetLabel(center: "Clinic", service: "Visit", isOnline: true),
        .targetLabel(center: "Clinic", service: "Visit", isOnline: false), .confirmSubscribe(doctor: "Jabbari", target: "Clinic"),
        .subscribed(doctor: "Jabbari", target: "Clinic"), .alreadySubscribed(doctor: "Jabbari"), .subscriptionLimit(n),
        .noSubscriptions, .doctorName("Jabbari"), .unsubscribeLabel(doctor: "Jabbari", center: "Clinic", isOnline: true),
        .unsubscribeLabel(doctor: "Jabbari", center: "Clinic", isOnline: false), .chooseUnsubscribe, .unsubscribed(doctor: "Jabbari"),
        .statusHeader, .statusPaused, .neverChecked, .listNumber(n), .lastCheck(at: date, result: .hasFreeSlots),
        .lastCheck(at: date, result: .noFreeSlots), .lastCheck(at: date, result: .failed), .freeNow(slots: [], total: nil),
        .freeNow(slots: slots, total: n), .freeNowOnSubscribe(slots: slots, total: n), .noFreeSlotNow, .notCheckedYetOnSubscribe,
        .chooseDoctor, .doctorChoice(name: "Jabbari", specialty: "Skin", city: "Tehran", earliest: date),
        .doctorChoice(name: "Jabbari", specialty: nil, city: nil, earliest: nil), .noDoctorFound,
    ]

    static let filter: [FilterMessage] = [
        .usage, .invalid, .saved, .noSubscriptions, .daysButton(n), .modeButton(.online), .modeButton(.inPerson), .modeButton(.any),
        .resetButton, .summary(days: n, mode: .online, hourFrom: 8, hourTo: 20, weekdays: 0b0111110),
        .summary(days: n, mode: .inPerson, hourFrom: 0, hourTo: 24, weekdays: 127),
        .summary(days: n, mode: .any, hourFrom: 18, hourTo: 22, weekdays: 1), .subscriptionButton(number: n),
        .subscriptionHeader(doctor: "Jabbari", target: "Clinic"), .subscriptionUsage(id: 4242), .subscriptionSaved,
        .subscriptionNotFound,
    ]

    static let menu: [MenuMessage] =
        MenuMessage.Command.allCases.map { .commandDescription($0) } + MenuMessage.Button.allCases.map { .button($0) } + [
            .botDescription, .botShortDescription, .placeholder, .shown, .hidden,
        ]

    /// Every sample of every area (the notices' included) as (what, text) in `language`.
    static func all(_ language: Language) -> [(key: String, text: String)] {
        func render(_ messages: [some UserMessage]) -> [(key: String, text: String)] {
            messages.map { ("\($0)", Catalogue.text($0, language)) }
        }
        return render(chat) + render(subscription) + render(filter) + render(menu) + render(NoticeMessageTests.samples)
    }
}
