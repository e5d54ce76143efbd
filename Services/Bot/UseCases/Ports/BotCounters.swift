/// The counters the adapters bump (updates received, handler failures, poison records). The app's
/// `BotMetrics` implements it on the metrics registry; adapters never see the registry itself.
public protocol BotCounters: Sendable {
    /// A Telegram update of `kind` arrived.
    func update(kind: String)
    /// An update's handling failed.
    func failure()
    /// A `doctor.checked` record was dead-lettered as poison.
    func poisonRecord()
}
