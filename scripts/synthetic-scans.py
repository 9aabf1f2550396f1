#!/usr/bin/env python3
"""Writes a JSON Lines scan file of COUNT synthetic organisations in the bulletin.scan/1 format,
big enough that a build takes seconds: for the kill test (scripts/kill-test.sh), which needs
builds long enough to be interrupted at many different moments.

usage: synthetic-scans.py COUNT VARIANT OUT.jsonl

VARIANT changes every organisation's Exchange builds and reference, so that two variants give
two sites that differ in most files.
"""
import json
import sys

# Exchange builds spread over vulnerable, patched and undetermined, so every report kind is made.
BUILDS = ["15.2.792.3", "15.2.792.10", "15.1.2176.2", "15.1.2176.9", "15.0.1497.2", "15.2.721", "15.1.2106.2"]


def organisation(index, variant):
    org = f"org-{index:05d}"
    hosts = []
    for number in range(3):
        build = BUILDS[(index + number + variant) % len(BUILDS)]
        observations = []
        if (index + variant) % 5 == 0 and number == 0:
            observations.append({
                "type": "file", "time": "2021-03-03T07:00:00Z", "source": "edr",
                "path": "C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx",
            })
        hosts.append({
            "id": f"mail{number:02d}",
            "hostname": f"mail{number:02d}.{org}.example",
            "addresses": [f"198.51.{index % 250}.{number + 1}"],
            "software": [{"product": "Microsoft Exchange Server 2019", "version": build, "source": "x-owa-version"}],
            "observations": observations,
        })
    return {
        "format": "bulletin.scan/1",
        "scanner": {"name": "synthetic-sweep", "version": "1.0"},
        "scanned_at": "2021-03-09T12:00:00Z",
        "organisation": {
            "id": org, "name": f"Organisation {index}", "sector": "Testing", "country": "DE",
            "contacts": [{"name": "IT", "email": f"it@{org}.example", "role": "technical"}],
            "reference": f"CASE-{variant}-{index:05d}", "language": "en",
        },
        "hosts": hosts,
    }


def main():
    count, variant, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with open(out, "w", encoding="utf-8") as file:
        for index in range(count):
            file.write(json.dumps(organisation(index, variant), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
