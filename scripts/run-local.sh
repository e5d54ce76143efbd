#!/usr/bin/env bash
# The README's run command: the whole SlotHunter system as local processes.
#
#   scripts/run-local.sh                   # stand-ins for paziresh24 and Telegram, plus a demo conversation
#   scripts/run-local.sh --exit-after-demo # same, but stop once the demo notice has arrived
#   TELEGRAM_BOT_TOKEN=... scripts/run-local.sh   # the real Telegram and paziresh24 (needs internet)
#
# It builds the package, starts PostgreSQL and the Kafka-protocol broker (the librdkafka mock
# cluster hosted by kafka-mock-broker) on free loopback ports, then the bot, scraper and notifier.
# Ctrl-C stops everything it started: SIGTERM, SHUTDOWN_GRACE_PERIOD (default 10s here) to stop,
# then SIGKILL for whatever is still running; PostgreSQL and the broker too. A second Ctrl-C kills at once.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

EXIT_AFTER_DEMO=0
SCRAPERS=${SCRAPERS:-1}
for arg in "$@"; do
  case "$arg" in
    --exit-after-demo) EXIT_AFTER_DEMO=1 ;;
    --scrapers=*) SCRAPERS=${arg#--scrapers=} ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) log "unknown argument: $arg"; exit 64 ;;
  esac
done

ensure_packages
WORK=$(mktemp -d /tmp/slothunter-run.XXXXXX)
PIDS=()          # everything started in the background, for the liveness loop
STANDIN_PIDS=()  # the stand-ins: stopped after the services, which talk to them while they drain
# The services get this long to stop gracefully on Ctrl-C; whatever still runs after it (plus a
# little slack) gets SIGKILL, PostgreSQL included.
export SHUTDOWN_GRACE_PERIOD=${SHUTDOWN_GRACE_PERIOD:-10s}
GRACE_SECONDS=${SHUTDOWN_GRACE_PERIOD%s}
[[ "$GRACE_SECONDS" =~ ^[0-9]+$ ]] || GRACE_SECONDS=30
STOPPING=0
# shellcheck disable=SC2317  # invoked by the trap
kill_everything() {
  log "second interrupt: SIGKILL"
  local pid
  for pid in "${PIDS[@]}" "${SLOTHUNTER_BROKER_PID:-}"; do
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  done
  return 0
}
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local status=$?
  # Once only (the INT/TERM trap exits, which fires the EXIT trap); a second Ctrl-C while
  # stopping kills what is left at once.
  if [ "$STOPPING" -eq 1 ]; then return; fi
  STOPPING=1
  trap kill_everything INT TERM
  log "stopping (grace ${GRACE_SECONDS} s)"
  local started=$SECONDS
  # Services first (their grace period plus the 5 s they give their clean-up), then what they
  # talk to while draining: the stand-ins, the broker, PostgreSQL.
  local services=() pid
  for pid in "${PIDS[@]}"; do
    [[ " ${STANDIN_PIDS[*]} " == *" $pid "* ]] || services+=("$pid")
  done
  stop_pids $((GRACE_SECONDS + 7)) "${services[@]}"
  stop_pids 3 "${STANDIN_PIDS[@]}"
  stop_broker 5
  stop_postgres 10
  if [ -n "${RUN_LOCAL_KEEP_LOGS:-}" ]; then
    log "stopped in $((SECONDS - started)) s; logs are in $WORK"
  else
    log "stopped in $((SECONDS - started)) s; logs were in $WORK (removed)"
    rm -rf "$WORK"
  fi
  trap - EXIT
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${SLOTHUNTER_BIN_DIR:-}" ]; then
  BIN=$SLOTHUNTER_BIN_DIR   # already built (scripts/test.sh's stop drill)
else
  log "building"
  swift build >"$WORK/build.log" 2>&1 || { tail -n 60 "$WORK/build.log" >&2; exit 1; }
  BIN=$(swift build --show-bin-path)
fi

start_postgres "$WORK"
start_broker "$BIN" "$WORK"

export KAFKA_BOOTSTRAP_SERVERS="$SLOTHUNTER_KAFKA_BOOTSTRAP"
export KAFKA_CREATE_TOPICS=false    # the mock cluster pre-creates the topics and cannot create them
export DATABASE_URL="$SLOTHUNTER_DATABASE_URL"
export LOG_LEVEL=${LOG_LEVEL:-info}

start_bg() { # name command...
  local name=$1
  shift
  # A session of its own: a terminal's Ctrl-C reaches only this script, which then sends each
  # process exactly one SIGTERM (a second signal means "stop now" to the services).
  setsid "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  log "$name: pid $!"
}

wait_ready_line() { # logfile -> prints the rest of the READY line
  local i
  for i in $(seq 1 100); do
    if grep -q '^READY ' "$1" 2>/dev/null; then grep -m1 '^READY ' "$1" | cut -d' ' -f2; return 0; fi
    sleep 0.1
  done
  log "no READY line in $1"; cat "$1" >&2; return 1
}

DEMO=0
if [ -z "${TELEGRAM_BOT_TOKEN:-}" ]; then
  DEMO=1
  export TELEGRAM_BOT_TOKEN="123456:LOCAL-stand-in-token"
  start_bg paziresh24-standin "$BIN/paziresh24-standin" --port 0
  STANDIN_PIDS+=("${PIDS[-1]}")
  P24=$(wait_ready_line "$WORK/paziresh24-standin.log")
  start_bg telegram-standin "$BIN/telegram-standin" --port 0 --token "$TELEGRAM_BOT_TOKEN"
  STANDIN_PIDS+=("${PIDS[-1]}")
  TG=$(wait_ready_line "$WORK/telegram-standin.log")
  export PAZIRESH24_APIGW_URL="$P24" PAZIRESH24_PROFILE_URL="$P24" TELEGRAM_API_URL="$TG"
  export SCRAPER_MIN_INTERVAL_SECONDS=${SCRAPER_MIN_INTERVAL_SECONDS:-5}
  log "paziresh24 stand-in on $P24, Telegram stand-in on $TG"
else
  log "using the real Telegram Bot API and paziresh24"
fi

BOT_PORT=$(free_port); NOTIFIER_PORT=$(free_port)
HTTP_PORT=$BOT_PORT INSTANCE_ID=bot-0 start_bg bot "$BIN/bot"
HTTP_PORT=$NOTIFIER_PORT INSTANCE_ID=notifier-0 start_bg notifier "$BIN/notifier"
SCRAPER_PORTS=()
for i in $(seq 1 "$SCRAPERS"); do
  port=$(free_port)
  SCRAPER_PORTS+=("$port")
  HTTP_PORT=$port INSTANCE_ID="scraper-$i" start_bg "scraper-$i" "$BIN/scraper"
done

cat <<INFO

SlotHunter is running (logs: $WORK/*.log)
  Kafka:        $KAFKA_BOOTSTRAP_SERVERS      e.g. kcat -b $KAFKA_BOOTSTRAP_SERVERS -C -t smartwhale.data.slots
  PostgreSQL:   $DATABASE_URL
  bot:          http://127.0.0.1:$BOT_PORT/readyz   notifier: http://127.0.0.1:$NOTIFIER_PORT/metrics
  scrapers:     ${SCRAPER_PORTS[*]/#/http://127.0.0.1:}

INFO

if [ "$DEMO" -eq 1 ]; then
  python3 - "$TG" "$P24" <<'PY'
import json, sys, time, urllib.request
tg, p24 = sys.argv[1], sys.argv[2]
chat = 4242
def call(base, path, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="GET" if body is None else "POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)
def sent():
    return call(tg, f"/control/sent?chat_id={chat}")["result"]
def wait_for(pred, what, timeout=90):
    end = time.time() + timeout
    while time.time() < end:
        for m in sent():
            if pred(m):
                return m
        time.sleep(0.3)
    sys.exit(f"demo: no {what} within {timeout}s")
def buttons(m):
    return [b for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
def user(text):
    print(f"\n👤 {text}")
def show(m):
    print("🤖 " + m["text"].replace("\n", "\n   "))
    for b in buttons(m):
        print(f"   [{b['text']}]")
# The recorded free slots of 2026-10-06 (15:00, 15:10, 15:20, 15:30 Tehran), moved to a future day.
recorded = [1791286200, 1791286800, 1791287400, 1791288000]
days = int((time.time() - recorded[0]) // 86400) + 2
call(p24, "/control/slots", {"center_id": "5532", "service_id": "972812db-5afb-427a-9dba-d07aa3fed100",
                             "slots": [s + days * 86400 for s in recorded]})
time.sleep(2)
seen = 0
def next_message(pred=lambda m: True, what="reply"):
    global seen
    end = time.time() + 90
    while time.time() < end:
        msgs = sent()
        for i, m in enumerate(msgs[seen:], start=seen):
            if pred(m):
                seen = i + 1
                return m
        time.sleep(0.3)
    sys.exit(f"demo: no {what}")
user("/start")
call(tg, "/control/updates", [{"chat_id": chat, "text": "/start", "first_name": "Maryam"}])
show(next_message())
user("/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/")
call(tg, "/control/updates", [{"chat_id": chat, "text": "/subscribe https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/"}])
m = next_message(lambda m: buttons(m), "center choice"); show(m)
pick = next(b for b in buttons(m) if "آنلاین" in b["text"])
user(f"(taps) {pick['text']}")
call(tg, "/control/updates", [{"chat_id": chat, "callback_data": pick["callback_data"]}])
m = next_message(lambda m: any(b.get("callback_data", "").startswith("sub:") for b in buttons(m)), "confirmation"); show(m)
ok = next(b for b in buttons(m) if b.get("callback_data", "").startswith("sub:"))
user(f"(taps) {ok['text']}")
call(tg, "/control/updates", [{"chat_id": chat, "callback_data": ok["callback_data"]}])
show(next_message(lambda m: m["text"].startswith("✅"), "subscription confirmation"))
print("\n… the scraper polls the paziresh24 stand-in, the notifier matches the subscription …")
show(next_message(lambda m: "نوبت خالی پیدا شد" in m["text"], "notice"))
print("\n✔ demo: the notice arrived in chat", chat)
# The stand-in enforces Telegram's one message per second per chat; the bot and the notifier share
# one schedule per chat (chat_pacing), so none of the conversation's messages is refused.
calls = [e for e in call(tg, "/control/log?method=sendMessage")["result"] if e.get("chat_id") == chat]
print(f"  demo: {len(calls)} messages sent to the chat, {sum(e.get('status') == 429 for e in calls)} answered 429")
PY
fi

if [ "$EXIT_AFTER_DEMO" -eq 1 ]; then exit 0; fi
log "running; press Ctrl-C to stop"
while true; do
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || { log "a process exited (pid $pid); see $WORK"; tail -n 20 "$WORK"/*.log >&2; exit 1; }
  done
  sleep 2
done
