/// The counts of `/stats`.
public protocol StatsStore: Sendable {
    /// Counts for `/stats`.
    func stats() async throws -> BotStats
}
