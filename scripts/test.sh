#!/usr/bin/env bash
# The README's test command. On a fresh Debian machine it installs what is missing, builds the
# package, starts PostgreSQL and the Kafka-protocol broker on free loopback ports, validates the
# deploy files offline, runs `swift test`, always stops what it started, and exits with the
# tests' status.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

ensure_packages

WORK=$(mktemp -d /tmp/slothunter-test.XXXXXX)
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local status=$?
  stop_broker
  stop_postgres
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
start_broker "$SLOTHUNTER_BIN_DIR" "$WORK"
export SLOTHUNTER_WORK_DIR="$WORK"

# Two phases in one script: the unit and single-process integration tests in parallel, then the
# multi-process drills, scale-out and end-to-end suites one at a time. On 2 cores, running the
# multi-process suites beside everything else starves the timing-sensitive tests (consumer-group
# sessions, Telegram's per-second limits) and makes them flaky.
HEAVY='EndToEndTests|ScraperScaleOut|ScraperDrill|NotifierDrill|NotifierProcess|NotifierExecutables|Fuzz'
if [ "$#" -gt 0 ]; then
  log "running swift test $*"
  set +e
  swift test --skip-build "$@"
  status=$?
  set -e
  exit "$status"
fi
log "running swift test (phase 1: parallel)"
set +e
swift test --skip-build --skip "$HEAVY" 2>&1 | tee "$WORK/phase1.log"
status1=${PIPESTATUS[0]}
log "running swift test (phase 2: multi-process suites, one at a time)"
swift test --skip-build --no-parallel --filter "$HEAVY" 2>&1 | tee "$WORK/phase2.log"
status2=${PIPESTATUS[0]}
set -e
# One closing line for both phases: "N passed, N failed".
python3 - "$WORK/phase1.log" "$WORK/phase2.log" <<'PY'
import sys
passed = failed = 0
for path in sys.argv[1:]:
    for line in open(path, errors="replace"):
        if line.startswith("✔ Test ") and not line.startswith("✔ Test run with"):
            passed += 1
        elif line.startswith("✘ Test ") and not line.startswith("✘ Test run with") and " failed after " in line:
            failed += 1
print(f"{passed} passed, {failed} failed")
PY
[ "$status1" -eq 0 ] && [ "$status2" -eq 0 ]
