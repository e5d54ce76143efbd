#!/usr/bin/env bash
# Notifier benchmark (not a test; figures go to docs/benchmarks.md, "## Notifier").
#
#   1. send rate: 3,000 subscribers of one doctor and one new slot, against the Telegram stand-in
#      enforcing Telegram's limits (30 msg/s, 1 msg/s per chat): achieved rate ÷ allowed rate and
#      the number of 429 answers;
#   2. throughput: slot.found events on the topic processed per second by the notifier ÷ the rate
#      at which kcat consumes the same topic: (a) with sends to an unlimited stand-in (matching,
#      ledger, Telegram, notification.sent), (b) with every subscriber's filter rejecting the slots;
#   3. latency: slot.found produced (observed_at) → sendMessage received by the stand-in, p50/p99,
#      with a steady trickle of slots under the rate limit;
#   4. matching: one batch against 100,000 subscriptions, the time of the one subscribers query and
#      of the ledger claim (from the notifier's "batch delivered" log line);
#   and the notifier's resident memory idle and under load.
#
# Usage: bench/notifier/run.sh
#   SLOTHUNTER_BIN_DIR=dir  use already built executables (notifier, telegram-standin, kafka-mock-broker)
#   BENCH_SCRATCH_PATH=dir  scratch path for the release build otherwise (default .build)
#   BENCH_SUBSCRIBERS (3000), BENCH_POLLS (2000), BENCH_SLOTS_PER_POLL (10), BENCH_LATENCY_SLOTS (200)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/common.sh
source "$PWD/scripts/lib/common.sh"

SUBSCRIBERS=${BENCH_SUBSCRIBERS:-3000}
POLLS=${BENCH_POLLS:-2000}
SLOTS_PER_POLL=${BENCH_SLOTS_PER_POLL:-10}
LATENCY_SLOTS=${BENCH_LATENCY_SLOTS:-200}
TOKEN="123456:BENCH-token"
SLOTS_TOPIC=smartwhale.data.slots

if [ -z "${SLOTHUNTER_BIN_DIR:-}" ]; then
  scratch=${BENCH_SCRATCH_PATH:-.build}
  for product in notifier telegram-standin kafka-mock-broker; do
    log "building $product (release)"
    swift build -c release --scratch-path "$scratch" --product "$product" >/dev/null
  done
  SLOTHUNTER_BIN_DIR=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
fi
BIN=$SLOTHUNTER_BIN_DIR

WORK=$(mktemp -d /tmp/slothunter-bench-notifier.XXXXXX)
NOTIFIER_PID=""
STANDIN_PID=""
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  stop_notifier
  stop_standin
  stop_broker 5
  stop_postgres 10
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

now() { date +%s.%N; }

# ---- processes --------------------------------------------------------------------------------

start_standin() { # start_standin CONFIG_JSON
  "$BIN/telegram-standin" --port 0 --token "$TOKEN" >"$WORK/standin.log" 2>&1 &
  STANDIN_PID=$!
  local i
  for i in $(seq 1 100); do
    grep -q '^READY ' "$WORK/standin.log" 2>/dev/null && break
    sleep 0.1
    [ "$i" -lt 100 ] || { log "telegram stand-in did not start"; return 1; }
  done
  STANDIN_URL=$(sed -n 's/^READY //p' "$WORK/standin.log" | head -n 1)
  curl -fsS -X POST -H 'Content-Type: application/json' -d "$1" "$STANDIN_URL/control/config" >/dev/null
}

stop_standin() {
  [ -n "$STANDIN_PID" ] || return 0
  kill "$STANDIN_PID" 2>/dev/null || true
  wait "$STANDIN_PID" 2>/dev/null || true
  STANDIN_PID=""
}

