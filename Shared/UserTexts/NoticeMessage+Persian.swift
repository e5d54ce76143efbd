extension NoticeMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        switch self {
        case .found: "🔔 نوبت خالی پیدا شد!"
        case .doctor(let name, let specialty): "👨‍⚕️ دکتر \(name)" + (specialty.map { " — \($0)" } ?? "")
        case .center(let name, let isOnline): "📍 \(name) (\(isOnline ? "ویزیت آنلاین" : "حضوری"))"
        case .stillFreeHeading: "⏳ هنوز آزاد است:"
        case .slotAtTime(let date, let time): "• \(date)، ساعت \(time)"
        case .slotOnDay(let date): "• نوبت خالی در روز \(date) — ساعت‌ها را در سایت ببینید"
        case .more(let count): "… و \(persianNumber(count)) نوبت دیگر"
        case .bookingHint: "نوبت‌ها زود پر می‌شوند؛ برای رزرو از دکمهٔ زیر استفاده کنید."
        case .bookButton: "رزرو در پذیرش۲۴"
        case .foundAt(let time, nil): "🕒 پیدا شده: امروز ساعت \(time)"
        case .foundAt(let time, let date?): "🕒 پیدا شده: \(date)، ساعت \(time)"
        case .onlinePrice(let toman): "💳 ویزیت آنلاین: \(toman) تومان"
        case .stillFreeButton: "🔄 هنوز آزاد است؟"
        }
    }
}
