import Postgres

/// 0003: a doctor's paziresh24 search slugs (`city_slug`, `specialty_slug`, read from the full
/// profile), kept with the doctor so every `watch.requested` the bot publishes (the conversation
/// and the reconciler alike) carries them and the scraper can probe the doctor through search.
enum Migration0003DoctorSearchSlugs {
    static let migration = Migration(
        version: 3, name: "doctor_search_slugs",
        sql: #"""
            ALTER TABLE doctors
                ADD COLUMN city_slug      TEXT,
                ADD COLUMN specialty_slug TEXT;
            """#)
}
