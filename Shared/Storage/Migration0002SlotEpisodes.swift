import Postgres

/// 0002: the slot lifecycle in the notifier's ledger. A notice row keys on the slot's episode
/// (`slot.found`'s `episode`; the nil UUID for a `slot.found` without one, so those keep the old
/// key), so a slot that comes back is a new notice; it keeps the slot's end and granularity (to
/// offer a held-back slot again); two new statuses, `withdrawn` (a `slot.gone` came before the
/// notice went) and `expired`; and `gone_slots`, the episodes closed by `slot.gone`.
enum Migration0002SlotEpisodes {
    static let migration = Migration(
        version: 2, name: "slot_episodes",
        sql: #"""
            ALTER TABLE notifications
                ADD COLUMN episode     UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
                ADD COLUMN slot_end    TIMESTAMPTZ,
                ADD COLUMN granularity TEXT NOT NULL DEFAULT 'time' CHECK (granularity IN ('time', 'day'));
            ALTER TABLE notifications DROP CONSTRAINT notifications_chat_id_target_id_slot_start_key;
            ALTER TABLE notifications
                ADD CONSTRAINT notifications_chat_target_slot_episode_key UNIQUE (chat_id, target_id, slot_start, episode);
            ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
            ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
                CHECK (status IN ('pending', 'sent', 'suppressed', 'failed', 'withdrawn', 'expired'));
            -- Held back by the per-user limit (offered later, once), or offered and not yet sent.
            CREATE INDEX notifications_held_back ON notifications (chat_id, target_id)
                WHERE status = 'suppressed' OR (status = 'pending' AND reason = 'offered');

            -- Episodes closed by slot.gone; purged once the slot has long ended.
            CREATE TABLE gone_slots (
                target_id       TEXT NOT NULL,
                slot_start      TIMESTAMPTZ NOT NULL,
                episode         UUID NOT NULL,
                slot_end        TIMESTAMPTZ NOT NULL,
                first_missed_at TIMESTAMPTZ NOT NULL,
                recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (target_id, slot_start, episode)
            );
            CREATE INDEX gone_slots_by_end ON gone_slots (slot_end);
            """#)
}
