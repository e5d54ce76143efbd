extension MenuMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        switch self {
        case .commandDescription(let command):
            switch command {
            case .start: "شروع و منوی اصلی"
            case .help: "راهنما و همهٔ دستورها"
            case .subscribe: "دنبال کردن نوبت‌های یک پزشک"
            case .unsubscribe: "لغو دنبال کردن یک پزشک"
            case .status: "فهرست من و نوبت‌های خالی فعلی"
            case .filters: "فیلتر روز، ساعت و نوع نوبت"
            case .pause: "توقف موقت اعلان‌ها"
            case .resume: "ادامهٔ اعلان‌ها"
            case .stop: "حذف همهٔ اطلاعات من"
            case .language: "تغییر زبان (فارسی / English)"
            case .stats: "آمار (فقط مدیر)"
            case .menu: "نمایش منوی دکمه‌ها"
            }
        case .botDescription:
            "شکارچی نوبت نوبت‌های خالی پزشکان پذیرش۲۴ را مدام بررسی می‌کند و به‌محض آزاد شدن نوبت، همین‌جا خبرتان می‌کند تا خودتان رزرو کنید. لینک صفحهٔ پزشک را بفرستید یا /start را بزنید."
        case .botShortDescription: "خبر فوری از نوبت‌های خالی پزشکان پذیرش۲۴"
        case .button(let button):
            switch button {
            case .follow: "➕ دنبال کردن پزشک"
            case .list: "📋 فهرست من"
            case .filters: "⚙️ فیلترها"
            case .help: "❓ راهنما"
            case .hide: "بستن منو"
            }
        case .placeholder: "یک گزینه را بزنید یا لینک پزشک را بفرستید"
        case .shown: "منو باز شد. هر وقت خواستید با «بستن منو» آن را ببندید."
        case .hidden: "منو بسته شد. برای باز کردن دوباره /menu را بفرستید."
        }
    }
}