start_notifier() { # start_notifier DATABASE_URL [NAME=VALUE...]
  local database=$1
  shift
  env KAFKA_BOOTSTRAP_SERVERS="$SLOTHUNTER_KAFKA_BOOTSTRAP" KAFKA_CREATE_TOPICS=false DATABASE_URL="$database" \
    HTTP_PORT=0 TELEGRAM_API_URL="$STANDIN_URL" TELEGRAM_BOT_TOKEN="$TOKEN" INSTANCE_ID=bench \
    NOTIFIER_SESSION_TIMEOUT_MS=6000 NOTIFIER_HEARTBEAT_MS=1000 LOG_LEVEL=notice "$@" \
    "$BIN/notifier" >"$WORK/notifier.log" 2>&1 &
  NOTIFIER_PID=$!
  local i
  for i in $(seq 1 600); do
    grep -q '"partitions assigned"' "$WORK/notifier.log" 2>/dev/null && break
    kill -0 "$NOTIFIER_PID" 2>/dev/null || { tail -n 30 "$WORK/notifier.log" >&2; return 1; }
    sleep 0.1
    [ "$i" -lt 600 ] || { log "notifier did not join the group"; tail -n 30 "$WORK/notifier.log" >&2; return 1; }
  done
  NOTIFIER_PORT=$(grep -o '"msg":"health server listening"[^}]*' "$WORK/notifier.log" | grep -o '"port":"[0-9]*"' | grep -o '[0-9]*' | head -n 1)
}

stop_notifier() {
  [ -n "$NOTIFIER_PID" ] || return 0
  kill "$NOTIFIER_PID" 2>/dev/null || true
  wait "$NOTIFIER_PID" 2>/dev/null || true
  NOTIFIER_PID=""
}

metric() { # metric NAME: the notifier's value (sum over labels)
  curl -fsS "http://127.0.0.1:$NOTIFIER_PORT/metrics" | awk -v name="$1" '$1 == name || index($1, name "{") == 1 { s += $2 } END { print s + 0 }'
}

cpu_s() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"; }  # cpu_s PID: user + system CPU seconds so far

# postgres_cpu_s: CPU seconds of every PostgreSQL process so far (the bench's server is the only one).
postgres_cpu_s() {
  local pid
  for pid in $(pgrep -x postgres); do cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null; done | awk '{ s += $1 + $2 } END { printf "%.2f", s / 100 }'
}

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$NOTIFIER_PID/status"; }

# wait_for_sent COUNT TIMEOUT_S: polls the notifier's sent counter, sampling RSS; prints the peak RSS.
wait_for_sent() {
  local target=$1 deadline=$(($(date +%s) + $2)) peak=0 rss
  while [ "$(metric slothunter_notifier_notices_sent_total)" -lt "$target" ]; do
    rss=$(rss_mib)
    peak=$(awk -v a="$peak" -v b="$rss" 'BEGIN { print (b > a ? b : a) }')
    [ "$(date +%s)" -lt "$deadline" ] || { log "only $(metric slothunter_notifier_notices_sent_total) of $target sent"; return 1; }
    sleep 0.5
  done
  echo "$peak"
}

fresh_environment() { # fresh_environment NAME: new broker, new database; sets DB_URL
  stop_broker 5
  start_broker "$BIN" "$WORK" 2>/dev/null
  psql "$SLOTHUNTER_DATABASE_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" >/dev/null
  DB_URL="${SLOTHUNTER_DATABASE_URL%/*}/$1"
}

sql() { psql "$DB_URL" -q -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }

# seed TARGETS USERS_PER_TARGET: targets b1..bN of doctors bench-doctor-1..N, users numbered per target.
seed() {
  sql "INSERT INTO doctors (slug, display_name) SELECT 'bench-doctor-' || t, 'Bench Doctor ' || t FROM generate_series(1, $1) t"
  sql "INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name)
       SELECT 'c' || t || ':s' || t, 'bench-doctor-' || t, 'c' || t, 'Clinic ' || t, 'uc' || t, false, 's' || t, 'visit'
       FROM generate_series(1, $1) t"
  sql "INSERT INTO users (chat_id, language) SELECT g, 'fa' FROM generate_series(1, $1 * $2) g"
  sql "INSERT INTO subscriptions (chat_id, target_id) SELECT g, 'c' || (1 + (g - 1) / $2) || ':s' || (1 + (g - 1) / $2)
       FROM generate_series(1, $1 * $2) g"
}

