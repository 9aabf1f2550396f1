#!/usr/bin/env python3
"""Record the OASIS reference implementations' verdicts for bulletin's oracle tests.

  cases.json    -> verdicts.json          stix2-matcher (STIX 2.1): does the pattern match the host?
                -> evidence.json          for each match, the observations that take part in at least
                                          one of the matcher's bindings (0-based, software entries
                                          first, then observations, as bulletin orders evidence)
  patterns.json -> pattern-verdicts.json  stix2-patterns v2.1 validator: is the pattern valid?

Each case's host observations are written in bulletin's scan format (spec/scan-format.md). This
script turns them into STIX 2.1 objects by the spec's table ("How indicators see observations"),
independently of the Swift code, so that the Swift tests compare two implementations of the table
and two implementations of the matching semantics. One scan observation (or software entry) is one
observed-data with first_observed = last_observed = its time and number_observed = 1.

A verdict is true, false, or "error" when the reference matcher raises (it refuses some patterns
only at match time). Usage: oracle.py [--out DIR] (default: next to this script).
"""

import argparse
import datetime
import json
import os
import re
import sys

from stix2matcher.matcher import MatchListener, Pattern
from stix2patterns.validator import validate

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPORAL = re.compile(r"\b(WITHIN|START|FOLLOWEDBY)\b")


# --- Times -------------------------------------------------------------------------------------

def rfc3339_to_stix(text):
    """UTC text with Z, kept as written when already in STIX form; None when not RFC 3339."""
    stix = re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", text)
    if stix:
        return text
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or ".0")[1:].ljust(6, "0")[:6])
    zone = m.group(8)
    offset = 0 if zone in ("Z", "z") else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    moment = datetime.datetime(year, month, day, hour, minute, second, micro) - datetime.timedelta(seconds=offset)
    out = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        out += ("." + "%06d" % moment.microsecond).rstrip("0")
    return out + "Z"


# --- The spec's table ----------------------------------------------------------------------------

class Objects:
    """Collects the SCOs of one observation; ids are unique within the bundle."""

    def __init__(self, counter):
        self.counter = counter
        self.items = []

    def add(self, obj):
        obj = {k: v for k, v in obj.items() if v is not None}
        self.counter[0] += 1
        obj["id"] = "%s--00000000-0000-4000-8000-%012d" % (obj["type"], self.counter[0])
        obj["spec_version"] = "2.1"
        self.items.append(obj)
        return obj["id"]


def address(objects, value):
    return objects.add({"type": "ipv6-addr" if ":" in value else "ipv4-addr", "value": value})


def split_path(path):
    cut = max(path.rfind("\\"), path.rfind("/"))
    if cut < 0:
        return None, (path or None)
    directory = path[:cut].rstrip("\\/") or path[: cut + 1]
    return directory, (path[cut + 1:] or None)


def observation_objects(objects, obs):
    kind = obs["type"]
    if kind == "file":
        directory, name = split_path(obs["path"])
        hashes = {k: obs[f].lower() for k, f in (("SHA-256", "sha256"), ("SHA-1", "sha1"), ("MD5", "md5")) if f in obs}
        file = {"type": "file", "name": name, "hashes": hashes or None, "size": obs.get("size"),
                "x_path": obs["path"]}
        for prop, field in (("ctime", "created"), ("mtime", "modified")):
            if field in obs:
                file[prop] = rfc3339_to_stix(obs[field]) or obs[field]
        if directory is not None:
            file["parent_directory_ref"] = objects.add({"type": "directory", "path": directory})
        objects.add(file)
    elif kind == "http-request":
        traffic = {"type": "network-traffic", "x_status": obs.get("status"), "x_log": obs.get("log"),
                   "x_fields": obs.get("fields") or None}
        if "client_ip" in obs:
            traffic["src_ref"] = address(objects, obs["client_ip"])
        headers = {k: obs[f] for k, f in (("User-Agent", "user_agent"), ("Host", "host")) if f in obs}
        ext = {k: v for k, v in (("request_method", obs.get("method")), ("request_value", obs.get("url")),
                                 ("request_header", headers or None)) if v is not None}
        if ext:
            traffic["extensions"] = {"http-request-ext": ext}
        objects.add(traffic)
    elif kind == "connection":
        traffic = {"type": "network-traffic"}
        if "protocol" in obs:
            traffic["protocols"] = [obs["protocol"].lower()]
        remote = address(objects, obs["remote_ip"]) if "remote_ip" in obs else None
        local = address(objects, obs["local_ip"]) if "local_ip" in obs else None
        direction = obs.get("direction")
        if direction in ("inbound", "outbound"):
            src, dst = (remote, local) if direction == "inbound" else (local, remote)
            src_port, dst_port = ("remote_port", "local_port") if direction == "inbound" else ("local_port", "remote_port")
            traffic.update({"src_ref": src, "dst_ref": dst, "src_port": obs.get(src_port), "dst_port": obs.get(dst_port)})
        objects.add(traffic)
    elif kind == "log-line":
        objects.add({"type": "x-log-line", "log": obs.get("log"), "text": obs["text"]})
    elif kind == "event":
        objects.add({"type": "x-windows-event", "channel": obs.get("channel"), "provider": obs.get("provider"),
                     "event_id": obs.get("event_id"), "level": obs.get("level"), "message": obs.get("message")})
    elif kind == "process":
        process = {"type": "process", "command_line": obs.get("command_line"), "x_user": obs.get("user")}
        if "name" in obs:
            process["image_ref"] = objects.add({"type": "file", "name": obs["name"]})
        if "parent_name" in obs:
            parent_image = objects.add({"type": "file", "name": obs["parent_name"]})
            process["parent_ref"] = objects.add({"type": "process", "image_ref": parent_image})
        objects.add(process)
    elif kind == "detection":
        objects.add({"type": "x-detection", "name": obs["name"], "cve": obs.get("cve"), "url": obs.get("url"),
                     "detail": obs.get("detail")})
    else:
        fields = {k: scalar_text(v) for k, v in obs.items() if k not in ("type", "time", "source")}
        objects.add(dict(fields, type="x-" + kind))


