#!/usr/bin/env bash
# Scraper probing benchmark (issue #14): 1,000 watched doctors in 20 search groups, budget
# 2 requests/s, new earliest slots appearing at random doctors; detection latency (slot visible
# at the stand-in → slot.found published, Kafka timestamps), median and p95, and requests/s ÷
# budget; then the same run with SCRAPER_PROBING=false as the baseline (shortened: events for
# 120 s, then 330 s to be announced; slots not announced by then count as later than any). Not a
# test: run it by hand and copy the table into docs/benchmarks.md ("## Scraper probing").
# Total runtime about 13 minutes.
#
# Usage: bench/scraper/probe.sh [driver options]    (see: bench/scraper/probe.sh --help)
# Environment: SLOTHUNTER_BIN_DIR, BENCH_CONFIG, BENCH_SCRATCH as for bench/scraper/run.sh.
# Needs python3 and kcat (Debian package kcat) on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in python3 kcat swift; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/scraper/probe.sh: $tool is required" >&2
    exit 1
  fi
done

if [ -z "${SLOTHUNTER_BIN_DIR:-}" ]; then
  config=${BENCH_CONFIG:-release}
  scratch=${BENCH_SCRATCH:-.build-bench}
  log=$(mktemp /tmp/slothunter-bench-build.XXXXXX)
  echo "[bench] building scraper, kafka-mock-broker, paziresh24-standin ($config, $scratch)" >&2
  for product in scraper kafka-mock-broker paziresh24-standin; do
    if ! swift build -c "$config" --scratch-path "$scratch" --product "$product" >>"$log" 2>&1; then
      tail -n 40 "$log" >&2
      exit 1
    fi
  done
  rm -f "$log"
  SLOTHUNTER_BIN_DIR=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)
fi

exec python3 bench/scraper/probe_driver.py --bin "$SLOTHUNTER_BIN_DIR" "$@"
