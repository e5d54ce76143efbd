import Postgres

/// 0001: users, doctors, watch targets, subscriptions with filters, notifications (unique per user
/// and slot), per-user rate-limit state and the last check per target.
enum Migration0001Initial {
    static let migration = Migration(
        version: 1, name: "initial",
        sql: #"""
            CREATE TABLE users (
                chat_id        BIGINT PRIMARY KEY,
                user_id        BIGINT,
                username       TEXT,
                first_name     TEXT,
                language       TEXT NOT NULL DEFAULT 'fa' CHECK (language IN ('fa', 'en')),
                status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'blocked')),
                status_reason  TEXT,
                created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
            );

            CREATE TABLE doctors (
                slug           TEXT PRIMARY KEY,
                doctor_id      TEXT,
                display_name   TEXT NOT NULL,
                specialty      TEXT,
                updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
            );

            -- short_id: a small number that fits Telegram's 64-byte callback_data.
            CREATE TABLE watch_targets (
                id             TEXT PRIMARY KEY,
                short_id       BIGSERIAL UNIQUE,
                doctor_slug    TEXT NOT NULL REFERENCES doctors (slug),
                center_id      TEXT NOT NULL,
                center_name    TEXT NOT NULL,
                user_center_id TEXT NOT NULL,
                server_id      TEXT NOT NULL DEFAULT '1',
                is_online      BOOLEAN NOT NULL,
                service_id     TEXT NOT NULL,
                service_name   TEXT NOT NULL,
                created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                UNIQUE (center_id, service_id)
            );
            CREATE INDEX watch_targets_doctor ON watch_targets (doctor_slug);

            -- Filters: window_days (slots within the next N days), mode (any / online / in_person),
            -- hour_from..hour_to (Tehran hours, [from, to)), weekdays (bit n = JavaScript getDay() n,
            -- 0 = Sunday; 127 = every day).
            CREATE TABLE subscriptions (
                id             BIGSERIAL PRIMARY KEY,
                chat_id        BIGINT NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE,
                target_id      TEXT NOT NULL REFERENCES watch_targets (id),
                active         BOOLEAN NOT NULL DEFAULT true,
                window_days    INTEGER NOT NULL DEFAULT 30 CHECK (window_days BETWEEN 1 AND 90),
                mode           TEXT NOT NULL DEFAULT 'any' CHECK (mode IN ('any', 'online', 'in_person')),
                hour_from      SMALLINT NOT NULL DEFAULT 0 CHECK (hour_from BETWEEN 0 AND 23),
                hour_to        SMALLINT NOT NULL DEFAULT 24 CHECK (hour_to BETWEEN 1 AND 24),
                weekdays       SMALLINT NOT NULL DEFAULT 127 CHECK (weekdays BETWEEN 1 AND 127),
                created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                UNIQUE (chat_id, target_id)
            );
            CREATE INDEX subscriptions_active_by_target ON subscriptions (target_id, chat_id) WHERE active;

            -- One row per (user, slot), ever: the idempotency key of delivery.
            CREATE TABLE notifications (
                id             BIGSERIAL PRIMARY KEY,
                chat_id        BIGINT NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE,
                target_id      TEXT NOT NULL,
                slot_start     TIMESTAMPTZ NOT NULL,
                slot_event_id  UUID,
                status         TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'suppressed', 'failed')),
                reason         TEXT,
                telegram_message_id BIGINT,
                observed_at    TIMESTAMPTZ,
                created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                sent_at        TIMESTAMPTZ,
                UNIQUE (chat_id, target_id, slot_start)
            );
            CREATE INDEX notifications_pending ON notifications (created_at) WHERE status = 'pending';

            -- Token bucket per user and doctor, shared by every notifier replica.
            CREATE TABLE rate_limits (
                chat_id        BIGINT NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE,
                doctor_slug    TEXT NOT NULL,
                tokens         DOUBLE PRECISION NOT NULL,
                updated_at     TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (chat_id, doctor_slug)
            );

            CREATE TABLE target_checks (
                target_id      TEXT PRIMARY KEY REFERENCES watch_targets (id) ON DELETE CASCADE,
                checked_at     TIMESTAMPTZ NOT NULL,
                outcome        TEXT NOT NULL,
                error_kind     TEXT,
                free_slot_count INTEGER NOT NULL DEFAULT 0,
                earliest_slots TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
                duration_ms    INTEGER NOT NULL DEFAULT 0,
                last_success_at TIMESTAMPTZ
            );
            """#)
}
