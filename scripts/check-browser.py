#!/usr/bin/env python3
"""Opens every HTML page of a built site in headless Chromium and proves that nothing on it runs
and nothing leaves it.

Pages are opened from file://, as administrators open reports, with the page's own
Content-Security-Policy turned off (bypass_csp), so that what is checked is the escaping and not
the policy that backs it up. For each page:

- no script runs: the browser's debugger sees no script compiled (an inline script, an event
  handler attribute or a javascript: URL would each be one), no dialog opens (the hostile corpus's
  payloads call alert()), and nothing is written to the console;
- no request leaves the page: the only request is the page itself (the stylesheet is inline);
  data: URLs are allowed (the policy allows data: images);
- nothing is navigated to (no meta refresh, no base href, no form).

Drives the system Chromium (Debian `chromium`) through Playwright (`pip install playwright`), with
no browser download. Usage: scripts/check-browser.py SITE_DIR [--chromium PATH]. Prints one line per
problem and 'N passed, N failed'; exits 1 on any problem.
"""
import argparse
import os
import sys
import time
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

def pages(root):
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def main():
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("site")
    options.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = options.parse_args()
    root = os.path.abspath(arguments.site)
    problems, passed, failed = [], 0, 0
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=arguments.chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(bypass_csp=True, java_script_enabled=True)
        # One tab for every page: the listeners and the debugger stay attached across navigations,
        # and each page's events are collected from its navigation on.
        page = context.new_page()
        seen = []
        current = {"url": "", "path": ""}
        debugger = context.new_cdp_session(page)
        # Playwright's own helpers are compiled with no URL; the page's have the page's URL.
        debugger.on("Debugger.scriptParsed", lambda script: script.get("url") and seen.append(
            "a script was compiled: %s:%s" % (script["url"][-60:], script.get("startLine"))))
        debugger.send("Debugger.enable")
        page.on("dialog", lambda dialog: (seen.append("a %s dialog opened: %r" % (dialog.type, dialog.message)), dialog.dismiss()))
        page.on("console", lambda message: seen.append("console %s: %r" % (message.type, message.text[:120])))
        page.on("pageerror", lambda error: seen.append("script error: %s" % str(error)[:120]))
        page.on("request", lambda request: None if own(request.url, current["path"]) else seen.append("request to %s" % request.url[:120]))
        page.on("framenavigated", lambda frame: None if frame.url in (current["url"], "about:blank") else seen.append("navigated to %s" % frame.url[:120]))
        for path in pages(root):
            where = os.path.relpath(path, root)
            current["url"], current["path"] = "file://" + path, path
            del seen[:]
            page.goto(current["url"], wait_until="load")
            page.wait_for_timeout(20)
            if seen:
                failed += 1
                problems += ["%s: %s" % (where, s) for s in seen]
            else:
                passed += 1
        browser.close()
    for problem in problems:
        print(problem)
    print("browser: %d pages opened in %.0f s" % (passed + failed, time.monotonic() - started))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or passed == 0 else 0


def own(request_url, page_path):
    """Whether a request is the page itself or a data: URL."""
    parts = urlsplit(request_url)
    if parts.scheme == "data":
        return True
    return parts.scheme == "file" and unquote(parts.path) == page_path


if __name__ == "__main__":
    sys.exit(main())
