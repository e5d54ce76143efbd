#!/usr/bin/env bash
# One PostgreSQL backup of SlotHunter: a custom-format `pg_dump` (compressed, restorable table by
# table with pg_restore) written to BACKUP_DIR as slothunter-YYYYMMDDTHHMMSSZ.dump, then all but
# the newest BACKUP_KEEP dumps are deleted. The Kubernetes CronJob `postgres-backup` runs it once
# per schedule; the compose service `postgres-backup` runs it every BACKUP_INTERVAL_SECONDS
# (`--every`). scripts/backup-restore-test.sh runs this very file and restores its dump.
#
#   DATABASE_URL or DATABASE_URL_FILE   the database (a secret: never printed)
#   BACKUP_DIR                          where the dumps go (default /backups)
#   BACKUP_KEEP                         how many dumps to keep (default 14)
#
#   pg-backup.sh                 one backup, then exit (status 0 only if the dump succeeded)
#   pg-backup.sh --every SECS    a backup now and then every SECS seconds, until SIGTERM
set -euo pipefail

backup_dir="${BACKUP_DIR:-/backups}"
keep="${BACKUP_KEEP:-14}"

say() { printf '%s pg-backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

if [ -n "${DATABASE_URL_FILE:-}" ]; then
    DATABASE_URL="$(cat "${DATABASE_URL_FILE}")"
fi
[ -n "${DATABASE_URL:-}" ] || { say "DATABASE_URL (or DATABASE_URL_FILE) is not set" >&2; exit 78; }
[[ "${keep}" =~ ^[1-9][0-9]*$ ]] || { say "BACKUP_KEEP must be a positive integer, got '${keep}'" >&2; exit 78; }

backup_once() {
    local stamp target partial
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    target="${backup_dir}/slothunter-${stamp}.dump"
    partial="${target}.partial"
    mkdir -p "${backup_dir}"
    # Written under another name first: a dump cut short (crash, full disk) never looks like a
    # backup and is never counted among the ones kept.
    if ! pg_dump --format=custom --compress=6 --no-owner --no-privileges \
        --dbname="${DATABASE_URL}" --file="${partial}"; then
        rm -f "${partial}"
        say "pg_dump failed; no backup written" >&2
        return 1
    fi
    mv "${partial}" "${target}"
    say "wrote ${target} ($(wc -c < "${target}") bytes)"
    # Names sort by time; keep the newest ${keep}.
    local old
    while IFS= read -r old; do
        rm -f "${old}"
        say "pruned ${old}"
    done < <(find "${backup_dir}" -maxdepth 1 -name 'slothunter-*.dump' -type f | sort -r | tail -n "+$((keep + 1))")
    find "${backup_dir}" -maxdepth 1 -name 'slothunter-*.dump.partial' -type f -mmin +60 -delete
}

if [ "${1:-}" = "--every" ]; then
    interval="${2:-}"
    [[ "${interval}" =~ ^[1-9][0-9]*$ ]] || { say "--every needs a number of seconds" >&2; exit 2; }
    trap 'say "stopping"; exit 0' TERM INT
    say "backing up every ${interval} s to ${backup_dir}, keeping ${keep}"
    while true; do
        # A failed backup is logged and retried at the next interval; the loop keeps running.
        backup_once || true
        sleep "${interval}" &
        wait $! || true
    done
fi
[ "$#" -eq 0 ] || { say "unknown argument: $1 (use --every SECONDS or nothing)" >&2; exit 2; }
backup_once
