import Foundation
import Localization

extension SubscriptionMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        let n = persianNumber
        func dateTime(_ date: Date) -> String { JalaliCalendar.dateTime(date, language: .persian) }
        switch self {
        case .subscribeUsage:
            return "لینک صفحهٔ پزشک را بعد از دستور بفرستید، مثلاً:\n/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"
        case .malformedLink:
            return "این لینک صفحهٔ پزشک در پذیرش۲۴ نیست. لینک باید شبیه https://www.paziresh24.com/dr/نام-پزشک/ باشد."
        case .doctorNotFound: return "پزشکی با این نشانی در پذیرش۲۴ پیدا نشد. لینک را بررسی کنید."
        case .sourceUnavailable: return "پذیرش۲۴ الان پاسخ نمی‌دهد. چند دقیقهٔ دیگر دوباره امتحان کنید."
        case .noBookableService: return "این پزشک فعلاً هیچ خدمت قابل رزرو آنلاینی ندارد."
        case .chooseTarget(let doctor): return "دکتر \(doctor)\nکدام مرکز و خدمت را دنبال کنم؟"
        case .targetLabel(let center, let service, let isOnline):
            return "\(isOnline ? "🌐 آنلاین" : "🏥 حضوری") · \(center) · \(service)"
        case .confirmSubscribe(let doctor, let target): return "دنبال کردن نوبت‌های دکتر \(doctor)\n\(target)\nتأیید می‌کنید؟"
        case .subscribed(let doctor, let target): return "✅ از این پس نوبت‌های خالی دکتر \(doctor) (\(target)) را به شما خبر می‌دهم."
        case .alreadySubscribed(let doctor): return "شما همین حالا هم نوبت‌های دکتر \(doctor) را در این مرکز دنبال می‌کنید."
        case .subscriptionLimit(let max): return "حداکثر \(n(max)) اشتراک مجاز است. ابتدا با /unsubscribe یکی را حذف کنید."
        case .noSubscriptions: return "هنوز هیچ پزشکی را دنبال نمی‌کنید. با /subscribe شروع کنید."
        case .doctorName(let name): return "دکتر \(name)"
        case .unsubscribeLabel(let doctor, let center, let isOnline):
            return "❌ \(SubscriptionMessage.doctorName(doctor).persian) · \(isOnline ? "آنلاین" : "حضوری") · \(center)"
        case .chooseUnsubscribe: return "کدام اشتراک لغو شود؟"
        case .unsubscribed(let doctor): return "اشتراک دکتر \(doctor) لغو شد."
        case .statusHeader: return "📋 اشتراک‌های شما:"
        case .statusPaused: return "⏸ اعلان‌ها متوقف است (/resume)."
        case .neverChecked: return "هنوز بررسی نشده"
        case .listNumber(let number): return n(number) + "."
        case .lastCheck(let date, let result):
            let what =
                switch result {
                case .hasFreeSlots: "نوبت خالی دارد"
                case .noFreeSlots: "نوبت خالی ندارد"
                case .failed: "خطا در بررسی"
                }
            return "آخرین بررسی: \(dateTime(date)) — \(what)"
        case .freeNow(let slots, let total):
            guard !slots.isEmpty else { return "نوبت خالی فعلی: —" }
            let (shown, remaining) = SlotListing.split(slots, total: total)
            let more = remaining > 0 ? " و \(n(remaining)) نوبت دیگر" : ""
            return "نوبت خالی فعلی: " + shown.map(dateTime).joined(separator: "، ") + more
        case .freeNowOnSubscribe(let slots, let total):
            let (shown, remaining) = SlotListing.split(slots, total: total)
            let more = remaining > 0 ? "\n… و \(n(remaining)) نوبت دیگر" : ""
            return "🟢 نوبت‌های خالی همین حالا:\n• " + shown.map(dateTime).joined(separator: "\n• ") + more
        case .noFreeSlotNow: return "فعلاً نوبت خالی نیست؛ خبرتان می‌کنم"
        case .notCheckedYetOnSubscribe: return "هنوز بررسی نشده؛ خبرتان می‌کنم"
        case .chooseDoctor: return "کدام پزشک؟"
        case .doctorChoice(let name, let specialty, let city, let earliest):
            var parts = [SubscriptionMessage.doctorName(name).persian]
            if let specialty { parts.append(specialty) }
            if let city { parts.append(city) }
            if let earliest { parts.append("اولین نوبت: " + dateTime(earliest)) }
            return parts.joined(separator: " · ")
        case .noDoctorFound:
            return
                "پزشکی با این نام پیدا نشد. املای نام را بررسی کنید، بخشی از نام را بفرستید یا لینک صفحهٔ پزشک در پذیرش۲۴ را بفرستید، مثلاً:\n/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"
        }
    }
}