# slot_lines FIRST_TARGET LAST_TARGET SLOTS_PER_TARGET: "key<TAB>slot.found envelope" lines, observed now.
slot_lines() {
  python3 - "$1" "$2" "$3" <<'PY'
import datetime, json, sys, uuid
first, last, per = (int(a) for a in sys.argv[1:4])
now = datetime.datetime.now(datetime.timezone.utc)
stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
day = (now + datetime.timedelta(days=2)).replace(hour=4, minute=30, second=0, microsecond=0)
for target in range(first, last + 1):
    poll = str(uuid.uuid4())
    for index in range(per):
        start = day + datetime.timedelta(minutes=10 * index)
        end = start + datetime.timedelta(minutes=10)
        tehran = start + datetime.timedelta(hours=3, minutes=30)
        envelope = {
            "id": str(uuid.uuid4()), "schema": "slot.found", "version": 1, "occurred_at": stamp(now),
            "producer": {"service": "bench", "instance": "bench"}, "correlation_id": poll,
            "payload": {
                "target_id": f"c{target}:s{target}",
                "doctor": {"slug": f"bench-doctor-{target}", "display_name": f"Bench Doctor {target}"},
                "center": {"id": f"c{target}", "name": f"Clinic {target}", "user_center_id": f"uc{target}",
                           "server_id": "1", "is_online": False},
                "service_id": f"s{target}",
                "slot": {"start": stamp(start), "end": stamp(end), "local_date": tehran.strftime("%Y-%m-%d"),
                         "local_start": tehran.strftime("%H:%M"),
                         "local_end": (tehran + datetime.timedelta(minutes=10)).strftime("%H:%M"), "time_zone": "Asia/Tehran"},
                "booking_url": f"https://www.paziresh24.com/dr/bench-doctor-{target}/",
                "observed_at": stamp(now), "poll_id": poll,
            },
        }
        print(f"c{target}:s{target}\t" + json.dumps(envelope, separators=(",", ":"), ensure_ascii=False))
PY
}

produce() { # produce < lines
  kcat -b "$SLOTHUNTER_KAFKA_BOOTSTRAP" -P -t "$SLOTS_TOPIC" -K $'\t' -H schema=slot.found -H version=1 -H content-type=application/json
}

# send_stats: sendMessage log of the stand-in → JSON with counts, rate and window maximum.
send_stats() {
  curl -fsS "$STANDIN_URL/control/log?method=sendMessage" | python3 -c '
import datetime, json, sys
entries = json.load(sys.stdin)["result"]
parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
ok = sorted(parse(e["time"]) for e in entries if e["status"] == 200)
too_many = sum(1 for e in entries if e["status"] == 429)
rate = (len(ok) - 1) / (ok[-1] - ok[0]) if len(ok) > 1 else 0
j, peak = 0, 0
for i, t in enumerate(ok):
    while ok[j] <= t - 1: j += 1
    peak = max(peak, i - j + 1)
print(json.dumps({"delivered": len(ok), "status_429": too_many, "calls": len(entries), "rate": rate,
                  "first": ok[0] if ok else 0, "last": ok[-1] if ok else 0, "max_in_1s": peak}))'
}

field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

start_postgres "$WORK" 2>/dev/null
log "PostgreSQL and broker on loopback; executables from $BIN"

# ---- 1. send rate against Telegram's limits ----------------------------------------------------
fresh_environment bench_rate
start_standin '{}'
start_notifier "$DB_URL"
sleep 2
RSS_IDLE=$(rss_mib)
seed 1 "$SUBSCRIBERS"
slot_lines 1 1 1 | produce
log "1. one slot for $SUBSCRIBERS subscribers of one doctor (stand-in enforcing 30/s and 1/s per chat)"
RSS_RATE=$(wait_for_sent "$SUBSCRIBERS" $((SUBSCRIBERS / 20 + 120)))
RATE_STATS=$(send_stats)
RATE=$(field "$RATE_STATS" rate)
RATE_429=$(field "$RATE_STATS" status_429)
RATE_PEAK=$(field "$RATE_STATS" max_in_1s)
RATE_DELIVERED=$(field "$RATE_STATS" delivered)
RATE_RATIO=$(awk -v r="$RATE" 'BEGIN { printf "%.3f", r / 30 }')
sleep 3
RSS_AFTER=$(rss_mib)
stop_notifier
stop_standin

