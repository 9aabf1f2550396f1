#!/usr/bin/env python3
"""Times the OASIS reference matcher (stix2-matcher) on hosts exported by `bulletin-bench export`
and prints its observations per second next to bulletin's, and the ratio.

The observations are turned into STIX observed-data by the oracle tests' own converter
(Tests/Oracle/oracle.py), an implementation independent of bulletin's.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "Oracle"))
import oracle  # noqa: E402
from stix2matcher.matcher import match  # noqa: E402


def main(path, bulletin_rate):
    workload = json.load(open(path))
    patterns = workload["patterns"]
    bundles = [oracle.bundle(index, {"pattern": "[x-none:a = 1]", "observations": host["observations"]})
               for index, host in enumerate(workload["hosts"])]
    observations = sum(len(host["observations"]) for host in workload["hosts"])
    started = time.perf_counter()
    matches = 0
    for observed in bundles:
        for pattern in patterns:
            if match(pattern, [observed], stix_version="2.1"):
                matches += 1
    elapsed = time.perf_counter() - started
    rate = observations / elapsed
    print(f"stix2-matcher: {len(patterns)} indicators (10 hash + 100 LIKE) over {observations} observations: "
          f"{elapsed:.2f} s, {rate:,.0f} observations/s, {matches} matches")
    if bulletin_rate:
        ratio = float(bulletin_rate) / rate
        print(f"bulletin, same indicators: {float(bulletin_rate):,.0f} observations/s: {ratio:,.0f}x the reference matcher")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
