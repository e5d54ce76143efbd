import Localization

/// What an inline button asks for when tapped: the bot's `callback_data`, typed. The wire form
/// (`pick:<short id>`, `sub:<short id>`, `unsub:<subscription id>`, `stop:yes`, `flt:<arguments of
/// /filters>`, `sflt:<subscription id>[:<arguments>]`, `lang:<code>`, `cancel`, `doc:<token>` for a doctor of a
/// name search, and `still:<slot start, ms>` for a notice's "still free?" button, which the notifier
/// writes) is the one buttons already in users' chats carry, so it
/// must not change; Telegram's 64-byte limit is checked here and nowhere else.
public enum CallbackData: Sendable, Equatable {
    /// A doctor was picked from a `/subscribe <words>` search. The token is the chat's short number
    /// for the doctor's slug (`DoctorPicks`): a slug is Persian and may exceed 64 bytes.
    case doctor(token: Int64)
    /// A target was picked on `/subscribe`'s keyboard: ask to confirm.
    case pick(shortId: Int64)
    /// The subscription was confirmed.
    case subscribe(shortId: Int64)
    /// Remove this subscription.
    case unsubscribe(subscriptionId: Int64)
    /// `/stop` confirmed: delete everything.
    case stopConfirmed
    /// A `/filters` quick choice (never `.show`).
    case filter(FilterCommand)
    /// One subscription's filters: `.show` them with quick choices, or apply a change to it alone
    /// (`sflt:<subscription id>[:<arguments of /filters>]`).
    case subscriptionFilter(subscriptionId: Int64, FilterCommand)
    /// Switch the language.
    case language(Language)
    /// Close the question.
    case cancel
    /// A notice's "🔄 still free?" button (the notifier writes it: `NoticeComposer.stillFreeCallbackData`):
    /// the start of the notice's first slot, milliseconds since 1970. The notice's slots are found by
    /// the chat and the message the button is on; the start only when that message is not recorded yet.
    case stillFree(firstSlotStartMilliseconds: Int64)

    /// Telegram's limit on `callback_data`, in bytes.
    public static let maxBytes = 64

    /// The wire form; every case fits `maxBytes` by construction (the longest is an `Int64` id or a
    /// `/filters` argument list), which the precondition guards should a new case break it.
    public var encoded: String {
        let raw: String
        switch self {
        case .doctor(let token): raw = "doc:\(token)"
        case .pick(let shortId): raw = "pick:\(shortId)"
        case .subscribe(let shortId): raw = "sub:\(shortId)"
        case .unsubscribe(let id): raw = "unsub:\(id)"
        case .stopConfirmed: raw = "stop:yes"
        case .filter(let change): raw = "flt:\(change.arguments)"
        case .subscriptionFilter(let id, .show): raw = "sflt:\(id)"
        case .subscriptionFilter(let id, let change): raw = "sflt:\(id):\(change.arguments)"
        case .language(let language): raw = "lang:\(language.rawValue)"
        case .cancel: raw = "cancel"
        case .stillFree(let start): raw = "still:\(start)"
        }
        precondition(raw.utf8.count <= Self.maxBytes, "callback_data over \(Self.maxBytes) bytes: \(raw)")
        return raw
    }

    /// Reads a button's data; nil for anything malformed, unknown or stale (answered as expired).
    public init?(decoding data: String) {
        guard data.utf8.count <= Self.maxBytes else { return nil }
        let parts = data.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch parts[0] {
        case "doc":
            guard let token = Int64(argument) else { return nil }
            self = .doctor(token: token)
        case "pick":
            guard let id = Int64(argument) else { return nil }
            self = .pick(shortId: id)
        case "sub":
            guard let id = Int64(argument) else { return nil }
            self = .subscribe(shortId: id)
        case "unsub":
            guard let id = Int64(argument) else { return nil }
            self = .unsubscribe(subscriptionId: id)
        case "stop":
            guard argument == "yes" else { return nil }
            self = .stopConfirmed
        case "flt":
            guard let change = FilterCommand.parse(argument), change != .show else { return nil }
            self = .filter(change)
        case "sflt":
            let pieces = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let id = Int64(pieces[0]) else { return nil }
            if pieces.count == 1 {
                self = .subscriptionFilter(subscriptionId: id, .show)
            } else {
                guard let change = FilterCommand.parse(pieces[1]), change != .show else { return nil }
                self = .subscriptionFilter(subscriptionId: id, change)
            }
        case "lang":
            guard let language = Language(rawValue: argument) else { return nil }
            self = .language(language)
        case "cancel":
            self = .cancel
        case "still":
            guard let start = Int64(argument) else { return nil }
            self = .stillFree(firstSlotStartMilliseconds: start)
        default:
            return nil
        }
    }

    /// The action part of raw data (`pick`, `sub`, …) when it names a known one, for the metrics
    /// label; `unknown` otherwise.
    public static func actionLabel(of data: String) -> String {
        let action = data.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return knownActions.contains(action) ? action : "unknown"
    }

    static let knownActions: Set<String> = ["doc", "pick", "sub", "unsub", "stop", "flt", "sflt", "lang", "cancel", "still"]
}
