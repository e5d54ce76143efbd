#!/usr/bin/env bash
# Drill for the README's run command: start scripts/run-local.sh in its own session (as a terminal
# would), press "Ctrl-C" (SIGINT to its whole process group) while the demo conversation runs,
# and check that it exits within the grace period and leaves no process behind: no service, no
# stand-in, no broker, no PostgreSQL.
#
#   SLOTHUNTER_BIN_DIR=$(swift build --show-bin-path) scripts/run-local-stop-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

: "${SLOTHUNTER_BIN_DIR:?set SLOTHUNTER_BIN_DIR to the built binaries (swift build --show-bin-path)}"
GRACE=${SHUTDOWN_GRACE_PERIOD:-10s}
LIMIT=$(( ${GRACE%s} + 7 + 3 + 5 + 10 ))   # services' grace + clean-up, stand-ins, broker, PostgreSQL
LOG=$(mktemp /tmp/slothunter-stop-test.XXXXXX)
trap 'rm -f "$LOG"' EXIT

# A job started with & ignores SIGINT, and bash cannot trap a signal ignored on entry: restore the
# default disposition first, as a terminal's foreground job has it.
SHUTDOWN_GRACE_PERIOD=$GRACE setsid python3 -c \
  'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
  scripts/run-local.sh >"$LOG" 2>&1 &
LEADER=$!
for _ in $(seq 1 600); do
  grep -q 'SlotHunter is running' "$LOG" && break
  kill -0 "$LEADER" 2>/dev/null || { cat "$LOG" >&2; log "run-local.sh ended before it was running"; exit 1; }
  sleep 0.1
done
grep -q 'SlotHunter is running' "$LOG" || { cat "$LOG" >&2; log "run-local.sh did not start within 60 s"; exit 1; }
WORKDIR=$(grep -o '/tmp/slothunter-run\.[A-Za-z0-9]*' "$LOG" | head -n 1)
[ -n "$WORKDIR" ] || { cat "$LOG" >&2; log "no work directory in the output"; exit 1; }
sleep 4   # mid-demo: services polling, the conversation under way
started=$(date +%s%N)
kill -INT -- "-$LEADER"
wait "$LEADER" || true
took_ms=$(( ($(date +%s%N) - started) / 1000000 ))

leftovers=$( { pgrep -g "$LEADER" || true; pgrep -f "$WORKDIR" || true; } | sort -u | tr '\n' ' ')
if [ -n "${leftovers// /}" ]; then
  ps -o pid,pgid,args -p "${leftovers// /,}" >&2 || true
  pkill -KILL -g "$LEADER" 2>/dev/null || true
  pkill -KILL -f "$WORKDIR" 2>/dev/null || true
  log "run-local stop drill: processes left behind: $leftovers"
  exit 1
fi
if (( took_ms > LIMIT * 1000 )); then
  tail -n 30 "$LOG" >&2
  log "run-local stop drill: took ${took_ms} ms (limit ${LIMIT} s)"
  exit 1
fi
[ -d "$WORKDIR" ] && { log "run-local stop drill: $WORKDIR was not removed"; exit 1; }
grep -E "pid|stopping|stopped in|SIGKILL" "$LOG" >&2 || true
log "run-local stop drill: Ctrl-C stopped everything in ${took_ms} ms (limit ${LIMIT} s), nothing left running"
