#!/usr/bin/env bash
# Formats every Swift file with the toolchain's `swift format` and the checked-in `.swift-format`
# (`scripts/format.sh`), or only checks (`scripts/format.sh --check`: exit 1 and the differences
# listed when a file is not formatted; scripts/test.sh runs this before building).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Shared Services Tools Tests)
# `swift format` ships with Swift 6 toolchains; an older toolchain without it cannot check.
if ! swift format --version >/dev/null 2>&1; then
  echo "[slothunter] WARNING: this toolchain has no 'swift format': formatting NOT checked" >&2
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  if ! swift format lint --strict --parallel --configuration .swift-format --recursive "${paths[@]}"; then
    echo "[slothunter] formatting differs from .swift-format: run scripts/format.sh" >&2
    exit 1
  fi
else
  swift format format --in-place --parallel --configuration .swift-format --recursive "${paths[@]}"
fi
