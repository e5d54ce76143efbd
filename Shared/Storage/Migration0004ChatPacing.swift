import Postgres

/// 0004: the per-chat send schedule the bot and the notifier share (`PostgresChatPacing`): the
/// instant each chat may receive its next message.
enum Migration0004ChatPacing {
    static let migration = Migration(
        version: 4, name: "chat_pacing",
        sql: #"""
            CREATE TABLE chat_pacing (
                chat_id      BIGINT PRIMARY KEY,
                next_free_at TIMESTAMPTZ NOT NULL
            );
            """#)
}
