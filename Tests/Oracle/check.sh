#!/usr/bin/env bash
# Proves that the committed verdicts are what the OASIS reference implementations say today:
# regenerates verdicts.json, evidence.json and pattern-verdicts.json from cases.json and patterns.json with
# stix2-matcher and stix2-patterns, and fails if they differ from the committed files.
# Needs: pip install stix2-matcher stix2-patterns. To re-record after editing the cases:
#   python3 Tests/Oracle/oracle.py
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
python3 "$here/oracle.py" --out "$fresh"
status=0
for file in verdicts.json evidence.json pattern-verdicts.json; do
    if ! diff -u "$here/$file" "$fresh/$file"; then
        echo "Tests/Oracle/$file differs from what the oracle says now; re-record it with: python3 Tests/Oracle/oracle.py" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "oracle verdicts up to date: $(grep -c '"' "$here/verdicts.json") cases, $(grep -c '"' "$here/pattern-verdicts.json") patterns"
exit "$status"
