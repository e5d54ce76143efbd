import BotAdapters
import BotApp
import BotDomain
import Foundation
import Messaging
import TestSupport
import Testing

/// The reconciler republishes every active target and cancels targets nobody watches.
@Suite("WatchReconciler", .enabled(if: BotHarness.isEnabled))
struct WatchReconcilerTests {
    @Test("a pass requests every active target again and cancels the unwatched ones")
    func reconcile() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor()
            let onlineTarget = try #require(doctor.onlineTargetId)
            try await bot.subscribe(9001, to: doctor.url, choosing: "🏥 حضوری")
            _ = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 1)

            let reconciler = WatchReconciler(store: bot.store, sync: bot.watches, interval: .seconds(3600), logger: bot.logger)
            let (requested, cancelled) = try await reconciler.reconcile()
            #expect(requested == 1 && cancelled == 1)
            let office = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 2)
            #expect(office.map(\.schema) == ["watch.requested", "watch.requested"])
            // The online target was only ever offered on a button: cancelled, harmlessly.
            let online = try await WatchTap.shared.waitForEvents(for: onlineTarget, count: 1)
            #expect(online.map(\.schema) == ["watch.cancelled"])
            #expect(online.first?.reason == "no_subscribers")
        }
    }

    @Test("run() reconciles at start, then stops cleanly when cancelled")
    func runAtStart() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor(withOnline: false)
            try await bot.subscribe(9002, to: doctor.url, choosing: "🏥 حضوری")
            let reconciler = WatchReconciler(store: bot.store, sync: bot.watches, interval: .seconds(3600), logger: bot.logger)
            let running = Task { try await reconciler.run() }
            let events = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 2)
            #expect(events.map(\.schema) == ["watch.requested", "watch.requested"])
            running.cancel()
            try await running.value
        }
    }
}
