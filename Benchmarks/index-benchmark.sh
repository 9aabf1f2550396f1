#!/usr/bin/env bash
# Measures the indicator engine's indexing prefilter (RuleIndex): observations per second sorted
# into candidate patterns, for 10, 1,000 and 100,000 hash indicators, with and without 100 LIKE
# indicators. Release build; takes about three minutes and 2-3 GB of memory for the default one
# million observations.
#
#   Benchmarks/index-benchmark.sh [observations]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bulletin-bench
exec "$(swift build -c release --show-bin-path)/bulletin-bench" index "${1:-1000000}"
