#!/usr/bin/env bash
# Build benchmark at national scale: a clean build of N organisations with 1 and 2 workers, then an
# incremental build after one organisation changed, each timed by /usr/bin/time (wall, CPU, peak RSS)
# with bulletin's own --timings. Release build; say what else ran on the machine when you quote it.
#
#   Benchmarks/build-benchmark.sh [organisations] [work-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-30000}
work=${2:-/tmp/bulletin-build-benchmark}
mkdir -p "$work/scans"
swift build -c release --product bulletin
bulletin="$PWD/.build/release/bulletin"
# Split into files of 1000 organisations, so that one changed organisation means re-reading one file.
if [ ! -s "$work/corpus-$count.jsonl" ]; then
    python3 Benchmarks/scale-corpus.py "$count" "$work/corpus-$count.jsonl"
fi
rm -rf "$work/scans" && mkdir -p "$work/scans"
split -l 1000 -d -a 3 --additional-suffix=.jsonl "$work/corpus-$count.jsonl" "$work/scans/part-"
run() {
    local label=$1; shift
    echo "== $label (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    /usr/bin/time -f "$label: %e s wall, %U s user, %S s system, %M KB peak RSS" \
        "$bulletin" build --content Content --templates Templates --scans "$work/scans" --date 2021-03-16 --timings "$@"
}
run "clean, --jobs 1" --output "$work/out-1" --jobs 1 --clean
run "clean, --jobs 2" --output "$work/out-2" --jobs 2 --clean
diff -r -x .bulletin-build "$work/out-1" "$work/out-2" && echo "outputs of --jobs 1 and --jobs 2 are identical"
# rename LINE: renames the organisation on that line of part-001.jsonl.
rename() {
    python3 - "$work/scans/part-001.jsonl" "$1" <<'PY'
import sys
path, line = sys.argv[1], int(sys.argv[2])
lines = open(path).read().split("\n")
lines[line] = lines[line].replace('"name":"Organisation ', '"name":"Renamed organisation ', 1)
open(path, "w").write("\n".join(lines))
PY
}
# The first build after a clean one links every unchanged report from Output/ into the previous
# site; from the next one on, the previous site already holds them and only what changed is written.
rename 500
run "incremental, one organisation changed (first after clean)" --output "$work/out-2" --jobs 2
rename 501
run "incremental, one organisation changed" --output "$work/out-2" --jobs 2
rename 502
run "incremental, one organisation changed (again)" --output "$work/out-2" --jobs 2
run "incremental, nothing changed" --output "$work/out-2" --jobs 2