def scalar_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def bundle(case_index, case):
    objects_out = []
    counter = [0]
    entries = [(None, {"type": "software", **s}) for s in case.get("software", [])]
    entries += [(o.get("time"), o) for o in case.get("observations", [])]
    temporal = TEMPORAL.search(case["pattern"]) is not None
    for index, (time, obs) in enumerate(entries):
        objects = Objects(counter)
        if index < len(case.get("software", [])):
            objects.add({"type": "software", "name": obs["product"], "version": obs.get("version"),
                         "vendor": obs.get("vendor")})
        else:
            observation_objects(objects, obs)
        if time is None:
            if temporal:
                sys.exit("case %s: every observation needs a time under WITHIN, START or FOLLOWEDBY" % case["id"])
            stamp = "2000-01-01T00:00:00Z"  # no temporal constraint: the time cannot matter
        else:
            stamp = rfc3339_to_stix(time)
        objects_out += objects.items
        objects_out.append({
            "type": "observed-data", "spec_version": "2.1",
            "id": "observed-data--00000000-0000-4000-8000-%06d%06d" % (case_index, index),
            "created": stamp, "modified": stamp, "first_observed": stamp, "last_observed": stamp,
            "number_observed": 1, "object_refs": [o["id"] for o in objects.items],
        })
    return {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-%012d" % case_index, "objects": objects_out}


# --- Verdicts ------------------------------------------------------------------------------------

def matcher_verdict(case_index, case):
    """(verdict, evidence): every binding the matcher finds, not only the first that match() returns."""
    try:
        pattern = Pattern(case["pattern"], stix_version="2.1")
        listener = MatchListener([bundle(case_index, case)], False, stix_version="2.1")
        pattern.walk(listener)
        evidence = set()
        found = False
        for binding in listener.matched():
            found = True
            evidence.update(index for index in binding if index is not None)
        return found, sorted(evidence)
    except Exception:  # the reference matcher refuses this pattern or value at match time
        return "error", []


def validator_verdict(pattern):
    try:
        return bool(validate(pattern, stix_version="2.1"))
    except Exception:  # the validator crashes on some inputs (the empty pattern): a rejection
        return False


def write(path, verdicts):
    """One entry per line, sorted by id, so that a changed verdict is a one-line diff."""
    lines = [" %s: %s" % (json.dumps(k, ensure_ascii=False), json.dumps(verdicts[k])) for k in sorted(verdicts)]
    with open(path, "w", encoding="utf-8") as out:
        out.write("{\n" + ",\n".join(lines) + "\n}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=HERE)
    args = parser.parse_args()
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as source:
        cases = json.load(source)["cases"]
    ids = [c["id"] for c in cases]
    if len(ids) != len(set(ids)):
        sys.exit("duplicate case ids")
    results = {c["id"]: matcher_verdict(i, c) for i, c in enumerate(cases)}
    write(os.path.join(args.out, "verdicts.json"), {k: verdict for k, (verdict, _) in results.items()})
    write(os.path.join(args.out, "evidence.json"), {k: evidence for k, (verdict, evidence) in results.items() if verdict is True})
    with open(os.path.join(HERE, "patterns.json"), encoding="utf-8") as source:
        patterns = json.load(source)["patterns"]
    write(os.path.join(args.out, "pattern-verdicts.json"), {p["id"]: validator_verdict(p["pattern"]) for p in patterns})


if __name__ == "__main__":
    main()
