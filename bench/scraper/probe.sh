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

# shellcheck source=bench/scraper/build.sh
source "$PWD/bench/scraper/build.sh"
bench_scraper_binaries bench/scraper/probe.sh

exec python3 bench/scraper/probe_driver.py --bin "$SLOTHUNTER_BIN_DIR" "$@"
