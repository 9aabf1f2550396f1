#!/usr/bin/env bash
# Measures scan loading from bytes to the model: MB/s of ScanLoader (parse, check every field,
# build and merge the model) and of Foundation's JSONDecoder into plain Decodable structs (no
# checks, no positions), on a generated JSON Lines corpus shaped like a national sweep. Release
# build; wall-clock timings are noisy on a shared machine, so the script also prints instruction
# counts from callgrind on a 10 MB corpus when valgrind is installed.
#
#   Benchmarks/scan-load-benchmark.sh [megabytes]     (default: 100)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bulletin-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/bulletin-bench"
"$bench" scan-load "${1:-100}"
command -v valgrind >/dev/null || exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench" scan-corpus "$work/corpus.jsonl" 10
# valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: keep only the symbols.
cp "$bench" "$work/bench" && strip --strip-debug "$work/bench"
for reader in loader decoder; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$reader.out" "$work/bench" scan-load-once "$reader" "$work/corpus.jsonl" 2>&1 \
        | awk -v reader="$reader" '/refs:/ { print reader ": " $NF " instructions for 10 MB" }'
done
