#!/usr/bin/env python3
"""Checks a built site the way a browser and a web host would see it.

- Every relative link (href, src) of every HTML page points at a file of the site, and never
  leaves the site's folder (so it works from file://, from any sub-path of a web server, and a
  per-organisation folder works on its own when zipped: its only way out is the link back to
  the index).
- No page loads anything from elsewhere (no absolute URL in src, no stylesheet or script link).

Usage: scripts/check-site.py OUTPUT_DIR. Exits 1 with one line per problem.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []  # (tag, attribute, value, line)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data") and value is not None:
                self.links.append((tag, name, value, self.getpos()[0]))


def main(root):
    problems = []
    root = os.path.abspath(root)
    pages = 0
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(folder, name)
            parser = Links()
            with open(path, encoding="utf-8") as handle:
                parser.feed(handle.read())
            where = os.path.relpath(path, root)
            for tag, attribute, value, line in parser.links:
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    if tag == "a" and attribute == "href" and parts.scheme in ("https", "http", "mailto"):
                        continue  # a link the reader may follow; nothing is loaded
                    problems.append(f"{where}:{line}: <{tag} {attribute}> loads {value!r} from outside the site")
                    continue
                if tag in ("script", "link") or attribute != "href":
                    problems.append(f"{where}:{line}: <{tag} {attribute}={value!r}> loads a resource; pages must be self-contained")
                    continue
                if not parts.path:
                    continue  # a fragment on the same page
                target = os.path.normpath(os.path.join(folder, unquote(parts.path)))
                if not target.startswith(root + os.sep):
                    problems.append(f"{where}:{line}: {value!r} leaves the site's folder")
                elif not os.path.isfile(target):
                    problems.append(f"{where}:{line}: broken link {value!r}")
                elif where.startswith("organisations" + os.sep) and os.path.dirname(target) != folder and not target.endswith(os.sep + "index.html"):
                    problems.append(f"{where}:{line}: {value!r} reaches outside the organisation's folder")
    for problem in problems:
        print(problem)
    print(f"checked {pages} pages: {len(problems)} problems")
    return 1 if problems or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Output"))
