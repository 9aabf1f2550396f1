#!/usr/bin/env bash
# Measures the matching stage end to end (RuleIndex probe of the observations, evaluation of the
# candidates) on one million synthetic observations against 10, 1,000 and 100,000 hash indicators,
# with and without 100 LIKE indicators, as observations per wall-clock second and per CPU second
# of the matching thread (the rate per core; other load on the machine disturbs it far less); then
# runs the same kind of workload (10 hash + 100 LIKE indicators, on a sample of
# hosts) through the OASIS reference matcher, stix2-matcher, and prints the ratio.
#
#   Benchmarks/match-benchmark.sh [observations] [reference-hosts]     (defaults: 1000000, 5)
#
# For instruction counts of one workload: valgrind --tool=callgrind \
#   .build/release/bulletin-bench match 20000 10+like   (then callgrind_annotate --inclusive=yes)
#
# Needs a release build (done here) and `pip install stix2-matcher stix2-patterns`.
set -euo pipefail
cd "$(dirname "$0")/.."
observations=${1:-1000000}
reference_hosts=${2:-5}
swift build -c release --product bulletin-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/bulletin-bench"
out=$(mktemp)
trap 'rm -f "$out" "$out.json"' EXIT
"$bench" match "$observations" | tee "$out" | grep -v '^RATE'
"$bench" export "$reference_hosts" > "$out.json"
rate=$(awk '$1 == "RATE" && $2 == "10" && $3 == "like" { print $4 }' "$out")
python3 Benchmarks/reference-matcher.py "$out.json" "$rate"
