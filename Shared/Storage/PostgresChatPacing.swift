import ChatPacing
import Postgres

/// `ChatPacing` in PostgreSQL, shared by every replica of the bot and the notifier: one atomic
/// upsert per message (`ChatPacingRule` in SQL, on the database's clock) reserves the chat's next
/// free instant and answers how long to wait for it. `clock_timestamp()`, not `now()`: a
/// reservation that waited for another one's row lock counts from when it got the lock.
public struct PostgresChatPacing: ChatPacing {
    let client: PostgresClient
    let intervalMilliseconds: Int64

    /// Creates the adapter; sends to one chat are spaced by `interval`.
    public init(client: PostgresClient, interval: Duration) {
        self.client = client
        self.intervalMilliseconds = max(0, interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
    }

    public func reserve(chatId: Int64) async throws -> Duration {
        let interval = intervalMilliseconds
        let rows = try await client.query(
            """
            INSERT INTO chat_pacing AS p (chat_id, next_free_at) VALUES (\(chatId), clock_timestamp() + \(interval)::float8 * interval '1 millisecond')
            ON CONFLICT (chat_id) DO UPDATE
                SET next_free_at = greatest(p.next_free_at, clock_timestamp()) + \(interval)::float8 * interval '1 millisecond'
            RETURNING greatest(0, ceil(extract(epoch FROM p.next_free_at - clock_timestamp()) * 1000) - \(interval)::bigint)::bigint
            """)
        // The upsert answers exactly one row.
        let wait = try rows[0].decode(Int64.self)
        return .milliseconds(wait)
    }
}
