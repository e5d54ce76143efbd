import Postgres

/// 0005: a target's service price in Rial (`free_price` of the doctor's full profile, NULL when
/// unknown), kept with the target so every `watch.requested` the bot publishes (the conversation
/// and the reconciler alike) carries it and the scraper's first `slot.found` of an online target
/// already shows the price.
enum Migration0005TargetServicePrice {
    static let migration = Migration(
        version: 5, name: "target_service_price",
        sql: #"""
            ALTER TABLE watch_targets
                ADD COLUMN service_price_rial BIGINT CHECK (service_price_rial > 0);
            """#)
}
