#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer and AddressSanitizer and runs it.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]      TARGET: scan, front-matter or pattern
#
# The committed seeds are Corpus/TARGET; what the run adds, and any crash-*, timeout-* or oom-*
# input, goes to Artifacts/TARGET (ignored by git). The last lines of libFuzzer's log say how many
# inputs ran; the whole log is Artifacts/TARGET/fuzz.log (FUZZ_ARTIFACTS=folder puts them elsewhere,
# for a second run beside a first). Exit status: 0 when nothing was found.
# A found input replays with `Fuzz/run.sh TARGET 0 Artifacts/TARGET/crash-...`.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh scan|front-matter|pattern SECONDS [libFuzzer options...]}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
[ -d "Corpus/$target" ] || { echo "run.sh: no target '$target'; one of: $(ls Corpus | tr '\n' ' ')" >&2; exit 64; }

# SwiftPM's --sanitize=fuzzer links libFuzzer's main; the later -sanitize=fuzzer,address replaces
# its swiftc flag (the last one wins), so that Swift code gets ASan as well as coverage.
# FUZZ_CONFIGURATION=debug builds in a fraction of the time and runs slower: for CI's short runs.
flags=(-c "${FUZZ_CONFIGURATION:-release}" --product "fuzz-$target" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address)
swift build "${flags[@]}" >&2
binary="$(swift build "${flags[@]}" --show-bin-path)/fuzz-$target"

artifacts="${FUZZ_ARTIFACTS:-Artifacts}/$target"
mkdir -p "$artifacts/corpus"
options=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -detect_leaks=0 -artifact_prefix="$artifacts/")
[ -f "Dictionaries/$target.dict" ] && options+=(-dict="Dictionaries/$target.dict")
# Leak checking is off: Foundation's file reading reports a leak of its own on every run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own crash backtracer reads the stack in a way ASan reports as an error of its own.
export SWIFT_BACKTRACE=enable=no
if [ "$#" -gt 0 ] && [ -f "$1" ]; then
    exec "$binary" "${options[@]}" "$@"  # replay the given inputs
fi
status=0
"$binary" "${options[@]}" -max_total_time="$seconds" "$@" "$artifacts/corpus" "Corpus/$target" >"$artifacts/fuzz.log" 2>&1 || status=$?
if [ "$status" != 0 ]; then
    grep -A40 -E "^==[0-9]+==ERROR|Fatal error|deadly signal|ALARM|out-of-memory" "$artifacts/fuzz.log" | head -80 >&2 || tail -40 "$artifacts/fuzz.log" >&2
fi
grep -E "^Done |stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*DONE" "$artifacts/fuzz.log" || tail -5 "$artifacts/fuzz.log"
echo "fuzz-$target: $seconds s, exit status $status"
exit "$status"
