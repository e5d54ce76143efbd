#!/usr/bin/env bash
# Issue #11 drill: SIGTERM while the upstream dies at the same moment, RUNS times per service,
# each service busy first (the bot's reply and the notifier's sends hanging at the Telegram
# stand-in, the scraper's getFreeDays in flight at the paziresh24 stand-in); runs cycle through
# killing the HTTP upstream, the drill's private broker, and both. Builds,
# starts PostgreSQL and the broker, and stops them, exactly as scripts/test.sh does (it is that
# script, filtered to the drill suite). Prints one line per service:
#   sigterm-drill: service=bot runs=50 max_exit_s=X failures=0
# followed by its maximum per strike and its exit statuses.
# Usage: bench/drills/sigterm.sh [RUNS]   (default 50)
# The services get the production grace period (25 s) here, the test run's drill a shorter one
# (SLOTHUNTER_SIGTERM_DRILL_GRACE_SECONDS overrides both).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-50}
log=$(mktemp /tmp/slothunter-sigterm-drill.XXXXXX)
status=0
SLOTHUNTER_SIGTERM_DRILL_RUNS="$runs" SLOTHUNTER_SIGTERM_DRILL_GRACE_SECONDS=${SLOTHUNTER_SIGTERM_DRILL_GRACE_SECONDS:-25} \
  SLOTHUNTER_SKIP_DEPLOY_VALIDATION=1 \
  scripts/test.sh --filter 'SigtermDrillTests' >"$log" 2>&1 || status=$?
grep -E '^sigterm-drill: service=[a-z]+ (runs|strike|exit_statuses)=' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "sigterm-drill: FAILED (status $status); full output in $log" >&2
  grep -E 'error|failed|Issue' "$log" | tail -n 40 >&2 || true
  exit "$status"
fi
rm -f "$log"
