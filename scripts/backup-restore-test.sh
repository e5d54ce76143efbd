#!/usr/bin/env bash
# Backup/restore test: a backup that was never restored is not a backup.
#
# Creates a database with the SlotHunter schema (the `migrate` executable runs the services' own
# migrations) and representative rows (users, doctors, targets, subscriptions, ledger rows in
# `notifications`, rate-limit state, checks), backs it up with deploy/k8s/base/backup/pg-backup.sh
# (the very script the Kubernetes CronJob and the compose service run: `pg_dump
# --format=custom`), checks that it pruned old dumps beyond BACKUP_KEEP, restores the dump with
# `pg_restore` into a fresh database and compares row counts and content checksums of every
# table, then checks the restored sequences and migration state. Exits non-zero, saying what
# differs, on any mismatch.
#
#   scripts/backup-restore-test.sh    uses SLOTHUNTER_DATABASE_URL (a server from
#                                     scripts/lib/common.sh start_postgres, as scripts/test.sh
#                                     has), else starts and stops its own PostgreSQL server;
#                                     uses SLOTHUNTER_BIN_DIR/migrate, else builds it
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

started=$(date +%s)
work=$(mktemp -d /tmp/slothunter-backup-test.XXXXXX)
own_server=0
source_db="slothunter_backup_src_$$"
restored_db="slothunter_backup_dst_$$"

fail() { log "backup-restore-test: FAILED: $*"; exit 1; }

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local status=$?
  if [ -n "${admin_url:-}" ] && [ "$own_server" -eq 0 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $source_db" -c "DROP DATABASE IF EXISTS $restored_db" >/dev/null 2>&1 || true
  fi
  [ "$own_server" -eq 0 ] || stop_postgres 10
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

if [ -z "${SLOTHUNTER_DATABASE_URL:-}" ]; then
  start_postgres "$work"
  own_server=1
fi
admin_url=$SLOTHUNTER_DATABASE_URL
# The client tools of the newest installed PostgreSQL, like the server start_postgres starts.
PATH="$(pg_bin_dir):$PATH"
export PATH

db_url() { printf '%s/%s\n' "${admin_url%/*}" "$1"; }
psql_admin() { psql --no-psqlrc -X -q -v ON_ERROR_STOP=1 --dbname="$admin_url" "$@"; }
psql_db() { local db=$1; shift; psql --no-psqlrc -X -q -A -t -v ON_ERROR_STOP=1 --dbname="$(db_url "$db")" "$@"; }

bin_dir=${SLOTHUNTER_BIN_DIR:-$(swift build --show-bin-path)}
if [ ! -x "$bin_dir/migrate" ]; then
  log "building the migrate executable"
  swift build --product migrate >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "cannot build migrate"; }
fi

psql_admin -c "CREATE DATABASE $source_db" -c "CREATE DATABASE $restored_db"

# 1. Schema through the services' own migrations, then representative rows.
DATABASE_URL=$(db_url "$source_db") "$bin_dir/migrate" >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log" >&2; fail "migrate on the source database"; }
psql_db "$source_db" <<'SQL'
INSERT INTO users (chat_id, user_id, username, first_name, language, status, status_reason) VALUES
  (1001, 1001, 'ali', 'Ali', 'fa', 'active', NULL),
  (1002, 1002, 'sara', 'سارا', 'fa', 'paused', NULL),
  (1003, 1003, NULL, 'Bob', 'en', 'blocked', 'bot blocked by user');
INSERT INTO doctors (slug, doctor_id, display_name, specialty) VALUES
  ('dr-rezaei', '41', 'دکتر رضایی', 'قلب'),
  ('dr-karimi', '42', 'Dr Karimi', 'skin');
INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name) VALUES
  ('c1:s1', 'dr-rezaei', 'c1', 'مطب', 'uc1', false, 's1', 'visit'),
  ('c2:s2', 'dr-karimi', 'c2', 'Online', 'uc2', true, 's2', 'online visit');
INSERT INTO subscriptions (chat_id, target_id, active, window_days, mode, hour_from, hour_to, weekdays) VALUES
  (1001, 'c1:s1', true, 30, 'any', 0, 24, 127),
  (1001, 'c2:s2', true, 7, 'online', 8, 20, 62),
  (1002, 'c1:s1', false, 14, 'in_person', 9, 13, 1),
  (1003, 'c2:s2', true, 90, 'any', 0, 24, 127);
