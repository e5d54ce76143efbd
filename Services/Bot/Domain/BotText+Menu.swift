import Localization

/// Texts of the command menu, the main keyboard and per-subscription filters (issue #15, items 1,
/// 2 and 4), kept together in one block.
extension BotText {
    private var persian: Bool { language == .persian }

    // MARK: Command menu (setMyCommands, setMyDescription, setMyShortDescription)

    /// A command's line in Telegram's `/` menu (1-256 characters).
    public func menuDescription(_ command: BotCommand) -> String {
        switch command {
        case .start: persian ? "شروع و منوی اصلی" : "Start and show the main menu"
        case .help: persian ? "راهنما و همهٔ دستورها" : "Help and every command"
        case .subscribe: persian ? "دنبال کردن نوبت‌های یک پزشک" : "Follow a doctor's free slots"
        case .unsubscribe: persian ? "لغو دنبال کردن یک پزشک" : "Stop following a doctor"
        case .status: persian ? "فهرست من و نوبت‌های خالی فعلی" : "My list and the slots free now"
        case .filters: persian ? "فیلتر روز، ساعت و نوع نوبت" : "Filter days, hours and visit type"
        case .pause: persian ? "توقف موقت اعلان‌ها" : "Pause notices"
        case .resume: persian ? "ادامهٔ اعلان‌ها" : "Resume notices"
        case .stop: persian ? "حذف همهٔ اطلاعات من" : "Delete everything stored about me"
        case .language: persian ? "تغییر زبان (فارسی / English)" : "Switch language (فارسی / English)"
        case .stats: persian ? "آمار (فقط مدیر)" : "Statistics (admins only)"
        case .menu: persian ? "نمایش منوی دکمه‌ها" : "Show the button menu"
        }
    }

    /// Shown in an empty chat with the bot (at most 512 characters).
    public var botDescription: String {
        persian
            ? "شکارچی نوبت نوبت‌های خالی پزشکان پذیرش۲۴ را مدام بررسی می‌کند و به‌محض آزاد شدن نوبت، همین‌جا خبرتان می‌کند تا خودتان رزرو کنید. لینک صفحهٔ پزشک را بفرستید یا /start را بزنید."
            : "SlotHunter keeps checking paziresh24 doctors' free appointment slots and tells you here the moment one frees up, so you can book it yourself. Send a doctor's page link or tap /start."
    }

    /// On the bot's profile page and in shared links (at most 120 characters).
    public var botShortDescription: String {
        persian ? "خبر فوری از نوبت‌های خالی پزشکان پذیرش۲۴" : "Instant alerts for free paziresh24 doctor slots"
    }

    // MARK: Main keyboard

    /// A button of the main keyboard (its exact text is what a tap sends back).
    public func menuButton(_ action: MainKeyboard.Action) -> String {
        switch action {
        case .follow: persian ? "➕ دنبال کردن پزشک" : "➕ Follow a doctor"
        case .list: persian ? "📋 فهرست من" : "📋 My list"
        case .filters: persian ? "⚙️ فیلترها" : "⚙️ Filters"
        case .help: persian ? "❓ راهنما" : "❓ Help"
        case .hide: persian ? "بستن منو" : "Hide menu"
        }
    }

    /// The input field's placeholder while the keyboard is shown (1-64 characters).
    public var menuPlaceholder: String {
        persian ? "یک گزینه را بزنید یا لینک پزشک را بفرستید" : "Tap an option or send a doctor's link"
    }

    /// `/menu`: the keyboard is back.
    public var menuShown: String {
        persian ? "منو باز شد. هر وقت خواستید با «بستن منو» آن را ببندید." : "Here is the menu. Tap “Hide menu” to close it."
    }

    /// `/menu off` or the «بستن منو» button.
    public var menuHidden: String {
        persian ? "منو بسته شد. برای باز کردن دوباره /menu را بفرستید." : "Menu hidden. Send /menu to bring it back."
    }

    // MARK: Per-subscription filters

    /// The inline button under a subscription in `/status`.
    public var subscriptionFilterButton: String { persian ? "⚙️ فیلتر" : "⚙️ Filter" }

    /// The label of that button for the subscription numbered `number` in the list (`⚙️ فیلتر ۲`).
    public func subscriptionFilterButton(number: Int) -> String {
        subscriptionFilterButton + " " + n(number)
    }

    /// The number in front of a subscription in `/status` (`۲.`), matching its filter button.
    public func listNumber(_ number: Int) -> String { n(number) + "." }

    /// The header of one subscription's filters.
    public func subscriptionFiltersHeader(doctor: String, target: String) -> String {
        persian
            ? "⚙️ فیلترهای این اشتراک (فقط همین):\n👨‍⚕️ \(doctorName(doctor))\n\(target)"
            : "⚙️ Filters of this subscription only:\n👨‍⚕️ \(doctorName(doctor))\n\(target)"
    }

    /// How to change one subscription's filters by typing (`id` is the subscription's).
    public func subscriptionFiltersUsage(id: Int64) -> String {
        persian
            ? """
            با دکمه‌ها انتخاب کنید یا بنویسید (فقط روی همین اشتراک):
            /filters \(id) روزها سه شنبه، پنجشنبه
            /filters \(id) ساعت ۱۸:۰۰-۲۲
            /filters \(id) روز ۱۴
            /filters \(id) نوع آنلاین
            """
            : """
            Tap a button or type (this subscription only):
            /filters \(id) weekdays tue,thu
            /filters \(id) hours 18:00-22
            /filters \(id) days 14
            /filters \(id) mode online
            """
    }

    /// A per-subscription change was saved.
    public var subscriptionFiltersSaved: String {
        persian ? "✅ فیلتر این اشتراک ذخیره شد." : "✅ Saved for this subscription."
    }

    /// The subscription is not (or no longer) the user's.
    public var subscriptionNotFound: String {
        persian
            ? "این اشتراک پیدا نشد؛ شاید لغو شده است. فهرست: /status"
            : "I can't find that subscription; it may have been removed. Your list: /status"
    }
}
