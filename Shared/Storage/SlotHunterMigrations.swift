import Postgres

/// The numbered migrations of the SlotHunter schema, applied at start-up by every service that
/// uses PostgreSQL (under an advisory lock, recorded in `schema_migrations`).
///
/// A shipped migration is never edited: add the next number.
public enum SlotHunterMigrations {
    /// Every migration, in order.
    public static let all: [Migration] = [
        Migration0001Initial.migration,
        Migration0002SlotEpisodes.migration,
        Migration0003DoctorSearchSlugs.migration,
        Migration0004ChatPacing.migration,
        Migration0005TargetServicePrice.migration,
    ]
}
