/// Per-chat queues of work: one lane per chat handles that chat's items one after another, in the
/// order they were queued; lanes run in parallel. At most `capacity` items are queued or running;
/// `enqueue` waits while that many are, which holds the poller back (backpressure).
///
/// Lanes are unstructured tasks on purpose: cancelling the poller must not cut a reply in half;
/// shutdown calls `waitUntilIdle()` instead, so there is always something to drain.
package actor ChatLanes<Item: Sendable> {
    package typealias Handler = @Sendable (Item) async -> Void

    private struct Entry {
        var item: Item
        var batch: Int?
    }

    private let capacity: Int
    private let handler: Handler
    /// Chats with a running lane, and what waits behind the item in hand.
    private var lanes: [Int64: [Entry]] = [:]
    private var pending = 0
    private var capacityWaiters: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Items of each `enqueueAndWait` batch not handled yet, and who waits for the batch.
    private var batches: [Int: Int] = [:]
    private var batchWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextBatch = 0

    package init(capacity: Int, handler: @escaping Handler) {
        self.capacity = max(1, capacity)
        self.handler = handler
    }

    /// Items queued or running.
    package var count: Int { pending }

    /// Queues items; returns once all are queued.
    package func enqueue(_ items: [(chat: Int64, item: Item)]) async {
        for (chat, item) in items { await enqueue(Entry(item: item, batch: nil), chat: chat) }
    }

    /// Queues items and returns when all of them have been handled.
    package func enqueueAndWait(_ items: [(chat: Int64, item: Item)]) async {
        guard !items.isEmpty else { return }
        let batch = nextBatch
        nextBatch += 1
        batches[batch] = items.count
        for (chat, item) in items { await enqueue(Entry(item: item, batch: batch), chat: chat) }
        guard batches[batch] != nil else { return }  // all handled already
        await withCheckedContinuation { batchWaiters[batch] = $0 }
    }

    /// Returns when nothing is queued or running.
    package func waitUntilIdle() async {
        guard pending > 0 else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func enqueue(_ entry: Entry, chat: Int64) async {
        while pending >= capacity { await withCheckedContinuation { capacityWaiters.append($0) } }
        pending += 1
        if lanes[chat] != nil {
            lanes[chat]?.append(entry)
        } else {
            lanes[chat] = [entry]
            Task { await self.runLane(chat) }
        }
    }

    private nonisolated func runLane(_ chat: Int64) async {
        while let entry = await take(chat) {
            await handler(entry.item)
            await finished(entry)
        }
    }

    /// The next item of a lane; nil closes the lane.
    private func take(_ chat: Int64) -> Entry? {
        guard var queue = lanes[chat], !queue.isEmpty else {
            lanes[chat] = nil
            return nil
        }
        let entry = queue.removeFirst()
        lanes[chat] = queue
        return entry
    }

    private func finished(_ entry: Entry) {
        pending -= 1
        if !capacityWaiters.isEmpty { capacityWaiters.removeFirst().resume() }
        if let batch = entry.batch, let remaining = batches[batch] {
            if remaining <= 1 {
                batches[batch] = nil
                batchWaiters.removeValue(forKey: batch)?.resume()
            } else {
                batches[batch] = remaining - 1
            }
        }
        if pending == 0 {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }
}
