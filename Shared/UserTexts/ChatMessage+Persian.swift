extension ChatMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        let n = persianNumber
        return switch self {
        case .welcome:
            """
            سلام! من «شکارچی نوبت» هستم. 👋
            ۱. لینک صفحهٔ پزشک در پذیرش۲۴ را با /subscribe برایم بفرستید.
            ۲. من مدام نوبت‌های خالی او را بررسی می‌کنم.
            ۳. به‌محض آزاد شدن نوبت، همین‌جا خبرتان می‌کنم تا خودتان رزرو کنید.
            راهنما: /help
            """
        case .help:
            """
            دستورها:
            /subscribe <لینک یا نام کاربری پزشک> — دنبال کردن نوبت‌های یک پزشک
            /unsubscribe — لغو دنبال کردن
            /status — وضعیت اشتراک‌ها و نوبت‌های خالی فعلی
            /filters — تنظیم بازهٔ روز، آنلاین/حضوری، ساعت‌ها و روزهای هفته
            /pause و /resume — توقف و ادامهٔ اعلان‌ها
            /language — تغییر زبان (fa / en)
            /stop — حذف همهٔ اطلاعات من
            نمونه: /subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/
            """
        case .unknownCommand: "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بفرستید."
        case .freeText: "برای دنبال کردن نوبت‌های یک پزشک، لینک صفحهٔ او را با /subscribe بفرستید. راهنما: /help"
        case .nonText: "فقط پیام متنی را می‌فهمم. راهنما: /help"
        case .editedIgnored: "پیام ویرایش‌شده را اجرا نمی‌کنم؛ لطفاً دستور را دوباره بفرستید."
        case .groupChat: "من فقط در گفتگوی خصوصی کار می‌کنم. لطفاً روی نام من بزنید و در گفتگوی خصوصی /start را بفرستید."
        case .tooLong: "پیام خیلی طولانی است (بیش از ۴۰۹۶ نویسه). لطفاً کوتاه‌تر بفرستید."
        case .flood: "کمی آهسته‌تر لطفاً! چند ثانیه صبر کنید و دوباره امتحان کنید."
        case .confirm: "✅ تأیید"
        case .confirmDelete: "🗑 بله، همه را پاک کن"
        case .done: "انجام شد ✅"
        case .cancel: "❌ انصراف"
        case .cancelled: "لغو شد."
        case .expired: "این گزینه دیگر معتبر نیست؛ دوباره امتحان کنید."
        case .paused: "⏸ اعلان‌ها متوقف شد. برای ادامه /resume را بفرستید."
        case .resumed: "▶️ اعلان‌ها دوباره فعال شد."
        case .stopConfirm: "همهٔ اطلاعات شما (اشتراک‌ها، تنظیمات و سابقهٔ اعلان‌ها) پاک می‌شود. مطمئن هستید؟"
        case .stopDone: "همهٔ اطلاعات شما پاک شد. هر وقت خواستید با /start برگردید."
        case .languageUsage: "زبان را انتخاب کنید: /language fa یا /language en"
        case .languageSet: "زبان: فارسی ✅"
        case .languageName(let language): language.ownName
        case .stats(let users, let activeUsers, let subscriptions, let targets, let sentToday):
            "📊 کاربران: \(n(users)) (فعال \(n(activeUsers)))\nاشتراک فعال: \(n(subscriptions))\nاهداف تحت نظر: \(n(targets))\nاعلان امروز: \(n(sentToday))"
        case .lookupBusy: "الان سرم شلوغ است؛ چند ثانیهٔ دیگر دوباره امتحان کنید."
        case .internalError: "مشکلی پیش آمد و درخواست انجام نشد. لطفاً کمی بعد دوباره امتحان کنید."
        }
    }
}
