import BotDomain
import Foundation
import Localization
import Messaging

/// A `Conversation` on in-memory ports: no PostgreSQL, Kafka, Telegram or paziresh24, and a manual
/// clock for the flood guard, so use-case tests run in milliseconds.
public struct ConversationRig: Sendable {
    /// The store (an `InMemoryBotStore`), seen through its ports as the conversation sees it.
    public let store: any BotStore
    /// What the bot sent.
    public let messenger: RecordingMessenger
    /// What reached the watches topic.
    public let watches: WatchLog
    /// The notifier's ledger as the "still free?" button reads it (tests seed it).
    public let notices: InMemoryNoticeSlots
    /// The clock the conversation and the store read.
    public let clock: ManualClock
    /// The conversation under test.
    public let conversation: Conversation
    /// The doctor the directory knows, and its targets.
    public let doctor: DoctorRef
    /// The doctor's targets.
    public let targets: [WatchTarget]

    /// A rig whose directory knows one doctor with `targetCount` targets, then `moreDoctors` (each
    /// with `targetCount` targets too); `directoryFailure` makes every paziresh24 lookup throw, and
    /// `earliest` is the first free time a name search lists for every doctor; the first doctor's
    /// online services cost `onlinePriceRial` (as the full profile's `free_price` says).
    public init(
        targetCount: Int = 2, moreDoctors: [DoctorRef] = [], directoryFailure: DoctorLookupError? = nil,
        earliest: Date? = nil, onlinePriceRial: Int64? = nil, configure: (inout Conversation.Settings) -> Void = { _ in }
    ) {
        let clock = ManualClock()
        let store = InMemoryBotStore(now: clock.function)
        let messenger = RecordingMessenger()
        let watches = WatchLog()
        let notices = InMemoryNoticeSlots()
        let doctor = BotFixtures.doctor()
        let targets = BotFixtures.targets(of: doctor, count: targetCount, onlinePriceRial: onlinePriceRial)
        var settings = Conversation.Settings()
        configure(&settings)
        self.clock = clock
        self.store = store
        self.messenger = messenger
        self.watches = watches
        self.notices = notices
        self.doctor = doctor
        self.targets = targets
        self.conversation = Conversation(
            store: store, watches: WatchSync(store: store, publisher: watches),
            directory: StubDoctorDirectory(
                [(doctor, targets)] + moreDoctors.map { ($0, BotFixtures.targets(of: $0, count: targetCount)) },
                failure: directoryFailure, earliest: earliest),
            messenger: messenger, notices: notices, settings: settings)
    }

    /// A private text message from `chat`; a leading `/word` is marked as a `bot_command`.
    public func say(_ chat: Int64, _ text: String, languageCode: String? = "fa") async throws {
        let command = text.hasPrefix("/") ? text.prefix { !$0.isWhitespace }.utf16.count : 0
        let entities = command > 0 ? [IncomingMessage.Entity(type: "bot_command", offset: 0, length: command)] : []
        let message = IncomingMessage(
            chatId: chat, chatType: "private", userId: chat, username: nil, firstName: "آزمون", languageCode: languageCode,
            content: .text(text, entities: entities), isEdited: false)
        try await conversation.handle(.message(message), now: clock.now())
    }

    /// A tap on a button with `data` in `chat`.
    public func tap(_ chat: Int64, _ data: String, id: String = UUID().uuidString, messageId: Int64? = nil) async throws {
        let callback = IncomingCallback(id: id, chatId: chat, userId: chat, languageCode: "fa", data: data, messageId: messageId)
        try await conversation.handle(.callback(callback), now: clock.now())
    }

    /// The last text sent to `chat`.
    public func lastText(_ chat: Int64) async -> String? {
        await messenger.last(to: chat)?.text
    }
}