# ---- 2. throughput against kcat ----------------------------------------------------------------
# throughput_run MODE: a fresh broker and database; $POLLS targets with one subscriber each; the
# topic filled with $POLLS polls × $SLOTS_PER_POLL slot.found; kcat's best of three reads of it;
# then the notifier from assignment to done. MODE "send": every poll becomes one notice to an
# unlimited stand-in, done = the last sendMessage; MODE "nomatch": every subscriber's filter
# rejects the slots (online visits only, the slots are in person), done = every offset stored.
# Sets RUN_RATE, RUN_SECONDS, RUN_KCAT, RUN_RATIO, RUN_RSS, RUN_CPU.
MESSAGES=$((POLLS * SLOTS_PER_POLL))
throughput_run() {
  fresh_environment "bench_throughput_$1_$RANDOM"
  start_standin '{"rate_limits_enabled": false}'
  start_notifier "$DB_URL"  # applies the migrations; stopped before the topic is filled
  stop_notifier
  seed "$POLLS" 1
  [ "$1" = send ] || sql "UPDATE subscriptions SET mode = 'online'"
  slot_lines 1 "$POLLS" "$SLOTS_PER_POLL" | produce
  RUN_KCAT=0
  local t0 t1 consumed
  for _ in 1 2 3; do
    t0=$(now)
    consumed=$(kcat -b "$SLOTHUNTER_KAFKA_BOOTSTRAP" -C -t "$SLOTS_TOPIC" -o beginning -e -q -f '%o\n' | wc -l)
    t1=$(now)
    [ "$consumed" -eq "$MESSAGES" ] || { log "kcat read $consumed of $MESSAGES"; return 1; }
    RUN_KCAT=$(awk -v a="$RUN_KCAT" -v n="$MESSAGES" -v t0="$t0" -v t1="$t1" 'BEGIN { r = n / (t1 - t0); print (r > a ? r : a) }')
  done
  start_notifier "$DB_URL" NOTIFIER_GLOBAL_RATE=1000000 NOTIFIER_PER_CHAT_INTERVAL_SECONDS=0 \
    NOTIFIER_MAX_CONCURRENT_SENDS=64 NOTIFIER_BATCH_SIZE=2000 NOTIFIER_COALESCE_WINDOW_MS=200
  local assigned done_at pg_before
  pg_before=$(postgres_cpu_s)
  assigned=$(grep '"partitions assigned"' "$WORK/notifier.log" | head -n 1 | grep -o '"ts":"[^"]*"' | cut -d'"' -f4)
  if [ "$1" = send ]; then
    RUN_RSS=$(wait_for_sent "$POLLS" 300)
    done_at=$(field "$(send_stats)" last)
  else
    local deadline=$(($(date +%s) + 120)) rss
    RUN_RSS=0
    while [ "$(metric slothunter_notifier_offsets_stored_total)" -lt "$MESSAGES" ]; do
      [ "$(date +%s)" -lt "$deadline" ] || { log "offsets not stored within 120 s"; return 1; }
      rss=$(rss_mib)
      RUN_RSS=$(awk -v a="$RUN_RSS" -v b="$rss" 'BEGIN { print (b > a ? b : a) }')
      sleep 0.05
    done
    done_at=$(now)
  fi
  RUN_SECONDS=$(python3 -c 'import datetime, sys; a = datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")).timestamp(); print(round(float(sys.argv[2]) - a, 2))' "$assigned" "$done_at")
  RUN_RATE=$(awk -v n="$MESSAGES" -v s="$RUN_SECONDS" 'BEGIN { printf "%.0f", n / s }')
  RUN_RATIO=$(awk -v a="$RUN_RATE" -v b="$RUN_KCAT" 'BEGIN { printf "%.3f", a / b }')
  RUN_CPU=$(cpu_s "$NOTIFIER_PID")
  RUN_STANDIN_CPU=$(cpu_s "$STANDIN_PID")
  RUN_PG_CPU=$(awk -v a="$(postgres_cpu_s)" -v b="$pg_before" 'BEGIN { printf "%.2f", a - b }')
  stop_notifier
  stop_standin
}

