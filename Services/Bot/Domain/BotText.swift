import Foundation
import Localization

/// Everything the bot says, in Persian and English. Persian is the default; English is the
/// fallback for users whose Telegram client is set to English.
public struct BotText: Sendable {
    /// The language of this text set.
    public let language: Language

    /// Creates the text set for a language.
    public init(_ language: Language) {
        self.language = language
    }

    private var fa: Bool { language == .persian }

    func n(_ value: Int) -> String { JalaliCalendar.number(value, language: language) }

    /// `/start`: who the bot is, in three numbered lines.
    public var welcome: String {
        fa
            ? """
            سلام! من «شکارچی نوبت» هستم. 👋
            ۱. لینک صفحهٔ پزشک در پذیرش۲۴ را با /subscribe برایم بفرستید.
            ۲. من مدام نوبت‌های خالی او را بررسی می‌کنم.
            ۳. به‌محض آزاد شدن نوبت، همین‌جا خبرتان می‌کنم تا خودتان رزرو کنید.
            راهنما: /help
            """
            : """
            Hi! I'm SlotHunter. 👋
            1. Send me a doctor's paziresh24 page with /subscribe.
            2. I keep checking their free appointment slots.
            3. The moment a slot frees up, I tell you here so you can book it yourself.
            Help: /help
            """
    }

    /// `/help`: every command with an example.
    public var help: String {
        fa
            ? """
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
            : """
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
    }

    /// A command the bot does not know (also `/stats` for non-admins).
    public var unknownCommand: String {
        fa
            ? "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بفرستید."
            : "I don't know that command. Send /help to see what I can do."
    }

    /// Text that is not a command.
    public var freeText: String {
        fa
            ? "برای دنبال کردن نوبت‌های یک پزشک، لینک صفحهٔ او را با /subscribe بفرستید. راهنما: /help"
            : "To watch a doctor's slots, send their page link with /subscribe. Help: /help"
    }

    /// Stickers, photos, voice and anything else without text.
    public var nonText: String {
        fa ? "فقط پیام متنی را می‌فهمم. راهنما: /help" : "I only understand text messages. Help: /help"
    }

    /// An edited message: never acted on.
    public var editedIgnored: String {
        fa
            ? "پیام ویرایش‌شده را اجرا نمی‌کنم؛ لطفاً دستور را دوباره بفرستید."
            : "I don't act on edited messages; please send the command again."
    }

    /// A command in a group: how to use the bot in private.
    public var groupChat: String {
        fa
            ? "من فقط در گفتگوی خصوصی کار می‌کنم. لطفاً روی نام من بزنید و در گفتگوی خصوصی /start را بفرستید."
            : "I only work in private chats. Tap my name and send /start in a private chat."
    }

    /// A text over 4,096 characters.
    public var tooLong: String {
        fa
            ? "پیام خیلی طولانی است (بیش از ۴۰۹۶ نویسه). لطفاً کوتاه‌تر بفرستید."
            : "That message is too long (over 4,096 characters). Please send something shorter."
    }

    /// Too many messages or taps in a short time.
    public var flood: String {
        fa
            ? "کمی آهسته‌تر لطفاً! چند ثانیه صبر کنید و دوباره امتحان کنید."
            : "Slow down a little, please! Wait a few seconds and try again."
    }

    /// `/subscribe` without a link.
    public var subscribeUsage: String {
        fa
            ? "لینک صفحهٔ پزشک را بعد از دستور بفرستید، مثلاً:\n/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"
            : "Send the doctor's page link after the command, e.g.:\n/subscribe https://www.paziresh24.com/dr/some-doctor-0/"
    }

    /// A link or slug that is not a paziresh24 doctor page.
    public var malformedLink: String {
        fa
            ? "این لینک صفحهٔ پزشک در پذیرش۲۴ نیست. لینک باید شبیه https://www.paziresh24.com/dr/نام-پزشک/ باشد."
            : "That is not a paziresh24 doctor page. It should look like https://www.paziresh24.com/dr/doctor-name/."
    }

    /// paziresh24 has no doctor at that address.
    public var doctorNotFound: String {
        fa
            ? "پزشکی با این نشانی در پذیرش۲۴ پیدا نشد. لینک را بررسی کنید."
            : "No doctor with that address on paziresh24. Please check the link."
    }

    /// paziresh24 failed or did not answer.
    public var sourceUnavailable: String {
        fa
            ? "پذیرش۲۴ الان پاسخ نمی‌دهد. چند دقیقهٔ دیگر دوباره امتحان کنید."
            : "paziresh24 is not answering right now. Please try again in a few minutes."
    }

    /// The doctor has nothing bookable online.
    public var noBookableService: String {
        fa ? "این پزشک فعلاً هیچ خدمت قابل رزرو آنلاینی ندارد." : "This doctor has no service that can be booked online right now."
    }

