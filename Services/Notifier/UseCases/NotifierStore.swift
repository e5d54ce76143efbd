/// Everything the notifier persists: the subscriptions it reads and the ledger it writes.
///
/// Implemented by `PostgresNotifierStore` (shared by every replica) and, in tests, by the
/// in-memory stores of `NotifierTestSupport`.
public typealias NotifierStore = SubscriberDirectory & DeliveryLedger
