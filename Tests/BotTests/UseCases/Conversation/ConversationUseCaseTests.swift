import BotDomain
import BotTestSupport
import Foundation
import Localization
import Messaging
import ServiceRuntime
import Testing

/// `Conversation` on the in-memory ports (`ConversationRig`): the use case alone, in milliseconds.
/// The end-to-end conversation suites next to this one run the same flows through Telegram,
/// paziresh24 and PostgreSQL stand-ins.
@Suite("Conversation use case (in memory)")
struct ConversationUseCaseTests {
    let fa = BotText(.persian)

    @Test("subscribe: keyboard of targets, pick, confirm; the first subscriber requests the watch, a repeat does not")
    func subscribe() async throws {
        let rig = ConversationRig()
        try await rig.say(1, "/start")
        #expect(await rig.lastText(1) == fa.welcome)
        try await rig.say(1, "/subscribe \(rig.doctor.slug)")
        let choose = try #require(await rig.messenger.last(to: 1))
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        let expected: [[String?]] = stored.map { ["pick:\($0.shortId)"] } + [["cancel"]]
        #expect(choose.keyboard?.map { $0.map(\.callbackData) } == expected)

        try await rig.tap(1, "pick:\(stored[0].shortId)")
        let confirm = try #require(await rig.messenger.last(to: 1))
        #expect(confirm.keyboard?.first?.map(\.callbackData) == ["sub:\(stored[0].shortId)", "cancel"] as [String?])

        try await rig.tap(1, "sub:\(stored[0].shortId)", id: "q1")
        #expect(await rig.messenger.answers.last == RecordingMessenger.Answer(id: "q1", text: fa.done))
        #expect(await rig.watches.messages == [.requested(rig.targets[0].id)])
        #expect(try await rig.store.subscriptions(chatId: 1).map(\.filters) == [.defaults])

        try await rig.say(2, "/start")
        try await rig.tap(2, "sub:\(stored[0].shortId)")
        try await rig.tap(1, "sub:\(stored[0].shortId)")
        #expect(await rig.lastText(1) == fa.alreadySubscribed(doctor: rig.doctor.displayName))
        #expect(await rig.watches.messages == [.requested(rig.targets[0].id)], "the second subscriber publishes nothing")
    }

    @Test("the profile's price of the online service goes into every watch.requested: the subscribe's and the reconciler's")
    func servicePrice() async throws {
        let rig = ConversationRig(onlinePriceRial: 5_000_000)
        let online = try #require(rig.targets.first { $0.center.isOnline })
        #expect(online.service.freePriceRial == 5_000_000)
        try await rig.say(1, "/start")
        try await rig.say(1, "/subscribe \(rig.doctor.slug)")
        // The directory's targets as the conversation stored them (its keyboard's short ids).
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        let shortId = try #require(stored.first { $0.target.id == online.id }?.shortId)
        try await rig.tap(1, "sub:\(shortId)")
        try await rig.say(2, "/start")
        let office = try #require(stored.first { !$0.target.center.isOnline })
        try await rig.tap(2, "sub:\(office.shortId)")
        #expect(await rig.watches.requestedTargets.map(\.service.freePriceRial) == [5_000_000, nil])

        // The reconciler rebuilds the watch list from the store: the price is still there.
        let store = try #require(rig.store as? InMemoryBotStore)
        let reconciler = WatchReconciler(
            store: store, sync: WatchSync(store: store, publisher: rig.watches), interval: .seconds(3600),
            logger: Logger(service: "bot", instance: "test", level: .warning, sink: .buffer(LogBuffer())))
        _ = try await reconciler.reconcile()
        let republished = await rig.watches.requestedTargets.dropFirst(2)
        #expect(republished.first { $0.id == online.id }?.service.freePriceRial == 5_000_000)
        #expect(republished.count == 2)
    }

    @Test("the subscription cap is the setting, and the reply names it")
    func cap() async throws {
        let rig = ConversationRig(targetCount: 3) { $0.maxSubscriptions = 2 }
        try await rig.say(1, "/start")
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        for target in stored { try await rig.tap(1, "sub:\(target.shortId)") }
        #expect(await rig.lastText(1) == fa.subscriptionLimit(2))
        #expect(try await rig.store.subscriptions(chatId: 1).count == 2)
    }

    @Test("the last unsubscribe cancels the watch; /stop deletes the user and cancels what only they watched")
    func unsubscribeAndStop() async throws {
        let rig = ConversationRig()
        try await rig.say(1, "/start")
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.tap(1, "sub:\(stored[0].shortId)")
        try await rig.tap(1, "sub:\(stored[1].shortId)")
        let first = try #require(try await rig.store.subscriptions(chatId: 1).first)
        try await rig.tap(1, "unsub:\(first.id)")
        #expect(await rig.lastText(1) == fa.unsubscribed(doctor: rig.doctor.displayName))
        try await rig.tap(1, "stop:yes")
        #expect(try await rig.store.user(chatId: 1) == nil)
        #expect(
            await rig.watches.messages == [
                .requested(rig.targets[0].id), .requested(rig.targets[1].id),
                .cancelled(rig.targets[0].id, reason: "last_unsubscribe"), .cancelled(rig.targets[1].id, reason: "last_unsubscribe"),
            ])
    }

    @Test("the flood guard runs on the injected clock: refused at the burst, allowed again a minute later")
    func flood() async throws {
        let rig = ConversationRig {
            $0.floodBurst = 2
            $0.floodPerMinute = 1
        }
        try await rig.say(1, "/help")
        try await rig.say(1, "/help")
        try await rig.say(1, "/help")
        #expect(await rig.lastText(1) == fa.flood)
        rig.clock.advance(by: 61)
        try await rig.say(1, "/help")
        #expect(await rig.lastText(1) == fa.help)
    }

    @Test("/pause and /resume set the status; /status says when notices are paused")
    func pause() async throws {
        let rig = ConversationRig()
        try await rig.say(1, "/start")
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.tap(1, "sub:\(stored[0].shortId)")
        try await rig.say(1, "/pause")
        #expect(try await rig.store.user(chatId: 1)?.status == .paused)
        try await rig.say(1, "/status")
        #expect(await rig.lastText(1)?.contains(fa.statusPaused) == true)
        try await rig.say(1, "/resume")
        #expect(try await rig.store.user(chatId: 1)?.status == .active)
    }

    @Test("blocking the bot cancels what only that user watched; writing again brings it back")
    func blockAndReturn() async throws {
        let rig = ConversationRig()
        try await rig.say(1, "/start")
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.tap(1, "sub:\(stored[0].shortId)")
        try await rig.conversation.handle(.membership(IncomingMembership(chatId: 1, chatType: "private", newStatus: "kicked")))
        #expect(try await rig.store.user(chatId: 1)?.status == .blocked)
        try await rig.say(1, "/help")
        #expect(try await rig.store.user(chatId: 1)?.status == .active)
        #expect(
            await rig.watches.messages == [
                .requested(rig.targets[0].id), .cancelled(rig.targets[0].id, reason: "last_unsubscribe"),
                .requested(rig.targets[0].id),
            ])
    }
}