    /// Asks which center and service to watch.
    public func chooseTarget(doctor: String) -> String {
        fa ? "دکتر \(doctor)\nکدام مرکز و خدمت را دنبال کنم؟" : "Dr. \(doctor)\nWhich center and service should I watch?"
    }

    /// A (center, service) button or line, marked online or in person.
    public func targetLabel(center: String, service: String, isOnline: Bool) -> String {
        let mode = fa ? (isOnline ? "🌐 آنلاین" : "🏥 حضوری") : (isOnline ? "🌐 online" : "🏥 in person")
        return "\(mode) · \(center) · \(service)"
    }

    /// Asks to confirm a subscription.
    public func confirmSubscribe(doctor: String, target: String) -> String {
        fa ? "دنبال کردن نوبت‌های دکتر \(doctor)\n\(target)\nتأیید می‌کنید؟" : "Watch Dr. \(doctor)\n\(target)\nConfirm?"
    }

    /// The confirm button.
    public var confirm: String { fa ? "✅ تأیید" : "✅ Confirm" }
    /// The button that confirms `/stop`.
    public var confirmDelete: String { fa ? "🗑 بله، همه را پاک کن" : "🗑 Yes, delete everything" }
    /// Toast after a change was made.
    public var done: String { fa ? "انجام شد ✅" : "Done ✅" }
    /// The cancel button.
    public var cancel: String { fa ? "❌ انصراف" : "❌ Cancel" }
    /// Toast after cancel.
    public var cancelled: String { fa ? "لغو شد." : "Cancelled." }
    /// Toast for a stale, unknown or malformed button.
    public var expired: String {
        fa ? "این گزینه دیگر معتبر نیست؛ دوباره امتحان کنید." : "This option has expired; please start again."
    }

    /// A subscription was created.
    public func subscribed(doctor: String, target: String) -> String {
        fa
            ? "✅ از این پس نوبت‌های خالی دکتر \(doctor) (\(target)) را به شما خبر می‌دهم."
            : "✅ I'll tell you about free slots of Dr. \(doctor) (\(target))."
    }

    /// The user already watches this target.
    public func alreadySubscribed(doctor: String) -> String {
        fa
            ? "شما همین حالا هم نوبت‌های دکتر \(doctor) را در این مرکز دنبال می‌کنید."
            : "You are already watching Dr. \(doctor) at this center."
    }

    /// The user is at the subscription limit.
    public func subscriptionLimit(_ max: Int) -> String {
        fa
            ? "حداکثر \(n(max)) اشتراک مجاز است. ابتدا با /unsubscribe یکی را حذف کنید."
            : "You can have at most \(max) subscriptions. Remove one with /unsubscribe first."
    }

    /// The user has no subscription.
    public var noSubscriptions: String {
        fa
            ? "هنوز هیچ پزشکی را دنبال نمی‌کنید. با /subscribe شروع کنید."
            : "You are not watching any doctor yet. Start with /subscribe."
    }

    /// A doctor's name with the title.
    public func doctorName(_ name: String) -> String { fa ? "دکتر \(name)" : "Dr. \(name)" }

    /// A button of the `/unsubscribe` list.
    public func unsubscribeLabel(doctor: String, center: String, isOnline: Bool) -> String {
        let mode = fa ? (isOnline ? "آنلاین" : "حضوری") : (isOnline ? "online" : "in person")
        return "❌ \(doctorName(doctor)) · \(mode) · \(center)"
    }

    /// Asks which subscription to remove.
    public var chooseUnsubscribe: String { fa ? "کدام اشتراک لغو شود؟" : "Which subscription should I remove?" }

    /// A subscription was removed.
    public func unsubscribed(doctor: String) -> String {
        fa ? "اشتراک دکتر \(doctor) لغو شد." : "Stopped watching Dr. \(doctor)."
    }

    /// `/pause` done.
    public var paused: String {
        fa ? "⏸ اعلان‌ها متوقف شد. برای ادامه /resume را بفرستید." : "⏸ Notices paused. Send /resume to continue."
    }

    /// `/resume` done.
    public var resumed: String { fa ? "▶️ اعلان‌ها دوباره فعال شد." : "▶️ Notices resumed." }

    /// `/stop`: what will be deleted, asking to confirm.
    public var stopConfirm: String {
        fa
            ? "همهٔ اطلاعات شما (اشتراک‌ها، تنظیمات و سابقهٔ اعلان‌ها) پاک می‌شود. مطمئن هستید؟"
            : "Everything stored about you (subscriptions, settings, notice history) will be deleted. Are you sure?"
    }

    /// `/stop` done.
    public var stopDone: String {
        fa
            ? "همهٔ اطلاعات شما پاک شد. هر وقت خواستید با /start برگردید."
            : "Everything about you has been deleted. Come back any time with /start."
    }

