#!/usr/bin/env bash
# Renders pages of a built site in headless Chromium, as a reader's browser and printer would, to
# PNG screenshots and PDF prints for a person to look at.
#
#   scripts/render-pages.sh [OUTPUT_DIR] [RENDER_DIR]     (defaults: Output, Output-rendered)
#
# Renders the briefing, the index, the advisory pages and the first organisation report of each
# status group. Needs Debian's chromium (apt-get install chromium).
set -euo pipefail
site=$(cd "${1:-Output}" && pwd)
out=${2:-Output-rendered}
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "render-pages: chromium is not installed (apt-get install chromium)" >&2; exit 1; }

pages=(briefing.html index.html)
for page in "$site"/advisories/*/index.html; do pages+=("${page#"$site"/}"); done
for report in $(python3 - "$site" <<'PY'
import json, sys
index = json.load(open(sys.argv[1] + "/index.json"))
seen = set()
for organisation in index["organisations"]:
    if organisation["status"] not in seen:
        seen.add(organisation["status"])
        print(organisation["id"])
PY
); do
  [ -f "$site/organisations/$report/index.html" ] && pages+=("organisations/$report/index.html")
done

for page in "${pages[@]}"; do
  name=$(echo "${page%.html}" | tr '/' '-')
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 \
    --screenshot="$out/$name.png" "file://$site/$page" >/dev/null 2>&1
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/$name.pdf" "file://$site/$page" >/dev/null 2>&1
  echo "$out/$name.png $out/$name.pdf"
done
