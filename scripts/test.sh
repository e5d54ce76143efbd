#!/usr/bin/env bash
# The README's test command. On a fresh Debian machine it installs what is missing, builds the
# package, starts PostgreSQL and the Kafka-protocol broker on free loopback ports, validates the
# deploy files offline, runs the backup/restore test, runs `swift test` and the Ctrl-C drill of
# scripts/run-local.sh, always stops what it started, and exits with the tests' status.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

ensure_packages

WORK=$(mktemp -d /tmp/slothunter-test.XXXXXX)
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local status=$?
  stop_broker 5
  stop_postgres 10
  if [ "$status" -ne 0 ] && [ -n "${CI:-}" ]; then
    for f in "$WORK"/kafka-broker.log "$WORK"/pg/server.log; do
      [ -f "$f" ] && { log "---- tail of $f"; tail -n 40 "$f" >&2; }
    done
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

log "building (debug, with tests)"
start=$(date +%s)
if ! swift build --build-tests >"$WORK/build.log" 2>&1; then
  grep -E 'error|warning' "$WORK/build.log" >&2 || tail -n 60 "$WORK/build.log" >&2
  log "build failed"
  exit 1
fi
grep -E 'warning:' "$WORK/build.log" >&2 || true
log "build took $(( $(date +%s) - start )) s"
SLOTHUNTER_BIN_DIR=$(swift build --show-bin-path)
export SLOTHUNTER_BIN_DIR

if [ -x scripts/validate-deploy.sh ] && [ -z "${SLOTHUNTER_SKIP_DEPLOY_VALIDATION:-}" ]; then
  log "validating deploy files offline"
  scripts/validate-deploy.sh
  [ -x scripts/validate-deploy-selftest.sh ] && scripts/validate-deploy-selftest.sh
fi

start_postgres "$WORK"
# A few seconds: pg_dump with the backup script the deployments run, pg_restore into a fresh
# database, counts and checksums compared. A failure stops the run here.
log "backup/restore test"
scripts/backup-restore-test.sh
start_broker "$SLOTHUNTER_BIN_DIR" "$WORK"
export SLOTHUNTER_WORK_DIR="$WORK"

# Serial on purpose: the suites start brokers, PostgreSQL servers, stand-ins and service
# processes, and check Telegram's per-second limits and consumer-group timing; run side by side on
# 2 cores (Swift's cooperative pool has one thread per core) they starve each other into flakes.
log "running swift test (one test at a time)"
set +e
swift test --skip-build --no-parallel "$@"
status=$?
set -e
# The run command's Ctrl-C drill (about 20 s): on full runs only, not with a --filter.
if [ "$#" -eq 0 ] && [ -z "${SLOTHUNTER_SKIP_RUN_LOCAL_DRILL:-}" ]; then
  log "Ctrl-C drill of scripts/run-local.sh"
  scripts/run-local-stop-test.sh || status=1
fi
exit "$status"
