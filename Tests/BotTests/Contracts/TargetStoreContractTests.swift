import BotDomain
import BotTestSupport
import Messaging
import Testing

/// `TargetStore`: the in-memory store and PostgreSQL behave the same.
@Suite("TargetStore contract")
struct TargetStoreContractTests {
    @Test("targets get distinct short ids that survive saving the doctor again, with the new names", arguments: StoreBackend.all)
    func shortIds(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let doctor = BotFixtures.doctor()
            let targets = BotFixtures.targets(of: doctor, count: 3)
            let first = try await store.saveDoctor(doctor, targets: targets)
            #expect(first.map(\.target) == targets)
            #expect(Set(first.map(\.shortId)).count == 3)

            var renamed = targets
            renamed[0].center.name = "مطب تازه"
            let renamedDoctor = DoctorRef(slug: doctor.slug, displayName: "سارا احمدی‌نژاد", specialty: nil)
            let second = try await store.saveDoctor(renamedDoctor, targets: renamed)
            #expect(second.map(\.shortId) == first.map(\.shortId))

            let found = try #require(try await store.target(shortId: first[0].shortId))
            #expect(found.target.center.name == "مطب تازه")
            #expect(found.target.doctor == renamedDoctor)
            #expect(found.target.id == targets[0].id)
            let unknown = (first.map(\.shortId).max() ?? 0) + 1000
            #expect(try await store.target(shortId: unknown) == nil)
        }
    }

    /// The service price travels with the target, so every `watch.requested` (conversation and
    /// reconciler alike) carries it (PostgreSQL: migration 0005's `service_price_rial`).
    @Test("a target's service price is stored, comes back everywhere, and a newer profile replaces it", arguments: StoreBackend.all)
    func servicePrice(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let doctor = BotFixtures.doctor("dr-price")
            let targets = BotFixtures.targets(of: doctor, count: 2, onlinePriceRial: 5_000_000)
            let saved = try await store.saveDoctor(doctor, targets: targets)
            let online = try #require(try await store.target(shortId: saved[1].shortId))
            #expect(online.target.service.freePriceRial == 5_000_000)
            #expect(try await store.target(shortId: saved[0].shortId)?.target.service.freePriceRial == nil)
            _ = try await store.upsertUser(chatId: 7, userId: 7, username: nil, firstName: nil, language: .persian)
            _ = try await store.subscribe(chatId: 7, targetId: online.target.id, cap: SubscriptionCap(limit: 10))
            #expect(try await store.activeTargets().map(\.service.freePriceRial) == [5_000_000], "what the reconciler republishes")
            #expect(try await store.subscriptions(chatId: 7).first?.target.service.freePriceRial == 5_000_000)
            // A later profile with another price, then one without any: the latest profile is the truth.
            let repriced = BotFixtures.targets(of: doctor, count: 2, onlinePriceRial: 6_000_000)
            _ = try await store.saveDoctor(doctor, targets: repriced)
            #expect(try await store.target(shortId: saved[1].shortId)?.target.service.freePriceRial == 6_000_000)
            _ = try await store.saveDoctor(doctor, targets: BotFixtures.targets(of: doctor, count: 2))
            #expect(try await store.target(shortId: saved[1].shortId)?.target.service.freePriceRial == nil)
        }
    }

    /// The search slugs travel with the doctor, so every `watch.requested` (conversation and
    /// reconciler alike) lets the scraper probe the doctor through search.
    @Test("a doctor's search slugs are stored and come back with every target", arguments: StoreBackend.all)
    func searchSlugs(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            var doctor = BotFixtures.doctor("dr-slugs")
            doctor.citySlug = "tehran"
            doctor.specialtySlug = "cardiovascular"
            let saved = try await store.saveDoctor(doctor, targets: BotFixtures.targets(of: doctor, count: 2))
            let found = try #require(try await store.target(shortId: saved[1].shortId))
            #expect(found.target.doctor.citySlug == "tehran")
            #expect(found.target.doctor.specialtySlug == "cardiovascular")
            // A profile without them (or with them changed) replaces them.
            let plain = DoctorRef(slug: doctor.slug, displayName: doctor.displayName, specialty: doctor.specialty)
            let again = try await store.saveDoctor(plain, targets: BotFixtures.targets(of: plain, count: 2))
            let after = try #require(try await store.target(shortId: again[0].shortId))
            #expect(after.target.doctor.citySlug == nil && after.target.doctor.specialtySlug == nil)
        }
    }
}