    /// `/language` without a valid choice.
    public var languageUsage: String {
        fa ? "زبان را انتخاب کنید: /language fa یا /language en" : "Choose: /language fa or /language en"
    }
    /// The language was changed (in the new language).
    public var languageSet: String { fa ? "زبان: فارسی ✅" : "Language: English ✅" }

    /// First line of `/status`.
    public var statusHeader: String { fa ? "📋 اشتراک‌های شما:" : "📋 Your subscriptions:" }
    /// `/status` while notices are paused.
    public var statusPaused: String { fa ? "⏸ اعلان‌ها متوقف است (/resume)." : "⏸ Notices are paused (/resume)." }
    /// A target not checked yet.
    public var neverChecked: String { fa ? "هنوز بررسی نشده" : "not checked yet" }

    /// Time (Jalali, Tehran) and outcome of the last check.
    public func lastCheck(at date: Date, outcome: CheckOutcome) -> String {
        let when = JalaliCalendar.dateTime(date, language: language)
        let what: String
        switch outcome {
        case .ok: what = fa ? "نوبت خالی دارد" : "has free slots"
        case .noSlots: what = fa ? "نوبت خالی ندارد" : "no free slots"
        case .error: what = fa ? "خطا در بررسی" : "check failed"
        }
        return fa ? "آخرین بررسی: \(when) — \(what)" : "Last check: \(when) — \(what)"
    }

    /// The free slots the system recorded at the last check: the earliest few, then how many more.
    public func freeNow(_ slots: [Date], total: Int? = nil) -> String {
        guard !slots.isEmpty else { return fa ? "نوبت خالی فعلی: —" : "Free now: —" }
        let shown = slots.prefix(5)
        let listed = shown.map { JalaliCalendar.dateTime($0, language: language) }.joined(separator: fa ? "، " : ", ")
        let remaining = max(total ?? slots.count, slots.count) - shown.count
        let more = remaining > 0 ? (fa ? " و \(n(remaining)) نوبت دیگر" : " and \(remaining) more") : ""
        return (fa ? "نوبت خالی فعلی: " : "Free now: ") + listed + more
    }

    /// How to change the filters.
    public var filtersUsage: String {
        fa
            ? """
            برای تغییر فیلترها (روی همهٔ اشتراک‌ها اعمال می‌شود؛ برای یک اشتراک: /status و دکمهٔ ⚙️ فیلتر):
            /filters days 14 — فقط نوبت‌های ۱۴ روز آینده (۱ تا ۹۰)
            /filters mode online | inperson | any — آنلاین، حضوری یا هر دو
            /filters hours 8-20 — فقط بین ساعت ۸ تا ۲۰
            /filters weekdays sat,sun,mon — فقط این روزها (all برای همه)، یا: /filters روزها شنبه، سه شنبه
            /filters reset — بازگشت به پیش‌فرض
            """
            : """
            Change filters (applies to all your subscriptions; for one of them: /status and its ⚙️ Filter button):
            /filters days 14 — only slots in the next 14 days (1 to 90)
            /filters mode online | inperson | any
            /filters hours 8-20 — only between 8:00 and 20:00
            /filters weekdays sat,sun,mon — only these days (all for every day)
            /filters reset — back to defaults
            """
    }

    /// Filter arguments that make no sense.
    public var filtersInvalid: String {
        fa ? "این فیلتر را نفهمیدم." : "I couldn't understand that filter."
    }

    /// Filters were changed.
    public var filtersSaved: String { fa ? "✅ فیلترها ذخیره شد." : "✅ Filters saved." }

    /// A filter change without any subscription to apply it to.
    public var filtersNoSubscriptions: String {
        fa
            ? "فیلترها روی اشتراک‌ها اعمال می‌شوند و شما هنوز اشتراکی ندارید. اول با /subscribe یک پزشک را دنبال کنید."
            : "Filters apply to your subscriptions, and you have none yet. Start with /subscribe."
    }

    /// A `/filters` button: the next N days.
    public func filterDaysButton(_ days: Int) -> String { fa ? "\(n(days)) روز آینده" : "next \(days) days" }

    /// A `/filters` button: online, in person or both.
    public func filterModeButton(_ mode: SubscriptionMode) -> String {
        switch mode {
        case .online: return fa ? "🌐 فقط آنلاین" : "🌐 online only"
        case .inPerson: return fa ? "🏥 فقط حضوری" : "🏥 in person only"
        case .any: return fa ? "هر دو" : "both"
        }
    }

    /// A `/filters` button: back to the defaults.
    public var filterResetButton: String { fa ? "↩️ پیش‌فرض" : "↩️ defaults" }

