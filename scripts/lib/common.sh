#!/usr/bin/env bash
# Shared helpers for scripts/test.sh and scripts/run-local.sh: install what is missing, start a
# PostgreSQL server and the Kafka-protocol test broker on free loopback ports, stop them again.
# Sourced, not executed.

# Debian packages the build and the tests need.
SLOTHUNTER_APT_PACKAGES=(librdkafka-dev libpq-dev pkg-config postgresql kcat shellcheck python3 python3-pip)

log() { printf '[slothunter] %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  local pkg
  for pkg in "${SLOTHUNTER_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v swift >/dev/null || { log "swift is not on PATH (Swift 6 toolchain required)"; return 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_bin_dir() {
  local dir
  dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ -d "$dir" ] || dir=""
  [ -n "$dir" ] || { log "PostgreSQL server binaries not found under /usr/lib/postgresql"; return 1; }
  printf '%s\n' "$dir"
}

# start_postgres WORKDIR: initdb + pg_ctl start on a free port; exports SLOTHUNTER_DATABASE_URL.
start_postgres() {
  local work=$1 bin port
  bin=$(pg_bin_dir)
  port=$(free_port)
  mkdir -p "$work/pg"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$work/pg"
    chmod 755 "$work"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$work/pg/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$work/pg-initdb.log" 2>&1 \
    || { cat "$work/pg-initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c fsync=off -c max_connections=300" start >/dev/null \
    || { cat "$work/pg/server.log" >&2; return 1; }
  SLOTHUNTER_PG_DATA="$work/pg/data"
  SLOTHUNTER_PG_PORT=$port
  export SLOTHUNTER_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  # Not SLOTHUNTER_PG_CTL: that opt-in restart test would cut every other test's connections.
  export SLOTHUNTER_PG_CTL_COMMAND="${as[*]} $bin/pg_ctl -D $work/pg/data -w -t 60"
  export SLOTHUNTER_PG_DATA SLOTHUNTER_PG_PORT
  log "PostgreSQL on 127.0.0.1:$port"
}

# stop_postgres [SECONDS]: a fast shutdown bounded in time; whatever is still running after it
# (postmaster and its children) gets SIGKILL.
stop_postgres() {
  [ -n "${SLOTHUNTER_PG_DATA:-}" ] || return 0
  local seconds=${1:-10} bin as=() pid=""
  bin=$(pg_bin_dir) || return 0
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  [ -f "$SLOTHUNTER_PG_DATA/postmaster.pid" ] && pid=$(head -n 1 "$SLOTHUNTER_PG_DATA/postmaster.pid" 2>/dev/null)
  "${as[@]}" "$bin/pg_ctl" -D "$SLOTHUNTER_PG_DATA" -m fast -w -t "$seconds" stop >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 20); do   # pg_ctl returns when the pid file is gone; the process may take a moment more
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    log "PostgreSQL did not stop within ${seconds} s; SIGKILL"
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  SLOTHUNTER_PG_DATA=""
}

# stop_pids SECONDS PID...: SIGTERM, then SIGKILL for whatever is still running after SECONDS.
# Reaps the ones that are children of this shell.
stop_pids() {
  local seconds=$1 pid alive deadline
  shift
  (($#)) || return 0
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$(( $(date +%s%N) / 1000000 + seconds * 1000 ))
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]})) || break
    if (( $(date +%s%N) / 1000000 >= deadline )); then
      log "still running after ${seconds} s, SIGKILL: ${alive[*]}"
      for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.1
  done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

# start_broker BIN_DIR WORKDIR: the librdkafka mock cluster hosted by our kafka-mock-broker.
start_broker() {
  local bin=$1 work=$2
  rm -f "$work/kafka.bootstrap"
  # Its own session: a terminal's Ctrl-C must not take the broker down before the services that
  # commit offsets to it on their way out (the caller stops it last).
  setsid "$bin/kafka-mock-broker" --bootstrap-file "$work/kafka.bootstrap" --control "$work/kafka.control" \
    >"$work/kafka-broker.log" 2>&1 &
  SLOTHUNTER_BROKER_PID=$!
  local i
  for i in $(seq 1 100); do
    [ -s "$work/kafka.bootstrap" ] && break
    kill -0 "$SLOTHUNTER_BROKER_PID" 2>/dev/null || { cat "$work/kafka-broker.log" >&2; return 1; }
    sleep 0.1
    [ "$i" -lt 100 ] || { log "broker did not start"; cat "$work/kafka-broker.log" >&2; return 1; }
  done
  export SLOTHUNTER_KAFKA_BOOTSTRAP
  SLOTHUNTER_KAFKA_BOOTSTRAP=$(cat "$work/kafka.bootstrap")
  export SLOTHUNTER_KAFKA_CONTROL="$work/kafka.control"
  export SLOTHUNTER_BROKER_PID
  log "Kafka-protocol broker (librdkafka mock cluster) on $SLOTHUNTER_KAFKA_BOOTSTRAP"
}

stop_broker() {
  [ -n "${SLOTHUNTER_BROKER_PID:-}" ] || return 0
  stop_pids "${1:-5}" "$SLOTHUNTER_BROKER_PID"
  SLOTHUNTER_BROKER_PID=""
}
