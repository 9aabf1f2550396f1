#!/usr/bin/env python3
"""Builds the hostile corpus (scripts/hostile_corpus.py) and proves that every case is either
refused with a located error or rendered inert.

Two sites are built from the same organisations: one with a payload in the field under test, one
with a harmless word there (the baseline). Then, file by file:

- HTML, parsed as a browser does (html5lib): the elements and attributes, with their values, are
  exactly the baseline's, so no element, attribute, URL or inline style came from the data; every
  link is relative inside the site or an advisory reference or the publisher's website; the text
  holds no raw invisible, bidi or control character;
- Markdown, rendered by cmark-gfm with GitHub's extensions (table, autolink, strikethrough,
  tagfilter): the rendered elements and attributes are exactly the baseline's (no link, image or
  HTML from the data, no table broken), and the source holds no raw invisible character;
- report.json: valid JSON, and the payload is there intact as a string wherever the baseline
  shows the field; index.json and manifest.json: valid JSON; in all three, invisible characters
  only as backslash-u escapes;
- findings.csv: RFC 4180 rows, the same number as the baseline's, and no cell that a spreadsheet
  would run as a formula;
- the build's diagnostics: no raw control or bidi character and no line that a 1 MB value made
  unreadable.

Each refused case (hostile organisation ids, an over-long host id) is built alone and must fail
with a file:line:column error carrying the expected diagnostic id, writing nothing.

Usage: scripts/check-hostile.py [--bulletin PATH] [--work DIR] [--keep] [--fields F,...] [--templates DIR]
Prints one line per problem and 'N passed, N failed'; exits 1 on any problem.
"""
import argparse
import csv
import io
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_corpus  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATE = "2021-03-16"
TEMPLATES = os.path.join(ROOT, "Templates")
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): error: .+ \[(?P<id>[a-z0-9.-]+)\]$", re.M)


def invisible(character):
    """Whether a character is one a reader cannot see or one that reorders the line."""
    return unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs") and character not in "\n\t"


def raw_invisibles(text):
    """The invisible characters of a text, but for the zero-width space that the Markdown escaper
    puts after `@` and `#` to break mentions and issue references (data's own is shown as
    `[U+200B]`)."""
    text = text.replace("@\u200b", "@").replace("#\u200b", "#")
    return sorted({"U+%04X" % ord(c) for c in text if invisible(c)})


def build(bulletin, scans, output):
    command = [bulletin, "build", "--content", os.path.join(ROOT, "Content"), "--templates", TEMPLATES,
               "--scans", scans, "--output", output, "--date", DATE]
    return subprocess.run(command, capture_output=True, cwd=ROOT)


def html_structure(path):
    """Every element of a page in document order, with its attributes and their values."""
    import html5lib
    with open(path, "rb") as handle:
        tree = html5lib.parse(handle.read(), treebuilder="etree", namespaceHTMLElements=False)
    elements, text = [], []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        elements.append((element.tag, tuple(sorted(element.attrib.items()))))
        text.append(element.text or "")
        text.append(element.tail or "")
    return elements, "".join(text)


def markdown_structure(path):
    with open(path, "rb") as handle:
        source = handle.read()
    rendered = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"],
                              input=source, capture_output=True, check=True).stdout.decode("utf-8")
    return re.findall(r"<(/?[a-z0-9]+)((?:\s[^>]*)?)>", rendered), source.decode("utf-8")


def allowed_links():
    advisory_links = set()
    for folder, _, files in os.walk(os.path.join(ROOT, "Content", "advisories")):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    advisory_links.update(re.findall(r"url: \"([^\"]+)\"", handle.read()))
    with open(os.path.join(ROOT, "Content", "site.yml"), encoding="utf-8") as handle:
        advisory_links.update(re.findall(r"website: (\S+)", handle.read()))
    return advisory_links


