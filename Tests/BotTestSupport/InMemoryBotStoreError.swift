/// What the in-memory store refuses, where PostgreSQL would raise a foreign-key violation.
public enum InMemoryBotStoreError: Error, Sendable, Equatable {
    /// No such user (subscribe before `upsertUser`).
    case unknownUser(chatId: Int64)
    /// No such target (subscribe before `saveDoctor`).
    case unknownTarget(id: String)
}
