#!/usr/bin/env python3
"""Opens nangsuat's HTML reports in headless Chromium and fails on what a reader would see
go wrong: a console error or page exception, ANY network request (the report must be
self-contained), a blank page, a missing goal, a chart without a title or axis labels.
Saves a full-page screenshot (PNG) and a print (PDF) of each report.

Drives Chromium over the DevTools protocol through --remote-debugging-pipe (file
descriptors 3 and 4, NUL-separated JSON), so only the Python standard library is needed.

    python3 scripts/browser_check.py --out target/browser \
        report-vi.html:report.json report-en.html:report.json

Each argument is an HTML file, optionally with the report's JSON after a colon: every goal
of the JSON must then be present in the page.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 120.0
TILE = 1400


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser_check: chromium not found (Debian: apt-get install -y chromium)")


class Browser:
    def __init__(self, exe: str, profile: str) -> None:
        to_browser_r, self._to_browser_w = os.pipe()
        self._from_browser_r, from_browser_w = os.pipe()
        # The browser reads commands on fd 3 and writes replies on fd 4.
        def remap() -> None:
            # Through fresh descriptors first, in case a pipe end already sits on 3 or 4.
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [
                exe,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--hide-scrollbars",
                "--mute-audio",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=remap,
            # Keep fds 3 and 4 (made by remap) open in the browser.
            pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self._from_browser_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        msg: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        for i, e in enumerate(self.events):
            if e.get("method") == method and e.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            e = self._read_message(deadline)
            if e.get("method") == method and e.get("sessionId") == session:
                return e
            self.events.append(e)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


STRUCTURE = r"""
(() => {
  const svgs = [...document.querySelectorAll('svg')];
  const charts = svgs.map(s => ({
    id: s.getAttribute('aria-labelledby') || '',
    title: (s.querySelector('title') || {}).textContent || '',
    texts: s.querySelectorAll('text').length,
    width: s.getBoundingClientRect().width,
    height: s.getBoundingClientRect().height,
    caption: ((s.closest('figure') || {}).querySelector ?
              (s.closest('figure').querySelector('figcaption') || {}).textContent : '') || '',
  }));
  return JSON.stringify({
    title: document.title,
    lang: document.documentElement.lang,
    text: document.body ? document.body.innerText.length : 0,
    height: document.documentElement.scrollHeight,
    goals: [...document.querySelectorAll('article.goal')].map(a => a.id),
    charts,
    external: [...document.querySelectorAll('[src],link[href],script')].length,
  });
})()
"""


def check(browser: Browser, html: pathlib.Path, expect: pathlib.Path | None, out: pathlib.Path) -> list[str]:
    problems: list[str] = []
    url = html.resolve().as_uri()
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Network", "Log"):
        browser.call(f"{domain}.enable", session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": 1100, "height": 1400, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    browser.events.clear()
    browser.call("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    time.sleep(0.3)  # let late console messages arrive
    # Drain what is pending by a harmless call.
    browser.call("Runtime.evaluate", {"expression": "1"}, session=session)
    for e in browser.events:
        if e.get("sessionId") != session:
            continue
        m, p = e.get("method"), e.get("params", {})
        if m == "Network.requestWillBeSent":
            req = p.get("request", {}).get("url", "")
            if req != url:
                problems.append(f"network request: {req}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            problems.append(f"console {p.get('type')}: {args}")
        elif m == "Runtime.exceptionThrown":
            problems.append(f"exception: {p.get('exceptionDetails', {}).get('text')}")
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            entry = p["entry"]
            problems.append(f"log error: {entry.get('text')} {entry.get('url', '')}")
    browser.events.clear()
    r = browser.call("Runtime.evaluate", {"expression": STRUCTURE, "returnByValue": True}, session=session)
    s = json.loads(r["result"]["value"])
    if s["text"] < 500:
        problems.append(f"blank page: {s['text']} characters of text")
    if not s["title"]:
        problems.append("no document title")
    if s["external"]:
        problems.append(f"{s['external']} elements that load or run something")
    if not s["charts"]:
        problems.append("no chart")
    for c in s["charts"]:
        if not c["title"].strip() or not c["caption"].strip():
            problems.append(f"chart {c['id']} without a title or caption")
        if c["texts"] < 3:
            problems.append(f"chart {c['id']}: {c['texts']} text elements (title and axis labels expected)")
        if c["width"] < 100 or c["height"] < 50:
            problems.append(f"chart {c['id']} drawn {c['width']}×{c['height']}")
    if expect is not None:
        report = json.loads(expect.read_text(encoding="utf-8"))
        for plan in report["plans"]:
            for goal in plan["goals"]:
                anchor = "goal--" + "--".join(
                    "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in part)
                    for part in (plan["id"], goal["goal"]))
                if anchor not in s["goals"]:
                    problems.append(f"goal {plan['id']}/{goal['goal']} missing")
    # Screenshots: the page in tiles one screen high (readable in an image viewer), then the
    # print version as PDF (the print style sheet at work).
    t0 = time.monotonic()
    height = min(int(s["height"]), 40000)
    tiles = 0
    for top in range(0, height, TILE):
        clip = {"x": 0, "y": top, "width": 1100, "height": min(TILE, height - top), "scale": 1}
        shot = browser.call("Page.captureScreenshot",
                            {"format": "png", "clip": clip, "captureBeyondViewport": True},
                            session=session)
        tiles += 1
        (out / f"{html.stem}-{tiles:02}.png").write_bytes(base64.b64decode(shot["data"]))
    png = out / f"{html.stem}-01.png"
    # The first screen as printed (the print style sheet), to look at without a PDF viewer.
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    shot = browser.call("Page.captureScreenshot",
                        {"format": "png", "clip": {"x": 0, "y": 0, "width": 1100, "height": TILE, "scale": 1}},
                        session=session)
    (out / f"{html.stem}-print-01.png").write_bytes(base64.b64decode(shot["data"]))
    browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    t1 = time.monotonic()
    pdf = browser.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True},
                       session=session)
    (out / (html.stem + ".pdf")).write_bytes(base64.b64decode(pdf["data"]))
    t2 = time.monotonic()
    print(f"browser_check: {html.name}: {tiles} screenshots in {t1 - t0:.1f} s, PDF in {t2 - t1:.1f} s")
    browser.call("Target.closeTarget", {"targetId": target})
    print(f"browser_check: {html.name}: lang={s['lang']}, {len(s['goals'])} goals, "
          f"{len(s['charts'])} charts, {s['text']} characters, screenshots from {png}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="target/browser", help="where screenshots and PDFs go")
    ap.add_argument("pages", nargs="+", help="HTML[:REPORT.json]")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    exe = find_chromium()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="nangsuat-chromium-") as profile:
        browser = Browser(exe, profile)
        try:
            for page in args.pages:
                html, _, expect = page.partition(":")
                problems = check(browser, pathlib.Path(html),
                                 pathlib.Path(expect) if expect else None, out)
                for p in problems:
                    print(f"browser_check: {html}: {p}", file=sys.stderr)
                failures += len(problems)
        finally:
            browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
