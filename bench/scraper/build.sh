#!/usr/bin/env bash
# Shared by bench/scraper/run.sh and bench/scraper/probe.sh (sourced, not executed): checks the
# tools a scraper benchmark needs and sets SLOTHUNTER_BIN_DIR, building scraper,
# kafka-mock-broker and paziresh24-standin unless it is already set.
#   BENCH_CONFIG   build configuration: release (default) or debug
#   BENCH_SCRATCH  scratch path of that build (default .build-bench)

# bench_scraper_binaries NAME: NAME is the calling script, for error messages.
bench_scraper_binaries() {
  local name=$1 tool
  for tool in python3 kcat swift; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$name: $tool is required" >&2
      return 1
    fi
  done
  [ -z "${SLOTHUNTER_BIN_DIR:-}" ] || return 0
  local config=${BENCH_CONFIG:-release} scratch=${BENCH_SCRATCH:-.build-bench} log product
  log=$(mktemp /tmp/slothunter-bench-build.XXXXXX)
  echo "[bench] building scraper, kafka-mock-broker, paziresh24-standin ($config, $scratch)" >&2
  for product in scraper kafka-mock-broker paziresh24-standin; do
    if ! swift build -c "$config" --scratch-path "$scratch" --product "$product" >>"$log" 2>&1; then
      tail -n 40 "$log" >&2
      return 1
    fi
  done
  rm -f "$log"
  SLOTHUNTER_BIN_DIR=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)
  export SLOTHUNTER_BIN_DIR
}
