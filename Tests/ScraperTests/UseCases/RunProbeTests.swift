import Foundation
import ScraperDomain
import Synchronization
import Testing

/// A probe source answering scripted pages (or errors) in order.
private final class ScriptedProbeSource: ProbeSource {
    private let answers: Mutex<[Result<ProbePage, FreeSlotSourceError>]>
    init(_ answers: [Result<ProbePage, FreeSlotSourceError>]) { self.answers = Mutex(answers) }
    func page(_ query: ProbeQuery) async throws -> ProbePage {
        try answers.withLock { $0.removeFirst() }.get()
    }
}

@Suite("RunProbe")
struct RunProbeTests {
    private static func target(_ index: Int) -> ScrapeTarget {
        ScrapeTarget(
            doctor: .init(slug: "dr-\(index)", displayName: "Dr", citySlug: "tehran", specialtySlug: "cardio"),
            center: .init(id: "c-\(index)", name: "clinic", userCenterId: "uc-\(index)", isOnline: false),
            service: .init(id: "s-\(index)", name: "visit"))
    }

    private static func page(_ earliest: Date?) -> ProbePage {
        ProbePage(doctors: ["dr-1": .init(earliest: ["c-1": earliest])], hasMore: false)
    }

    @Test("a page feeds change detection (none → some triggers the poll); a failed probe reports its kind and triggers nothing")
    func run() async throws {
        let soon = Date().addingTimeInterval(86_400)
        let state = ScraperState(minInterval: 30, probing: ProbingPolicy(sweepInterval: 600, probeInterval: 0.01, probeFloor: 0.5))
        await state.assign([0])
        await state.apply(.requested(Self.target(1)), partition: 0)
        let probe = RunProbe(
            source: ScriptedProbeSource([
                .success(Self.page(nil)), .failure(FreeSlotSourceError(kind: "timeout")), .success(Self.page(soon)),
            ]),
            state: state)
        let query = ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1)
        _ = await state.probeGroups
        var results: [RunProbe.Result] = []
        for _ in 0..<3 { results.append(try await probe.run(query)) }
        #expect(results[0].outcome.triggered.isEmpty && results[0].outcome.observed == 1 && results[0].errorKind == nil)
        #expect(results[1].errorKind == "timeout" && results[1].outcome.triggered.isEmpty)
        #expect(results[2].outcome.triggered == ["c-1:s-1"])
        #expect(await state.triggeredWaiting == 1)
    }
}
