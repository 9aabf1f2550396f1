#!/usr/bin/env bash
# Atomic publication under SIGKILL, a full disk and an unwritable output (issue 7, item 3).
#
#   scripts/kill-test.sh [TRIALS]        (default 24; needs a built bulletin: swift build)
#
# 1. Builds a site from one synthetic corpus, then, TRIALS times, a build of the other corpus that
#    is killed with SIGKILL: half at a random moment of the whole build, half at a random moment
#    after its staging folder appears (the writing and the swap). After each kill, Output/ must be
#    exactly the previous site or the new one: every file manifest.json lists is there with its
#    SHA-256, no file it does not list is there (but the marker and the manifest), and the whole
#    folder is byte for byte one of the two reference builds. The next uninterrupted build must
#    succeed and remove what the killed ones left; only the previous site (.Output.previous, which
#    the next build rewrites) stays beside the output.
# 2. Full disk (a small tmpfs) and an unwritable output (a read-only bind mount, and `chattr +i`,
#    since root ignores permission bits): exit status 1, a message naming the path and the
#    system's reason, the old site untouched and no staging folder left.
# Part 2 needs root (mount); without it those checks are reported as skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
trials=${1:-24}
bulletin=${BULLETIN:-$(swift build --show-bin-path)/bulletin}
organisations=${KILL_TEST_ORGANISATIONS:-300}
[ -x "$bulletin" ] || { echo "kill-test: no bulletin at $bulletin; run swift build first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-kill-test.XXXXXX")
mounts=()
pid=""
cleanup() {
    [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
    for mount in "${mounts[@]}"; do umount "$mount" 2>/dev/null || true; done
    chattr -i "$work/immutable" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/content" "$work/scans-a" "$work/scans-b" "$work/scans-small"
cp -R Content/advisories Content/site.yml "$work/content/"
cp -R Templates "$work/templates"
cp Content/scans/*.json* "$work/scans-small/"
python3 scripts/synthetic-scans.py "$organisations" 0 "$work/scans-a/scans.jsonl"
python3 scripts/synthetic-scans.py "$organisations" 1 "$work/scans-b/scans.jsonl"

# command_for SCANS OUTPUT: sets `command` to a build of SCANS into OUTPUT, fixed inputs and date.
command_for() {
    command=("$bulletin" build --content "$work/content" --templates "$work/templates" --scans "$1" --output "$2" --date 2021-03-10)
}

# build SCANS OUTPUT: one uninterrupted build.
build() {
    command_for "$1" "$2"
    "${command[@]}"
}

# running PID: whether the child PID has not exited yet (an exited child that was not waited for
# is a zombie, which `kill -0` still finds).
running() {
    local state=""
    read -r _ _ state _ <"/proc/$1/stat" 2>/dev/null || return 1
    [ "$state" != Z ]
}

# fingerprint FOLDER: one hash of every published file's path and contents (not the incremental
# build's state in .bulletin-build/, which holds this machine's file stamps and is not published).
fingerprint() {
    (cd "$1" && find . -type f -not -path './.bulletin-build/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# check_manifest FOLDER: the folder is exactly what its manifest.json lists (besides the build state).
check_manifest() {
    python3 - "$1" <<'PY'
import hashlib, json, os, sys
folder = sys.argv[1]
listed = {entry["path"]: entry["sha256"] for entry in json.load(open(os.path.join(folder, "manifest.json")))["files"]}
present = set()
for base, folders, names in os.walk(folder):
    # The incremental build's state is not published, so not in the manifest (see README).
    folders[:] = [f for f in folders if not (base == folder and f == ".bulletin-build")]
    for name in names:
        present.add(os.path.relpath(os.path.join(base, name), folder))
problems = [f"missing {path}" for path in sorted(set(listed) - present)]
problems += [f"not listed {path}" for path in sorted(present - set(listed) - {"manifest.json", ".bulletin-output"})]
for path in sorted(set(listed) & present):
    if hashlib.sha256(open(os.path.join(folder, path), "rb").read()).hexdigest() != listed[path]:
        problems.append(f"wrong hash {path}")
if problems:
    sys.exit(f"{folder} does not match its manifest: " + "; ".join(problems[:5]))
PY
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

echo "kill-test: reference builds of two corpora of $organisations organisations"
start=$EPOCHREALTIME
build "$work/scans-a" "$work/ref-a" >/dev/null
build_seconds=$(python3 -c "print(round($EPOCHREALTIME - $start, 2))")
build "$work/scans-b" "$work/ref-b" >/dev/null
check_manifest "$work/ref-a"
check_manifest "$work/ref-b"
site_a=$(fingerprint "$work/ref-a")
site_b=$(fingerprint "$work/ref-b")
[ "$site_a" != "$site_b" ] || { echo "kill-test: the two corpora give the same site" >&2; exit 1; }
echo "kill-test: a build takes ${build_seconds}s; $(find "$work/ref-a" -type f | wc -l) files"

# --- 1. SIGKILL at random moments -------------------------------------------------------------
output="$work/site/Output"
mkdir -p "$work/site"
build "$work/scans-a" "$output" >/dev/null
current=a
kept_old=0; got_new=0; late=0
for trial in $(seq 1 "$trials"); do
    next=$([ "$current" = a ] && echo b || echo a)
    # bulletin itself in the background (not a function, which would be a subshell), so that the
    # kill reaches it and its staging folder is named after $pid.
    command_for "$work/scans-$next" "$output"
    "${command[@]}" >/dev/null 2>&1 &
    pid=$!
    if [ $((trial % 2)) = 1 ]; then
        # Anywhere in the build: loading, matching, rendering, writing or swapping.
        delay=$(python3 -c "import random; print(round(random.uniform(0.05, $build_seconds * 1.05), 3))")
        moment="after ${delay}s"
        sleep "$delay"
    else
        # While the site is written and swapped in, which takes milliseconds: poll with shell
        # builtins only until the previous site is being rewritten (its build state's catalogue
        # is gone until the end), then go on polling a random number of times (about 10
        # microseconds each) before the kill.
        spare="$work/site/.Output.previous"
        rewriting() { [ -d "$spare" ] && [ ! -e "$spare/.bulletin-build/catalogue" ]; }
        while running "$pid" && ! rewriting; do sleep 0.01; done
        spins=$((RANDOM % 20000))
        for ((spin = 0; spin < spins; spin++)); do rewriting || break; done
        moment="$spins polls into writing"
    fi
    kill -KILL "$pid" 2>/dev/null || true
    status=0
    wait "$pid" 2>/dev/null || status=$?
    if [ "$status" = 0 ]; then finished=" (too late: it had finished)"; late=$((late + 1)); else finished=""; fi
    if ! check_manifest "$output"; then
        fail "trial $trial ($moment): Output does not match its manifest"
        continue
    fi
    case $(fingerprint "$output") in
        "$site_a") now=a ;;
        "$site_b") now=b ;;
        *) fail "trial $trial ($moment): Output is neither the previous site nor the new one"; continue ;;
    esac
    if [ "$now" = "$current" ]; then outcome=previous; kept_old=$((kept_old + 1)); else outcome=new; got_new=$((got_new + 1)); fi
    leftovers=$(find "$work/site" -maxdepth 1 -name '.Output.*' -not -name .Output.previous | wc -l)
    echo "trial $trial: killed $moment$finished: Output is the $outcome site; $leftovers staging folder(s) left"
    current=$now
done
next=$([ "$current" = a ] && echo b || echo a)
build "$work/scans-$next" "$output" >/dev/null || fail "the build after the killed ones failed"
[ "$(fingerprint "$output")" = "$(fingerprint "$work/ref-$next")" ] || fail "the build after the killed ones is not the reference site"
leftovers=$(find "$work/site" -maxdepth 1 -name '.Output.*' -not -name .Output.previous)
[ -z "$leftovers" ] || fail "staging folders left after a complete build: $leftovers"
# The previous site kept for the next build is whole too: the site before the last one.
check_manifest "$work/site/.Output.previous" || fail "the previous site kept beside the output does not match its manifest"
echo "kill-test: $trials kills ($late after the build had finished): Output was the previous site $kept_old times and the new one $got_new times, never anything else"

# --- 2. A full disk and an unwritable output ---------------------------------------------------
# expect_refusal NAME FOLDER REASON: the build of the big corpus into FOLDER/Output fails with
# exit status 1 and a message naming FOLDER and REASON, and leaves the old site.
expect_refusal() {
    local name=$1 folder=$2 reason=$3 before status=0
    before=$(fingerprint "$folder/Output")
    build "$work/scans-b" "$folder/Output" >"$work/$name.out" 2>"$work/$name.err" || status=$?
    [ "$status" = 1 ] || fail "$name: exit status $status, not 1"
    grep -q "$folder/" "$work/$name.err" || fail "$name: the message does not name the path: $(cat "$work/$name.err")"
    grep -q "$reason" "$work/$name.err" || fail "$name: the message does not say '$reason': $(cat "$work/$name.err")"
    [ "$(fingerprint "$folder/Output")" = "$before" ] || fail "$name: the old site was changed"
    check_manifest "$folder/Output" || fail "$name: the old site does not match its manifest"
    [ -z "$(find "$folder" -maxdepth 1 -name '.Output.*')" ] || fail "$name: a staging folder was left"
    echo "$name: exit status $status: $(grep 'error:' "$work/$name.err" | head -1)"
}

if [ "$(id -u)" = 0 ] && mkdir -p "$work/disk" && mount -t tmpfs -o size=8m tmpfs "$work/disk" 2>/dev/null; then
    mounts+=("$work/disk")
    build "$work/scans-small" "$work/disk/Output" >/dev/null
    # Leave 256 KiB: the new site starts being written and runs out of space part way.
    free=$(df --output=avail -B1 "$work/disk" | tail -1)
    head -c $((free - 262144)) /dev/zero >"$work/disk/filler" 2>/dev/null || true
    expect_refusal full-disk "$work/disk" "No space left on device"
    rm -f "$work/disk/filler"

    mkdir -p "$work/readonly"
    build "$work/scans-small" "$work/readonly/Output" >/dev/null
    mount --bind "$work/readonly" "$work/readonly" && mounts+=("$work/readonly")
    mount -o remount,bind,ro "$work/readonly"
    expect_refusal read-only "$work/readonly" "Read-only file system"
else
    echo "full-disk, read-only: SKIPPED (needs root and mount)"
fi
mkdir -p "$work/immutable"
build "$work/scans-small" "$work/immutable/Output" >/dev/null
if chattr +i "$work/immutable" 2>/dev/null; then
    expect_refusal immutable "$work/immutable" "Operation not permitted"
    chattr -i "$work/immutable"
else
    echo "immutable: SKIPPED (chattr +i not supported here)"
fi

if [ "$failures" != 0 ]; then
    echo "kill-test: $failures check(s) failed" >&2
    exit 1
fi
echo "kill-test: all checks passed"
