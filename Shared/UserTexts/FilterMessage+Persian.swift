import Localization

extension FilterMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        let n = persianNumber
        switch self {
        case .usage:
            return """
                برای تغییر فیلترها (روی همهٔ اشتراک‌ها اعمال می‌شود؛ برای یک اشتراک: /status و دکمهٔ ⚙️ فیلتر):
                /filters days 14 — فقط نوبت‌های ۱۴ روز آینده (۱ تا ۹۰)
                /filters mode online | inperson | any — آنلاین، حضوری یا هر دو
                /filters hours 8-20 — فقط بین ساعت ۸ تا ۲۰
                /filters weekdays sat,sun,mon — فقط این روزها (all برای همه)، یا: /filters روزها شنبه، سه شنبه
                /filters reset — بازگشت به پیش‌فرض
                """
        case .invalid: return "این فیلتر را نفهمیدم."
        case .saved: return "✅ فیلترها ذخیره شد."
        case .noSubscriptions:
            return "فیلترها روی اشتراک‌ها اعمال می‌شوند و شما هنوز اشتراکی ندارید. اول با /subscribe یک پزشک را دنبال کنید."
        case .daysButton(let days): return "\(n(days)) روز آینده"
        case .modeButton(.online): return "🌐 فقط آنلاین"
        case .modeButton(.inPerson): return "🏥 فقط حضوری"
        case .modeButton(.any): return "هر دو"
        case .resetButton: return "↩️ پیش‌فرض"
        case .summary(let days, let mode, let hourFrom, let hourTo, let weekdays):
            let modeText =
                switch mode {
                case .online: "فقط آنلاین"
                case .inPerson: "فقط حضوری"
                case .any: "آنلاین و حضوری"
                }
            let dayText =
                FilterMessage.selectedWeekdays(weekdays).map { $0.map { JalaliCalendar.persianWeekdays[$0] }.joined(separator: "، ") }
                ?? "همهٔ روزها"
            return "فیلترها: \(n(days)) روز آینده · \(modeText) · ساعت \(n(hourFrom)) تا \(n(hourTo)) · \(dayText)"
        case .subscriptionButton(let number): return "⚙️ فیلتر" + " " + n(number)
        case .subscriptionHeader(let doctor, let target):
            return "⚙️ فیلترهای این اشتراک (فقط همین):\n👨‍⚕️ \(SubscriptionMessage.doctorName(doctor).persian)\n\(target)"
        case .subscriptionUsage(let id):
            return """
                با دکمه‌ها انتخاب کنید یا بنویسید (فقط روی همین اشتراک):
                /filters \(id) روزها سه شنبه، پنجشنبه
                /filters \(id) ساعت ۱۸:۰۰-۲۲
                /filters \(id) روز ۱۴
                /filters \(id) نوع آنلاین
                """
        case .subscriptionSaved: return "✅ فیلتر این اشتراک ذخیره شد."
        case .subscriptionNotFound: return "این اشتراک پیدا نشد؛ شاید لغو شده است. فهرست: /status"
        }
    }
}
