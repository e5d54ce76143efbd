/// The open connections of an `HTTPServer` and its admission policy, kept behind the server's lock.
///
/// A connection is *busy* while its handler runs and its response is written, and *waiting*
/// otherwise: idle between keep-alive requests or receiving a request. When every slot is taken,
/// a new connection evicts the connection that has been waiting longest (a slow client that sent
/// half a request line, or an idle keep-alive client), so a liveness probe is answered however
/// many slow clients hold sockets open. Only when every slot is busy is the newcomer refused (503).
struct ConnectionTable {
    struct Entry {
        let fd: Int32
        /// The handler task while one runs.
        var task: Task<Void, Never>?
        var busy = false
        /// Whether another connection took this one's slot; its thread is winding down.
        var evicted = false
        /// When it last began waiting (accepted, or finished writing a response).
        var waitingSince: ContinuousClock.Instant
    }

    /// Outcome of `admit`.
    enum Admission: Equatable {
        /// Serve the connection under `id`; shut `evicting` down (its owner thread closes it).
        case admitted(id: Int, evicting: Int32?)
        /// Every slot is busy: answer 503 and close.
        case refused
    }

    let capacity: Int
    private(set) var entries: [Int: Entry] = [:]
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Connections holding a slot (evicted ones do not).
    var occupied: Int { entries.values.count(where: { !$0.evicted }) }

    /// Admits a connection, evicting the longest-waiting one if every slot is taken.
    mutating func admit(fd: Int32, now: ContinuousClock.Instant) -> Admission {
        var victim: Int32?
        if occupied >= capacity {
            let candidate = entries.filter { !$0.value.evicted && !$0.value.busy }
                .min { $0.value.waitingSince < $1.value.waitingSince }
            guard let (victimID, entry) = candidate else { return .refused }
            entries[victimID]?.evicted = true
            victim = entry.fd
        }
        let id = nextID
        nextID += 1
        entries[id] = Entry(fd: fd, waitingSince: now)
        return .admitted(id: id, evicting: victim)
    }

    /// Marks a connection busy (a request was read); false when it was evicted meanwhile.
    mutating func beginHandling(_ id: Int) -> Bool {
        guard let entry = entries[id], !entry.evicted else { return false }
        entries[id]?.busy = true
        return true
    }

    /// Marks a connection waiting again (its response was written).
    mutating func endHandling(_ id: Int, now: ContinuousClock.Instant) {
        entries[id]?.busy = false
        entries[id]?.task = nil
        entries[id]?.waitingSince = now
    }

    mutating func setTask(_ task: Task<Void, Never>?, for id: Int) {
        entries[id]?.task = task
    }

    mutating func remove(_ id: Int) {
        entries[id] = nil
    }
}