def compare_page(job):
    """Problems of one output file against its baseline."""
    relative, hostile_root, benign_root, links = job
    hostile, benign = os.path.join(hostile_root, relative), os.path.join(benign_root, relative)
    problems = []
    if not os.path.exists(benign):
        return ["%s: no such file in the baseline build" % relative]
    if relative.endswith(".html"):
        elements, text = html_structure(hostile)
        expected, _ = html_structure(benign)
        if elements != expected:
            extra = [e for e in elements if e not in expected][:3]
            missing = [e for e in expected if e not in elements][:3]
            problems.append("%s: HTML elements differ from the baseline: extra %r, missing %r" % (relative, extra, missing))
        for tag, attributes in elements:
            for name, value in attributes:
                if name.startswith("on") or name == "style" or tag in ("script", "iframe", "object", "embed", "base", "form"):
                    problems.append("%s: <%s %s=%r> may run or load something" % (relative, tag, name, value[:80]))
                if name in ("href", "src", "action") and re.match(r"[a-z][a-z0-9+.-]*:", value, re.I) and value not in links:
                    problems.append("%s: <%s %s=%r> leaves the site" % (relative, tag, name, value[:80]))
        if raw_invisibles(text):
            problems.append("%s: raw invisible characters in the text: %s" % (relative, ", ".join(raw_invisibles(text))))
    elif relative.endswith(".md"):
        rendered, source = markdown_structure(hostile)
        expected, _ = markdown_structure(benign)
        if rendered != expected:
            extra = [e for e in rendered if e not in expected][:3]
            problems.append("%s: rendered Markdown differs from the baseline: extra %r (%d vs %d elements)" % (relative, extra, len(rendered), len(expected)))
        for tag, attributes in rendered:
            for url in re.findall(r'(?:href|src)="([^"]*)"', attributes):
                if url not in links:
                    problems.append("%s: <%s> links to %r" % (relative, tag, url[:80]))
        if raw_invisibles(source):
            problems.append("%s: raw invisible characters: %s" % (relative, ", ".join(raw_invisibles(source))))
    elif relative.endswith(".json"):
        for path in (hostile, benign):
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                json.loads(text)
            except ValueError as error:
                problems.append("%s: not valid JSON: %s" % (path, error))
                continue
            if raw_invisibles(text):
                problems.append("%s: raw invisible characters (write them as \\u escapes): %s" % (relative, ", ".join(raw_invisibles(text))))
    elif relative.endswith(".csv"):
        problems += check_csv(hostile, benign)
    return problems


def check_csv(hostile, benign):
    csv.field_size_limit(1 << 30)
    problems = []
    rows = []
    for path in (hostile, benign):
        with open(path, encoding="utf-8", newline="") as handle:
            rows.append(list(csv.reader(handle)))
    if len(rows[0]) != len(rows[1]):
        problems.append("findings.csv: %d rows, the baseline has %d" % (len(rows[0]), len(rows[1])))
    for number, row in enumerate(rows[0], start=1):
        if len(row) != len(rows[0][0]):
            problems.append("findings.csv: row %d has %d cells, not %d" % (number, len(row), len(rows[0][0])))
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                problems.append("findings.csv: row %d has a cell a spreadsheet runs as a formula: %r" % (number, cell[:60]))
    return problems


def payload_survives(field, organisation_id, hostile_root, benign_root):
    """A payload must be rendered inert, not dropped: wherever report.json shows the field in the
    baseline, the hostile report.json holds every payload intact."""
    problems = []
    relative = os.path.join("organisations", organisation_id, "report.json")
    with open(os.path.join(benign_root, relative), encoding="utf-8") as handle:
        baseline = handle.read()
    with open(os.path.join(hostile_root, relative), encoding="utf-8") as handle:
        strings = []
        collect(json.load(handle), strings)
    everything = "\n".join(strings)
    if field in hostile_corpus.ORGANISATION_FIELDS:
        chosen = [organisation_id.split("--", 1)[1]]
    else:
        chosen = [name for name, _ in hostile_corpus.payloads_for(field)]
    for name in chosen:
        if hostile_corpus.benign(name) in baseline and hostile_corpus.PAYLOADS[name] not in everything:
            problems.append("%s: report.json lost the %s payload of %s" % (relative, name, field))
    return problems


def collect(value, strings):
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, list):
        for item in value:
            collect(item, strings)
    elif isinstance(value, dict):
        for key, item in value.items():
            strings.append(key)
            collect(item, strings)


def check_diagnostics(stderr):
    problems = []
    text = stderr.decode("utf-8", errors="replace")
    if raw_invisibles(text.replace("\n", "")):
        problems.append("diagnostics: raw invisible characters reach the terminal: %s" % ", ".join(raw_invisibles(text)))
    for line in text.splitlines():
        if len(line) > 2000:
            problems.append("diagnostics: a line of %d characters: %s..." % (len(line), line[:120]))
            break
    return problems


