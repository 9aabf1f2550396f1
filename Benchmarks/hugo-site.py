#!/usr/bin/env python3
"""Turn a bulletin site and the scans it was built from into a Hugo site that renders the same
pages, for Benchmarks/hugo-benchmark.sh.

    hugo-site.py SCANS BULLETIN_OUTPUT HUGO_SITE [--with-observations]

SCANS is the folder of JSON Lines files (`bulletin synth`), BULLETIN_OUTPUT a site built from it
with `bulletin build --all` (every organisation has a report.json), HUGO_SITE the folder to write:
the skeleton beside this script (config and templates) plus content/organisations/<id>.md, one page
per organisation whose JSON front matter holds what its report shows: the organisation, each host
with its build, status and reason, the evidence (at most 20 lines per finding, as bulletin's pages
show) and the remediation steps as Markdown. Hugo does no indicator matching, so the verdicts come
from bulletin's report.json. With --with-observations each host also carries every observation of
the scan, so that Hugo parses the same volume of data bulletin reads.
"""
import json
import os
import shutil
import sys


def citation(evidence):
    if evidence.get("line") is not None:
        return "%s:%d" % (evidence["file"], evidence["line"])
    return "%s, %s" % (evidence["file"], evidence.get("pointer") or "")


def page(scan, report, with_observations):
    advisory = report["advisories"][0]
    observations = {host["id"]: host.get("observations", []) for host in scan.get("hosts", [])}
    hosts = []
    for host in advisory["hosts"]:
        exposure = host["exposures"][0] if host["exposures"] else {}
        findings = []
        for finding in host["findings"]:
            lines = [{"summary": e["summary"], "time": e.get("time"), "source": citation(e)} for e in finding["evidence"][:20]]
            findings.append({
                "id": finding["indicator"], "title": finding["title"], "verdict": finding["verdict"],
                "confidence": finding["confidence"], "cves": ", ".join(finding["cves"]), "lines": lines,
                "more": max(0, len(finding["evidence"]) - 20),
            })
        entry = {
            "id": host["id"], "hostname": host.get("hostname"), "addresses": host.get("addresses", []),
            "status": host["status"], "product": exposure.get("product"), "version": exposure.get("version"),
            "cves": ", ".join(exposure.get("cves", [])), "reason": exposure.get("reason", "No software entry names an affected product."),
            "findings": findings,
            "steps": [{"title": s["title"], "category": s["category"], "due": s.get("due"), "markdown": s["markdown"]} for s in host["remediation"]],
        }
        if with_observations:
            entry["observations"] = observations.get(host["id"], [])
        hosts.append(entry)
    scanner = scan.get("scanner", {})
    return {
        "title": "Security notice for " + report["organisation"]["name"],
        "organisation": report["organisation"],
        "status": report["status"],
        "report_date": report["generated"],
        "advisory": {"id": advisory["id"], "title": advisory["title"], "status": advisory["status"]},
        "hosts": hosts,
        "scanners": "%s %s" % (scanner.get("name", ""), scanner.get("version", "")),
        "scanned_at": scan.get("scanned_at"),
    }


def main():
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    with_observations = "--with-observations" in sys.argv
    if len(arguments) != 3:
        sys.exit(__doc__)
    scans, output, site = arguments
    skeleton = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo-site")
    if os.path.exists(site):
        shutil.rmtree(site)
    shutil.copytree(skeleton, site)
    os.makedirs(os.path.join(site, "assets"), exist_ok=True)
    shutil.copy(os.path.join(os.path.dirname(skeleton), "..", "Templates", "style.css"), os.path.join(site, "assets", "style.css"))
    content = os.path.join(site, "content", "organisations")
    os.makedirs(content)
    count = 0
    for name in sorted(os.listdir(scans)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(scans, name), encoding="utf-8") as lines:
            for line in lines:
                scan = json.loads(line)
                identifier = scan["organisation"]["id"]
                with open(os.path.join(output, "organisations", identifier, "report.json"), encoding="utf-8") as file:
                    report = json.load(file)
                with open(os.path.join(content, identifier + ".md"), "w", encoding="utf-8") as file:
                    json.dump(page(scan, report, with_observations), file, ensure_ascii=False, sort_keys=True)
                    file.write("\n")
                count += 1
    print("hugo-site.py: %d organisation pages in %s" % (count, content), file=sys.stderr)


if __name__ == "__main__":
    main()