    /// One line describing a subscription's filters.
    public func filtersSummary(days: Int, mode: SubscriptionMode, hourFrom: Int, hourTo: Int, weekdays: Int) -> String {
        let modeText: String
        switch mode {
        case .online: modeText = fa ? "فقط آنلاین" : "online only"
        case .inPerson: modeText = fa ? "فقط حضوری" : "in person only"
        case .any: modeText = fa ? "آنلاین و حضوری" : "online and in person"
        }
        let selectedDays = (0..<7).filter { weekdays & (1 << $0) != 0 }
        let names = fa ? JalaliCalendar.persianWeekdays : JalaliCalendar.englishWeekdays
        let dayText =
            selectedDays.count == 7
            ? (fa ? "همهٔ روزها" : "every day") : selectedDays.map { names[$0] }.joined(separator: fa ? "، " : ", ")
        return fa
            ? "فیلترها: \(n(days)) روز آینده · \(modeText) · ساعت \(n(hourFrom)) تا \(n(hourTo)) · \(dayText)"
            : "Filters: next \(days) days · \(modeText) · \(hourFrom):00–\(hourTo):00 · \(dayText)"
    }

    /// `/stats` for admins.
    public func stats(users: Int, activeUsers: Int, subscriptions: Int, targets: Int, sentToday: Int) -> String {
        fa
            ? "📊 کاربران: \(n(users)) (فعال \(n(activeUsers)))\nاشتراک فعال: \(n(subscriptions))\nاهداف تحت نظر: \(n(targets))\nاعلان امروز: \(n(sentToday))"
            : "📊 Users: \(users) (active \(activeUsers))\nActive subscriptions: \(subscriptions)\nWatched targets: \(targets)\nNotices today: \(sentToday)"
    }

    // MARK: Subscribe by name, and what is free when a subscription starts (issues #13 and #14)

    /// Confirming a subscription: the slots the last check of the target listed, still in the future.
    public func freeNowOnSubscribe(_ slots: [Date], total: Int) -> String {
        let shown = slots.prefix(5)
        let listed = shown.map { JalaliCalendar.dateTime($0, language: language) }.joined(separator: fa ? "\n• " : "\n• ")
        let remaining = max(total, slots.count) - shown.count
        let more = remaining > 0 ? (fa ? "\n… و \(n(remaining)) نوبت دیگر" : "\n… and \(remaining) more") : ""
        return (fa ? "🟢 نوبت‌های خالی همین حالا:\n• " : "🟢 Free right now:\n• ") + listed + more
    }

    /// Confirming a subscription whose target's last check found no free slot.
    public var noFreeSlotNow: String {
        fa ? "فعلاً نوبت خالی نیست؛ خبرتان می‌کنم" : "No free slot right now; I will tell you."
    }

    /// Confirming a subscription whose target was never checked yet.
    public var notCheckedYetOnSubscribe: String {
        fa ? "هنوز بررسی نشده؛ خبرتان می‌کنم" : "Not checked yet; I will tell you."
    }

    /// The subscribe confirmation followed by what is free now.
    public func subscribed(doctor: String, target: String, freeNow: String) -> String {
        subscribed(doctor: doctor, target: target) + "\n" + freeNow
    }

    /// `/subscribe <words>` found doctors: pick one.
    public var chooseDoctor: String {
        fa ? "کدام پزشک؟" : "Which doctor?"
    }

    /// A doctor button of a name search: name, specialty, city and the earliest free time.
    public func doctorChoice(name: String, specialty: String?, city: String?, earliest: Date?) -> String {
        var parts = [doctorName(name)]
        if let specialty { parts.append(specialty) }
        if let city { parts.append(city) }
        if let earliest {
            parts.append((fa ? "اولین نوبت: " : "first free: ") + JalaliCalendar.dateTime(earliest, language: language))
        }
        return parts.joined(separator: " · ")
    }

    /// `/subscribe <words>` found nobody.
    public var noDoctorFound: String {
        fa
            ? "پزشکی با این نام پیدا نشد. املای نام را بررسی کنید، بخشی از نام را بفرستید یا لینک صفحهٔ پزشک در پذیرش۲۴ را بفرستید، مثلاً:\n/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"
            : "No doctor found by that name. Check the spelling, send part of the name, or paste the doctor's paziresh24 page link, e.g.:\n/subscribe https://www.paziresh24.com/dr/some-doctor-0/"
    }

    /// The share of paziresh24 requests kept for the bot is used up for the moment.
    public var lookupBusy: String {
        fa ? "الان سرم شلوغ است؛ چند ثانیهٔ دیگر دوباره امتحان کنید." : "I'm busy right now; please try again in a few seconds."
    }

    /// Something failed on our side.
    public var internalError: String {
        fa
            ? "مشکلی پیش آمد و درخواست انجام نشد. لطفاً کمی بعد دوباره امتحان کنید."
            : "Something went wrong and I couldn't do that. Please try again shortly."
    }
}
