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

# shellcheck source=bench/scraper/build.sh
source "$PWD/bench/scraper/build.sh"
bench_scraper_binaries bench/scraper/run.sh

exec python3 bench/scraper/driver.py --bin "$SLOTHUNTER_BIN_DIR" "$@"
