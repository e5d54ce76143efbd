#!/usr/bin/env bash
# Scraper budget benchmark (issue #3): for 1, 2 and 3 scraper replicas polling 200 targets against
# the paziresh24 stand-in, prints requests/s reaching the source ÷ SCRAPER_GLOBAL_RATE (goal
# 0.95–1.00), polls per target per minute, and each replica's RSS. Not a test: run it by hand and
# copy the table into docs/benchmarks.md ("## Scraper").
#
# Usage: bench/scraper/run.sh [driver options]     (see: bench/scraper/run.sh --help)
#   e.g. bench/scraper/run.sh --replicas 1,2,3 --targets 200 --rate 2 --interval 30 --window 120
# Environment:
#   SLOTHUNTER_BIN_DIR   use these executables (scraper, kafka-mock-broker, paziresh24-standin)
#                        instead of building them
#   BENCH_CONFIG         build configuration when building: release (default) or debug
#   BENCH_SCRATCH        scratch path of that build (default .build-bench)
# Needs python3 and kcat (Debian package kcat) on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in python3 kcat swift; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/scraper/run.sh: $tool is required" >&2
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

exec python3 bench/scraper/driver.py --bin "$SLOTHUNTER_BIN_DIR" "$@"
