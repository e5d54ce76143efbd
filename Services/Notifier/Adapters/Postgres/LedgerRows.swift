import Foundation
import NotifierDomain

/// The notices of a batch as ledger rows (column arrays for `unnest`; instants as milliseconds
/// since 1970, episodes as text): one per (user, target, slot start, episode), duplicates removed
/// (one `INSERT … ON CONFLICT DO UPDATE` may not touch a row twice), sorted by key.
struct LedgerRows {
    var chats: [Int64] = []
    var targets: [String] = []
    var starts: [Int64] = []
    var episodes: [String] = []
    var ends: [Int64] = []
    var granularities: [String] = []
    var observed: [Int64] = []

    init(_ notices: [Notice]) {
        var rows: [LedgerKey: (observed: Int64, slot: SlotPeriod)] = [:]
        for notice in notices {
            let observedAt = LedgerKey.milliseconds(notice.observedAt)
            for slot in notice.slots {
                let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, slot: slot)
                rows[key] = (min(rows[key]?.observed ?? observedAt, observedAt), rows[key]?.slot ?? slot)
            }
        }
        for (key, row) in rows.sorted(by: { $0.key < $1.key }) {
            chats.append(key.chatId)
            targets.append(key.targetId)
            starts.append(key.startMilliseconds)
            episodes.append(key.episode.uuidString.lowercased())
            ends.append(LedgerKey.milliseconds(row.slot.end))
            granularities.append(row.slot.granularity.rawValue)
            observed.append(row.observed)
        }
    }

    var isEmpty: Bool { chats.isEmpty }
}

/// Episode keys as column arrays for `unnest`.
struct EpisodeRows {
    var targets: [String] = []
    var starts: [Int64] = []
    var episodes: [String] = []

    init(_ keys: some Sequence<SlotEpisodeKey>) {
        for key in Set(keys).sorted() {
            targets.append(key.targetId)
            starts.append(key.startMilliseconds)
            episodes.append(key.episode.uuidString.lowercased())
        }
    }

    var isEmpty: Bool { targets.isEmpty }
}