# throughput_series MODE: three runs; sets SERIES (one line per run) and BEST_* of the best ratio.
throughput_series() {
  SERIES=""
  BEST_RATIO=0
  local run
  for run in 1 2 3; do
    throughput_run "$1"
    SERIES+="     run $run: notifier $RUN_RATE slot.found/s in $RUN_SECONDS s, kcat $(printf '%.0f' "$RUN_KCAT") msg/s, ratio $RUN_RATIO, CPU s: notifier $RUN_CPU, stand-in $RUN_STANDIN_CPU, PostgreSQL $RUN_PG_CPU; peak RSS $RUN_RSS MiB"$'\n'
    if awk -v a="$RUN_RATIO" -v b="$BEST_RATIO" 'BEGIN { exit !(a > b) }'; then
      BEST_RATIO=$RUN_RATIO
      BEST_RSS=$RUN_RSS
    fi
  done
}

log "2. $MESSAGES slot.found ($POLLS polls × $SLOTS_PER_POLL slots, one subscriber per target), three runs each"
throughput_series send
SEND_SERIES=$SERIES
SEND_BEST=$BEST_RATIO
RSS_LOAD=$BEST_RSS
throughput_series nomatch
NOMATCH_SERIES=$SERIES
NOMATCH_BEST=$BEST_RATIO

# ---- 3. latency with a steady trickle ----------------------------------------------------------
# latency_run WINDOW_MS FETCH_WAIT_MS: $LATENCY_SLOTS slots, one every 100 ms, each to its own
# subscriber, against the stand-in enforcing limits; sets LATENCY to "p50 p99 max" in ms (not a
# command substitution: the broker it starts must stay visible to cleanup). Chat n is target n's only subscriber:
# latency = the stand-in's receive time − the slot's observed_at (set when the event was
# generated, just before kcat produced it).
latency_run() {
  fresh_environment "bench_latency_$1_$2"
  start_standin '{}'
  start_notifier "$DB_URL" NOTIFIER_COALESCE_WINDOW_MS="$1" NOTIFIER_FETCH_WAIT_MS="$2"
  seed "$LATENCY_SLOTS" 1
  : >"$WORK/latency-slots.tsv"
  local target
  for target in $(seq 1 "$LATENCY_SLOTS"); do
    slot_lines "$target" "$target" 1 | tee -a "$WORK/latency-slots.tsv" | produce
    sleep 0.1
  done
  wait_for_sent "$LATENCY_SLOTS" 120 >/dev/null
  LATENCY=$(curl -fsS "$STANDIN_URL/control/sent?delivered=true" | python3 -c '
import datetime, json, sys
parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
observed = {}
for line in open(sys.argv[1]):
    key, value = line.rstrip("\n").split("\t", 1)
    observed[int(key.split(":")[0][1:])] = parse(json.loads(value)["payload"]["observed_at"])
lat = sorted((parse(m["time"]) - observed[m["chat_id"]]) * 1000 for m in json.load(sys.stdin)["result"])
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(round(pick(0.50)), round(pick(0.99)), round(lat[-1]))' "$WORK/latency-slots.tsv")
  stop_notifier
  stop_standin
}
log "3. latency: $LATENCY_SLOTS slots, one every 100 ms, each to its own subscriber (stand-in enforcing limits)"
latency_run 1000 500
read -r P50 P99 LAT_MAX <<<"$LATENCY"
latency_run 200 100
read -r P50_FAST P99_FAST LAT_MAX_FAST <<<"$LATENCY"

# ---- 4. matching at 100,000 subscriptions ------------------------------------------------------
# 100,000 subscriptions: 97,000 users on 970 targets (100 each, every tenth inactive) and 3,000 on
# target 971; one batch with one slot each of 20 of the 970 targets and of target 971, i.e.
# 20 × 90 + 3,000 = 4,800 notices to an unlimited stand-in. The notifier's "batch delivered" log
# line says how long the one matching query plus the in-memory filters took, and the ledger claim.
log "4. matching: one batch of 21 targets against 100,000 subscriptions (4,800 notices)"
fresh_environment bench_matching
start_standin '{"rate_limits_enabled": false}'
start_notifier "$DB_URL" LOG_LEVEL=info NOTIFIER_GLOBAL_RATE=1000000 NOTIFIER_PER_CHAT_INTERVAL_SECONDS=0 NOTIFIER_MAX_CONCURRENT_SENDS=64
seed 970 100
sql "UPDATE subscriptions SET active = false WHERE chat_id % 10 = 0"
sql "INSERT INTO doctors (slug, display_name) VALUES ('bench-doctor-971', 'Bench Doctor 971')"
sql "INSERT INTO watch_targets (id, doctor_slug, center_id, center_name, user_center_id, is_online, service_id, service_name)
     VALUES ('c971:s971', 'bench-doctor-971', 'c971', 'Clinic 971', 'uc971', false, 's971', 'visit')"
sql "INSERT INTO users (chat_id, language) SELECT g, 'fa' FROM generate_series(97001, 100000) g"
sql "INSERT INTO subscriptions (chat_id, target_id) SELECT g, 'c971:s971' FROM generate_series(97001, 100000) g"
sql "ANALYZE"
MATCH_SUBSCRIPTIONS=$(psql "$DB_URL" -At -c "SELECT count(*) FROM subscriptions")
for target in $(seq 40 40 800) 971; do slot_lines "$target" "$target" 1; done >"$WORK/matching-slots.tsv"
produce <"$WORK/matching-slots.tsv"  # at once: the 21 slots must meet in one coalescing window
wait_for_sent 4800 300 >/dev/null
MATCH_LINE=$(grep '"batch delivered"' "$WORK/notifier.log" | head -n 1)
MATCH_MS=$(field "$MATCH_LINE" match_ms)
MATCH_CLAIM_MS=$(field "$MATCH_LINE" claim_ms)
MATCH_NOTICES=$(field "$MATCH_LINE" notices)
MATCH_SLOTS=$(field "$MATCH_LINE" slots)
MATCH_RSS=$(rss_mib)
stop_notifier
stop_standin

cat <<REPORT

Notifier benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, executables: $BIN)
1. send rate, $SUBSCRIBERS subscribers × 1 slot, stand-in enforcing 30/s + 1/s per chat:
   delivered $RATE_DELIVERED, achieved $(printf '%.2f' "$RATE") msg/s = $RATE_RATIO of the allowed 30/s, 429 answers: $RATE_429, most in any second: $RATE_PEAK