def check_refused(bulletin, work):
    """Every refused case, alone: exit status 1, a located error with the expected id at the
    case's file, nothing written."""
    problems, passed = [], 0
    for number, (name, document, diagnostic) in enumerate(hostile_corpus.refused_cases()):
        folder = os.path.join(work, "refused", str(number))
        os.makedirs(folder)
        scan = os.path.join(folder, "scan.json")
        with open(scan, "wb") as handle:
            handle.write(document)
        output = os.path.join(folder, "Output")
        result = build(bulletin, scan, output)
        errors = [m for m in LOCATED.finditer(result.stderr.decode("utf-8", errors="replace")) if m.group("file").endswith("scan.json")]
        if result.returncode != 1 or not any(diagnostic in (None, m.group("id")) for m in errors) or os.path.exists(output):
            problems.append("refused case %s: expected a located %s error and no output; got status %d: %s"
                            % (name, diagnostic or "", result.returncode, result.stderr.decode("utf-8", errors="replace")[-400:]))
        else:
            passed += 1
        problems += ["refused case %s: %s" % (name, p) for p in check_diagnostics(result.stderr)]
    return passed, problems


def main():
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--bulletin", default=os.path.join(ROOT, ".build", "debug", "bulletin"))
    options.add_argument("--work", help="folder for the corpus and the two sites (default: a temporary folder)")
    options.add_argument("--reuse", action="store_true", help="check the sites already built in --work again")
    options.add_argument("--keep", action="store_true", help="keep the work folder")
    options.add_argument("--fields", help="only these fields, comma-separated (default: every field)")
    options.add_argument("--templates", default=os.path.join(ROOT, "Templates"), help="the templates to build with")
    arguments = options.parse_args()
    fields = arguments.fields.split(",") if arguments.fields else None
    global TEMPLATES
    TEMPLATES = arguments.templates
    work = arguments.work or tempfile.mkdtemp(prefix="bulletin-hostile-")
    os.makedirs(work, exist_ok=True)
    problems = []
    try:
        sites = {}
        for kind, hostile in (("hostile", True), ("benign", False)):
            scans = os.path.join(work, kind + "-scans")
            hostile_corpus.write(scans, hostile=hostile, fields=fields)
            output = os.path.join(work, kind + "-site")
            if arguments.reuse and os.path.isdir(output):
                sites[kind] = output
                continue
            result = build(arguments.bulletin, scans, output)
            if result.returncode != 0:
                print(result.stderr.decode("utf-8", errors="replace")[-3000:])
                print("0 passed, 1 failed: the %s corpus did not build" % kind)
                return 1
            problems += ["%s build: %s" % (kind, p) for p in check_diagnostics(result.stderr)]
            sites[kind] = output
        links = allowed_links()
        files = sorted(os.path.relpath(os.path.join(folder, name), sites["hostile"])
                       for folder, _, names in os.walk(sites["hostile"]) for name in names)
        # No value names a file: the hostile site has exactly the baseline's files (a host id
        # such as ../../etc/passwd or CON is text in a report, never a path).
        baseline_files = sorted(os.path.relpath(os.path.join(folder, name), sites["benign"])
                                for folder, _, names in os.walk(sites["benign"]) for name in names)
        problems += ["%s: in the baseline site but not in the hostile one" % f for f in sorted(set(baseline_files) - set(files))]
        jobs = [(relative, sites["hostile"], sites["benign"], links) for relative in files]
        with multiprocessing.Pool(2) as pool:
            results = pool.map(compare_page, jobs, chunksize=4)
        failed_files = sum(1 for result in results if result)
        for result in results:
            problems += result
        for field, organisation_id, _ in hostile_corpus.documents(fields=fields):
            problems += payload_survives(field, organisation_id, sites["hostile"], sites["benign"])
        refused_passed, refused_problems = check_refused(arguments.bulletin, work)
        problems += refused_problems
        for problem in problems:
            print(problem)
        passed = len(files) - failed_files + refused_passed
        print("hostile corpus: %d organisations, %d files checked against their baseline, %d refused cases"
              % (len(list(hostile_corpus.documents(fields=fields))), len(files), len(hostile_corpus.refused_cases())))
        print("%d passed, %d failed" % (passed, failed_files + len(refused_problems) + (1 if problems and not failed_files and not refused_problems else 0)))
        return 1 if problems else 0
    finally:
        if not arguments.keep and not arguments.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