INSERT INTO notifications (chat_id, target_id, slot_start, slot_event_id, status, reason, telegram_message_id, observed_at, sent_at) VALUES
  (1001, 'c1:s1', '2030-01-05 06:30:00+00', '6f1c2e0a-1b2c-4d5e-8f90-0123456789ab', 'sent', NULL, 555, now(), now()),
  (1001, 'c1:s1', '2030-01-05 07:00:00+00', NULL, 'suppressed', 'rate_limited', NULL, now(), NULL),
  (1001, 'c2:s2', '2030-01-06 10:00:00+00', NULL, 'pending', NULL, NULL, now(), NULL),
  (1002, 'c1:s1', '2030-01-05 06:30:00+00', NULL, 'failed', 'chat_not_found', NULL, now(), NULL),
  (1003, 'c2:s2', '2030-01-07 12:15:00+00', NULL, 'suppressed', 'blocked', NULL, now(), NULL);
INSERT INTO rate_limits (chat_id, doctor_slug, tokens, updated_at) VALUES
  (1001, 'dr-rezaei', 1.5, now()),
  (1003, 'dr-karimi', 3, now());
INSERT INTO target_checks (target_id, checked_at, outcome, free_slot_count, earliest_slots, duration_ms, last_success_at) VALUES
  ('c1:s1', now(), 'ok', 2, ARRAY['2030-01-05 06:30:00+00'::timestamptz, '2030-01-05 07:00:00+00'], 120, now());
SQL

# 2. The backup, with two older dumps that BACKUP_KEEP=2 must prune down to one.
backups="$work/backups"
mkdir -p "$backups"
echo stale > "$backups/slothunter-20000101T000000Z.dump"
echo stale > "$backups/slothunter-20000102T000000Z.dump"
DATABASE_URL=$(db_url "$source_db") BACKUP_DIR="$backups" BACKUP_KEEP=2 \
  deploy/k8s/base/backup/pg-backup.sh >"$work/backup.log" 2>&1 \
  || { cat "$work/backup.log" >&2; fail "pg-backup.sh"; }
sed 's/^/  /' "$work/backup.log" >&2
mapfile -t dumps < <(find "$backups" -maxdepth 1 -name 'slothunter-*.dump' | sort)
[ "${#dumps[@]}" -eq 2 ] || fail "expected 2 dumps after pruning with BACKUP_KEEP=2, found ${#dumps[@]}: ${dumps[*]}"
[ "$(basename "${dumps[0]}")" = slothunter-20000102T000000Z.dump ] || fail "the oldest dump was not the one pruned: ${dumps[*]}"
dump=${dumps[1]}
[[ "$(basename "$dump")" =~ ^slothunter-[0-9]{8}T[0-9]{6}Z\.dump$ ]] || fail "unexpected dump name $dump"
head -c 5 "$dump" | grep -q PGDMP || fail "$dump is not a custom-format dump"
if find "$backups" -name '*.partial' | grep -q .; then fail "a .partial file was left behind"; fi

# 3. Restore into the fresh database.
pg_restore --exit-on-error --no-owner --no-privileges --dbname="$(db_url "$restored_db")" "$dump" \
  || fail "pg_restore of $dump"

# 4. Compare every table: row count and a checksum of its rows (sorted by their text form).
table_facts() {
  psql_db "$1" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, ''|'' ORDER BY t::text)), ''-'') FROM %I t',
              table_name, table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
\gexec
SQL
}
table_facts "$source_db" > "$work/source.facts"
table_facts "$restored_db" > "$work/restored.facts"
if ! diff -u "$work/source.facts" "$work/restored.facts" >&2; then
  fail "restored tables differ from the source (table, rows, checksum above)"
fi
for table in users subscriptions notifications; do
  line=$(grep "^$table " "$work/restored.facts") || fail "table $table missing after restore"
  count=$(cut -d' ' -f2 <<<"$line")
  [ "$count" -gt 0 ] || fail "table $table is empty: the test inserted nothing?"
done
counts=$(awk '{printf "%s%s=%s", sep, $1, $2; sep=", "}' "$work/restored.facts")

# 5. Sequences continue after the restored rows, and the schema is current.
next_id=$(psql_db "$restored_db" -c "INSERT INTO subscriptions (chat_id, target_id) VALUES (1002, 'c2:s2') RETURNING id")
max_id=$(psql_db "$source_db" -c "SELECT max(id) FROM subscriptions")
[ "$next_id" -gt "$max_id" ] || fail "subscriptions sequence not restored: new id $next_id <= $max_id"
DATABASE_URL=$(db_url "$restored_db") "$bin_dir/migrate" >"$work/migrate-restored.log" 2>&1 \
  || { cat "$work/migrate-restored.log" >&2; fail "migrate on the restored database"; }
if grep -q 'applied migrations' "$work/migrate-restored.log"; then
  fail "migrate applied migrations to the restored database: schema_migrations was not restored"
fi

log "backup-restore-test: ok ($(( $(date +%s) - started )) s): dump $(basename "$dump") ($(wc -c <"$dump") bytes), pruned to BACKUP_KEEP=2, restored: $counts; sequences continue, schema current"