2. throughput, $MESSAGES slot.found ($POLLS polls of $SLOTS_PER_POLL slots), window 200 ms, batches of 2000, 64 sends in flight,
   assignment → done, against kcat reading the same topic on the same broker (best of three reads):
   a. every poll → one notice to an unlimited stand-in (done = last sendMessage): best ratio $SEND_BEST
${SEND_SERIES}   b. every subscriber's filter rejecting the slots, no sends (done = all offsets stored): best ratio $NOMATCH_BEST
${NOMATCH_SERIES}3. latency, slot.found produced → sendMessage received by the stand-in, $LATENCY_SLOTS slots at 10/s:
   defaults (coalescing window 1000 ms, fetch wait 500 ms): p50 $P50 ms, p99 $P99 ms, max $LAT_MAX ms
   window 200 ms, fetch wait 100 ms:                        p50 $P50_FAST ms, p99 $P99_FAST ms, max $LAT_MAX_FAST ms
4. matching, $MATCH_SLOTS slot.found of 21 targets against $MATCH_SUBSCRIPTIONS subscriptions (one batch, one query):
   $MATCH_NOTICES notices; subscribers query + filters $MATCH_MS ms, ledger claim of the notices $MATCH_CLAIM_MS ms; RSS after $MATCH_RSS MiB
RSS: idle $RSS_IDLE MiB, peak during the send-rate run $RSS_RATE MiB, after it $RSS_AFTER MiB, peak during the best throughput run with sends $RSS_LOAD MiB
REPORT
