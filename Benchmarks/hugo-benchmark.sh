#!/usr/bin/env bash
# bulletin against Hugo on the same national corpus, in one run: wall time, CPU time (user + sys)
# and peak memory (maximum resident set size) of each, and the ratios.
#
#     bash Benchmarks/hugo-benchmark.sh [organisations]        (default 30000)
#
#     WORK=folder               where the corpus and both sites go (default .build/hugo-benchmark)
#     SEED=n                    the corpus seed (default 2021)
#     HUGO_WITH_OBSERVATIONS=1  also put every observation of the scans into Hugo's front matter
#
# Steps: build bulletin (release); `bulletin synth` writes the corpus; an unmeasured `bulletin build`
# gives the verdicts, which Benchmarks/hugo-site.py converts with the same data into a Hugo site, one
# content page per organisation with its data as JSON front matter (not measured); `bulletin build
# --all` turns the corpus into the site (measured: loading, indicator compilation and sample
# verification, matching, version assessment, rendering of every organisation's HTML, Markdown and
# JSON report, index, manifest, atomic write, into a new folder); then `hugo` renders
# it with templates equivalent to bulletin's (measured): per organisation an HTML page (details,
# hosts with build, status and reason, evidence capped at 20 lines per finding, remediation steps
# rendered from Markdown, references, contacts), a Markdown page and a JSON page, and an index
# page listing every organisation by status plus index.json.
#
# Hugo does no indicator matching and no version assessment: its pages carry the verdicts that
# bulletin computed (from bulletin's report.json), so Hugo only renders, while bulletin's time
# includes the whole job. By default Hugo's pages carry only what a report shows; with
# HUGO_WITH_OBSERVATIONS=1 they also carry every raw observation, so that Hugo parses as much
# data as bulletin reads.
#
# Hugo does not write bulletin's briefing pack, findings.csv or manifest.json; bulletin does.
#
# Needs Debian's hugo (0.111) and GNU time: apt-get install hugo time
set -euo pipefail
cd "$(dirname "$0")/.."

organisations=${1:-30000}
seed=${SEED:-2021}
work=${WORK:-.build/hugo-benchmark}

command -v hugo >/dev/null || { echo "hugo-benchmark: hugo is missing; install it with: apt-get install hugo" >&2; exit 2; }
/usr/bin/time --version 2>&1 | grep -q GNU || { echo "hugo-benchmark: GNU time (/usr/bin/time) is missing; install it with: apt-get install time" >&2; exit 2; }
command -v python3 >/dev/null || { echo "hugo-benchmark: python3 is missing; install it with: apt-get install python3" >&2; exit 2; }

swift build -c release --product bulletin >&2
bulletin="$(swift build -c release --show-bin-path)/bulletin"

# The last run's folder is moved aside now and deleted only after both measurements: ext4 does not
# reuse an inode for a minute or more after it was freed, and the creation of each new file then
# scans past the recently freed ones (perf: `recently_deleted` under `ext4_create`; bulletin's
# system time was 19.8 s right after such a deletion, against 3.0 s without). Deleting 180,000
# files just before one of the two measurements would charge that to whichever tool ran first.
aside=""
if [ -e "$work" ]; then
    aside="$work.old-$$"
    mv "$work" "$aside"
fi
trap '[ -z "$aside" ] || rm -rf "$aside"' EXIT
mkdir -p "$work"
work=$(cd "$work" && pwd)
"$bulletin" synth --organisations "$organisations" --seed "$seed" --output "$work/scans" 2>&1 | tee "$work/synth.log" >&2

# Runs a command under GNU time; prints "wall user sys maxrss_kb".
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || {
        echo "hugo-benchmark: $name failed:" >&2
        tail -20 "$work/$name.out" >&2
        exit 1
    }
    cat "$work/$name.time"
}

# Hugo's pages carry bulletin's verdicts, from an unmeasured build's report.json files; then the
# two measured runs follow each other, each into a folder of its own.
"$bulletin" build --content Content --templates Templates --scans "$work/scans" --output "$work/verdicts" \
    --date 2021-03-16 --all >&2
python3 Benchmarks/hugo-site.py "$work/scans" "$work/verdicts" "$work/hugo-site" \
    ${HUGO_WITH_OBSERVATIONS:+--with-observations} >&2

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r b_wall b_user b_sys b_rss < <(measure bulletin "$bulletin" build --content Content --templates Templates \
    --scans "$work/scans" --output "$work/bulletin-site" --date 2021-03-16 --all)
cmp -s "$work/verdicts/index.json" "$work/bulletin-site/index.json" || { echo "hugo-benchmark: the measured build differs from the first" >&2; exit 1; }

read -r h_wall h_user h_sys h_rss < <(measure hugo hugo --source "$work/hugo-site" --destination "$work/hugo-public" \
    --cacheDir "$work/hugo-cache" --quiet)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

b_pages=$(find "$work/bulletin-site/organisations" -name index.html | wc -l)
h_pages=$(find "$work/hugo-public/organisations" -name index.html | wc -l)
if [ "$b_pages" -ne "$organisations" ] || [ "$h_pages" -ne "$organisations" ]; then
    echo "hugo-benchmark: expected $organisations organisation pages from each, got bulletin $b_pages, hugo $h_pages" >&2
    exit 1
fi
corpus_mb=$(du -sm "$work/scans" | cut -f1)
hugo_content_mb=$(du -sm "$work/hugo-site/content" | cut -f1)

python3 - "$b_wall" "$b_user" "$b_sys" "$b_rss" "$h_wall" "$h_user" "$h_sys" "$h_rss" <<PY
import sys
bw, bu, bs, br, hw, hu, hs, hr = map(float, sys.argv[1:])
print("corpus: $organisations organisations (seed $seed), $corpus_mb MB of JSON Lines; Hugo content $hugo_content_mb MB")
print("pages: bulletin $b_pages, hugo $h_pages organisation pages (HTML; each also as Markdown and JSON)")
print("load average (1, 5, 15 min) before: $load_before, after: $load_after on $(nproc) cores")
print("(wall time follows the machine's load, and Hugo's threads win more of a busy machine than")
print(" bulletin's one; CPU time and peak memory depend much less on the load)")
print()
print("%-22s %10s %18s %14s" % ("", "wall s", "cpu s (user+sys)", "peak RSS MB"))
print("%-22s %10.2f %18.2f %14.0f" % ("bulletin build --all", bw, bu + bs, br / 1024))
print("%-22s %10.2f %18.2f %14.0f" % ("hugo" + (" (+observations)" if "${HUGO_WITH_OBSERVATIONS:-}" else ""), hw, hu + hs, hr / 1024))
print()
print("hugo / bulletin: wall %.2fx, cpu %.2fx, peak memory %.2fx   (targets: wall >= 4x, memory >= 4x)"
      % (hw / bw, (hu + hs) / (bu + bs), hr / br))
PY
