import BotDomain
import BotTestSupport
import Foundation
import Localization
import Messaging
import Testing

/// Issue #13 item 5: confirming a subscription answers at once with what the target's last
/// recorded check (`target_checks`) says is free now, with no request to paziresh24.
@Suite("Conversation: what is free when a subscription is confirmed")
struct SubscribeFreeNowTests {
    let fa = BotText(.persian)
    let en = BotText(.english)

    /// Subscribes chat 1 to the rig's first target and returns the confirmation text.
    private func confirm(_ rig: ConversationRig, languageCode: String = "fa") async throws -> String {
        try await rig.say(1, "/start", languageCode: languageCode)
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.tap(1, "sub:\(stored[0].shortId)")
        return try #require(await rig.lastText(1))
    }

    @Test("a target checked with free slots: the future ones, in Jalali Tehran time, and how many more")
    func freeNow() async throws {
        let rig = ConversationRig()
        let now = rig.clock.now()
        let past = now.addingTimeInterval(-600)
        let soon = now.addingTimeInterval(3600)
        let later = now.addingTimeInterval(86_400)
        _ = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.store.recordCheck(
            TargetCheck(
                targetId: rig.targets[0].id, checkedAt: now.addingTimeInterval(-900), outcome: .ok, freeSlotCount: 9,
                earliestSlots: [past, soon, later], durationMs: 40))
        let reply = try await confirm(rig)
        let label = fa.targetLabel(center: rig.targets[0].center.name, service: rig.targets[0].service.name, isOnline: false)
        #expect(
            reply == fa.subscribed(doctor: rig.doctor.displayName, target: label, freeNow: fa.freeNowOnSubscribe([soon, later], total: 8)))
        #expect(reply.contains(JalaliCalendar.dateTime(soon, language: .persian)))
        #expect(reply.contains(JalaliCalendar.dateTime(later, language: .persian)))
        #expect(!reply.contains(JalaliCalendar.dateTime(past, language: .persian)), "a slot already passed is not offered")
        #expect(reply.contains("🟢 نوبت‌های خالی همین حالا:"))
        #expect(reply.contains("و ۶ نوبت دیگر"), "9 counted, 1 passed, 2 listed: 6 more")
    }

    @Test("a target checked with no free slot: «no free slot right now; I will tell you»")
    func noneNow() async throws {
        let rig = ConversationRig()
        _ = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.store.recordCheck(
            TargetCheck(
                targetId: rig.targets[0].id, checkedAt: rig.clock.now().addingTimeInterval(-60), outcome: .noSlots,
                freeSlotCount: 0, earliestSlots: [], durationMs: 40))
        let reply = try await confirm(rig)
        #expect(reply.hasSuffix("\nفعلاً نوبت خالی نیست؛ خبرتان می‌کنم"))
        #expect(reply.hasPrefix("✅ از این پس نوبت‌های خالی دکتر \(rig.doctor.displayName)"))
    }

    @Test("a target never checked (or only failed checks): says so honestly, in the user's language")
    func neverChecked() async throws {
        let rig = ConversationRig()
        #expect(try await confirm(rig).hasSuffix("\nهنوز بررسی نشده؛ خبرتان می‌کنم"))

        let english = ConversationRig()
        #expect(try await confirm(english, languageCode: "en").hasSuffix("\nNot checked yet; I will tell you."))

        let failing = ConversationRig()
        _ = try await failing.store.saveDoctor(failing.doctor, targets: failing.targets)
        try await failing.store.recordCheck(
            TargetCheck(
                targetId: failing.targets[0].id, checkedAt: failing.clock.now(), outcome: .error, errorKind: "timeout",
                freeSlotCount: 0, earliestSlots: [], durationMs: 30_000))
        #expect(try await confirm(failing).hasSuffix("\n" + fa.notCheckedYetOnSubscribe))
    }

    @Test("only the confirmed target's check counts, not another target's of the same doctor")
    func otherTarget() async throws {
        let rig = ConversationRig()
        _ = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        try await rig.store.recordCheck(
            TargetCheck(
                targetId: rig.targets[1].id, checkedAt: rig.clock.now(), outcome: .ok, freeSlotCount: 1,
                earliestSlots: [rig.clock.now().addingTimeInterval(7200)], durationMs: 40))
        #expect(try await confirm(rig).hasSuffix("\n" + fa.notCheckedYetOnSubscribe))
    }
}
