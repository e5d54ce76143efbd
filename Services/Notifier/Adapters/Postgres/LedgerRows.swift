import NotifierDomain

/// The notices of a batch as ledger rows (column arrays for `unnest`; instants as milliseconds
/// since 1970): one per (user, target, slot start), duplicates removed (one `INSERT … ON CONFLICT
/// DO UPDATE` may not touch a row twice), sorted by key.
struct LedgerRows {
    var chats: [Int64] = []
    var targets: [String] = []
    var starts: [Int64] = []
    var observed: [Int64] = []

    init(_ notices: [Notice]) {
        var rows: [LedgerKey: Int64] = [:]
        for notice in notices {
            let observedAt = LedgerKey.milliseconds(notice.observedAt)
            for slot in notice.slots {
                let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, start: slot.start)
                rows[key] = min(rows[key] ?? observedAt, observedAt)
            }
        }
        for (key, observedAt) in rows.sorted(by: { ($0.key.chatId, $0.key.targetId, $0.key.startMilliseconds) < ($1.key.chatId, $1.key.targetId, $1.key.startMilliseconds) }) {
            chats.append(key.chatId)
            targets.append(key.targetId)
            starts.append(key.startMilliseconds)
            observed.append(observedAt)
        }
    }

    var isEmpty: Bool { chats.isEmpty }
}
