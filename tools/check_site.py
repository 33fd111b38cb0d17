"""Check the built course website (``build/site/``, from ``make site``) offline and in Chromium.

Run from anywhere, after ``make site`` (``make site-check`` does both)::

    python tools/check_site.py [--chapter 02_logistic_regression]

1. **Nothing from another host** (static, every file of the site). In every HTML page, no
   ``src``, ``srcset``, ``poster`` or ``data`` attribute, no ``href`` of a ``<link>`` (or of
   any element but ``<a>``), and no ``url(...)`` or ``@import`` in a ``style`` attribute or
   ``<style>`` block points to another host (``http:``, ``https:``, or ``//``); the same for
   ``url(...)`` and ``@import`` in every CSS file. Plain hyperlinks ``<a href="https://...">``
   to outside references are allowed: they are for reading further, nothing needs them to
   render. Every local ``src``/``href`` must name a file that exists in the site.
2. **In a real browser** (headless Chromium driven over its DevTools protocol; every host
   but 127.0.0.1 made unreachable, as on a machine with no network), every page of the site,
   served by Python's ``http.server`` on a free port:

   * no console error, uncaught exception, failed or refused request, or HTTP error, and no
     request to another host;
   * every ``<img>`` loaded (``naturalWidth > 0``);
   * on each chapter page, MathJax typeset the math: the number of display-math containers
     (``mjx-container[display=true]``, a subset of all ``mjx-container``) is at least the
     number of display equations in the notebook's markdown cells (``$$ ... $$`` blocks and
     ``\\begin{equation}``/``align``/``gather``/``multline`` outside them), the ``\\tag{n}``
     numbers are shown, no math element is left untypeset and none is a MathJax error; the
     same on every page built from markdown (references, ...);
   * the landing page and one chapter also render opened from disk (``file://``);
   * screenshots of the landing page and of one chapter (its top, its first numbered
     equation, its animation or else its first figure) at phone width (390 x 844, 2x pixels)
     and desktop width (1366 x 900) go to ``build/site-check/``, and one of the phone's
     navigation menu opened.

Exits 0 when all holds, 1 when something fails, 2 when Chromium (or the site) is missing.
Chromium is found as ``chromium``, ``chromium-browser``, ``google-chrome`` or ``$CHROMIUM``.
"""
import argparse
import base64
import functools
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
SHOTS = ROOT / "build" / "site-check"
EXTERNAL = re.compile(r"^\s*(?:https?:|//)", re.I)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")
ENVS = r"equation|align|gather|multline|eqnarray|flalign|alignat"


# -- 1. static check -------------------------------------------------------------------------
class _Refs(html.parser.HTMLParser):
    """Collect (tag, attribute, value) of every reference in an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.css, self._in_style = [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "poster", "data") or (name == "href" and tag != "a"):
                self.refs.append((tag, name, value))
            elif name == "srcset":
                for item in value.split(","):
                    if item.strip():
                        self.refs.append((tag, name, item.split()[0]))
            elif name == "href":
                self.refs.append((tag, name, value))
            elif name == "style":
                self.css.append(value)
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self.refs.append((tag, "content", value.split("=", 1)[1]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def _local_target(page, value):
    """The file of the site a local reference of ``page`` names, or None if it is no file."""
    parsed = urlparse(value)
    if parsed.scheme or value.startswith("#") or not parsed.path:
        return None
    target = (page.parent / unquote(parsed.path)).resolve()
    return target / "index.html" if target.is_dir() else target


def static_check(site):
    """Problems found by reading every HTML and CSS file of the site (list of strings)."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for tag, attr, value in parser.refs:
            if EXTERNAL.match(value):
                if tag != "a":
                    problems.append(f"{rel}: <{tag} {attr}={value!r}> loads from another host")
                continue
            if value.strip().lower().startswith(("data:", "mailto:", "javascript:")) \
                    or "{{" in value:  # a theme's Jinja template copied into _static
                continue
            target = _local_target(page, value)
            if target is not None and not target.exists():
                problems.append(f"{rel}: <{tag} {attr}={value!r}>: no such file in the site")
        for css in parser.css:
            for m in CSS_URL.finditer(css):
                url = m.group(2) or m.group(3)
                if EXTERNAL.match(url):
                    problems.append(f"{rel}: inline style loads {url!r} from another host")
    for sheet in sorted(site.rglob("*.css")):
        for m in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = m.group(2) or m.group(3)
            if EXTERNAL.match(url):
                problems.append(f"{sheet.relative_to(site)}: loads {url!r} from another host")
            elif not url.startswith("data:"):
                target = (sheet.parent / unquote(urlparse(url).path)).resolve()
                if urlparse(url).path and not target.exists():
                    problems.append(f"{sheet.relative_to(site)}: {url!r}: no such file")
    return problems


# -- what each page should show ----------------------------------------------------------------
def expected_math(markdown):
    """(display equations, \\tag count) in markdown text."""
    blocks = re.findall(r"\$\$(.+?)\$\$", markdown, flags=re.S)
    rest = re.sub(r"\$\$(.+?)\$\$", " ", markdown, flags=re.S)
    rest = re.sub(r"```.*?```", " ", rest, flags=re.S)
    envs = re.findall(r"\\begin\{(?:%s)\*?\}" % ENVS, rest)
    tags = sum(len(re.findall(r"\\tag\{", b)) for b in blocks) + len(re.findall(r"\\tag\{", rest))
    return len(blocks) + len(envs), tags


def pages_to_check(site):
    """{page path relative to the site: (kind, display equations, tags)} for every page."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("_"):
            continue
        pages[rel] = ("page", None, None)
    src = ROOT / "build" / "site-src"
    for nb in sorted(ROOT.glob("[0-9][0-9]_*/*.ipynb")):
        if nb.stem != nb.parent.name[3:]:
            continue
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        rel = nb.relative_to(ROOT).with_suffix(".html").as_posix()
        pages[rel] = ("chapter", *expected_math(text))
    for md in sorted(src.rglob("*.md")) if src.exists() else []:
        rel = md.relative_to(src).with_suffix(".html").as_posix()
        if rel in pages:
            pages[rel] = ("markdown", *expected_math(md.read_text(encoding="utf-8")))
    return pages


# -- 2. Chromium over the DevTools protocol -------------------------------------------------
def find_chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome",
                 "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """Headless Chromium and one page of it, spoken to over the DevTools websocket."""

    def __init__(self, executable, workdir):
        import websocket  # websocket-client, from requirements-site.txt

        self.profile = Path(workdir) / "profile"
        args = [executable, "--headless", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-quic", "--mute-audio", "--hide-scrollbars",
                # Every host but this machine unreachable: the site must need no network.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--allow-file-access-from-files",
                f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.log = open(Path(workdir) / "chromium.log", "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.time() + 60
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"Chromium did not start; see {self.log.name}")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=120,
                                              suppress_origin=True)
        self._id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def call(self, method, params=None, session=False, timeout=120):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.time() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.time()))
            data = json.loads(self.ws.recv())
            if data.get("id") == self._id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data.get("result", {})
            self.events.append(data)
            if time.time() > deadline:
                raise TimeoutError(method)

    def wait_event(self, name, timeout=120):
        deadline = time.time() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == name:
                return self.events.pop(i)
        while time.time() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.time()))
            data = json.loads(self.ws.recv())
            if data.get("method") == name:
                return data
            self.events.append(data)
        raise TimeoutError(f"no {name} within {timeout} s")

    def evaluate(self, expression, timeout=120):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session=True,
                           timeout=timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "evaluation failed"))
        return result["result"].get("value")

    def viewport(self, width, height, scale, mobile):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": scale,
                   "mobile": mobile}, session=True)

    def open(self, url):
        """Load ``url``, wait for MathJax and the images; return the page's facts."""
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_event("Page.loadEventFired")
        return self.evaluate(PAGE_FACTS)

    def problems(self, site_origin):
        """Console errors, exceptions, failed requests and requests to other hosts so far."""
        out = []
        for event in self.events:
            method, p = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", "")))
                                for a in p.get("args", []))
                out.append(f"console.{p['type']}: {text[:300]}")
            elif method == "Runtime.exceptionThrown":
                details = p.get("exceptionDetails", {})
                text = details.get("exception", {}).get("description") or details.get("text")
                out.append(f"uncaught exception: {str(text)[:300]}")
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                entry = p["entry"]
                out.append(f"console error ({entry.get('source')}): {entry.get('text')} "
                           f"{entry.get('url', '')}"[:400])
            elif method == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if not url.startswith((site_origin, "data:", "blob:", "file:", "about:")):
                    out.append(f"request to another host: {url[:200]}")
            elif method == "Network.loadingFailed" and not p.get("canceled"):
                out.append(f"request failed: {p.get('errorText')} ({p.get('type')})")
            elif method == "Network.responseReceived":
                status = p.get("response", {}).get("status", 0)
                if status >= 400:
                    out.append(f"HTTP {status}: {p['response'].get('url')}")
        return out

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# Run in the page after its load event: wait for MathJax's first typesetting and every image.
PAGE_FACTS = r"""
(async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => (i.complete && i.naturalWidth) ? null : new Promise(r => {
    i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 20000);
  })));
  await new Promise(r => setTimeout(r, 100));
  const math = [...document.querySelectorAll('.math')];
  return {
    title: document.title,
    mathjax: !!(window.MathJax && MathJax.version),
    containers: document.querySelectorAll('mjx-container').length,
    display: document.querySelectorAll('mjx-container[display="true"]').length,
    tags: document.querySelectorAll('mjx-labels mjx-mtd').length,
    merror: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent).slice(0, 5),
    untypeset: math.filter(e => !e.querySelector('mjx-container')).length,
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src')),
    wide: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
})()
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """Serve ``directory`` on 127.0.0.1 at a free port in a thread; return (server, origin)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def check_page(browser, url, origin, kind, displays, tags):
    """Open one page; return (facts, list of problems)."""
    facts = browser.open(url)
    problems = browser.problems(origin)
    if facts["broken"]:
        problems.append(f"images not loaded: {facts['broken']}")
    if kind in ("chapter", "markdown") and displays:
        if not facts["mathjax"]:
            problems.append("MathJax did not load")
        if facts["display"] < displays:
            problems.append(f"{facts['display']} display equations typeset, "
                            f"{displays} in the source")
        if facts["containers"] < displays:
            problems.append(f"{facts['containers']} MathJax containers, {displays} display "
                            "equations in the source")
    if tags and facts["tags"] < tags:
        problems.append(f"{facts['tags']} equation numbers shown, {tags} \\tag in the source")
    if facts["untypeset"]:
        problems.append(f"{facts['untypeset']} math elements not typeset")
    if facts["merror"]:
        problems.append(f"MathJax errors: {facts['merror']}")
    return facts, problems


def screenshots(browser, origin, chapter, shots):
    """Landing page and one chapter at phone and desktop widths; returns the files written."""
    written = []
    sizes = {"phone": (390, 844, 2, True), "desktop": (1366, 900, 1, False)}
    for label, (width, height, scale, mobile) in sizes.items():
        browser.viewport(width, height, scale, mobile)
        for name, path in (("landing", "index.html"), ("chapter", chapter)):
            facts = browser.open(origin + path)
            out = shots / f"{name}-{label}.png"
            browser.screenshot(out)
            written.append((out, facts["wide"]))
            if name == "chapter":
                for what, selectors in (("equation", ["mjx-labels"]),
                                        ("figure", ["article img[src$=\".gif\"]", "article img"])):
                    query = " || ".join(f"document.querySelector('{s}')" for s in selectors)
                    found = browser.evaluate(
                        f"(() => {{ const e = {query}; "
                        "if (!e) return false; e.scrollIntoView({block: 'center'}); "
                        "return true; })()")
                    if found:
                        time.sleep(0.3)
                        out = shots / f"{name}-{what}-{label}.png"
                        browser.screenshot(out)
                        written.append((out, facts["wide"]))
        if mobile:  # the navigation menu, opened as a reader on a phone would
            browser.open(origin + "index.html")
            opened = browser.evaluate(
                "(() => { const b = document.querySelector('.primary-toggle'); "
                "if (!b) return false; b.click(); return true; })()")
            if opened:
                time.sleep(0.5)
                out = shots / f"landing-menu-{label}.png"
                browser.screenshot(out)
                written.append((out, False))
    browser.viewport(1366, 900, 1, False)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--chapter", default=None,
                        help="chapter folder for the screenshots (default: the first with a GIF"
                             " or else the first)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").exists():
        print(f"error: no site in {site}: build it first with `make site`")
        return 2
    chromium = find_chromium()
    if chromium is None:
        print("error: Chromium is not installed, and the browser test needs it. On Debian or "
              "Ubuntu: `sudo apt-get install chromium` (as root: `apt-get update && apt-get "
              "install -y chromium`); elsewhere install Chromium or Chrome and set "
              "CHROMIUM=/path/to/it.")
        return 2
    start = time.perf_counter()
    failures = 0

    problems = static_check(site)
    n_html = sum(1 for _ in site.rglob("*.html"))
    n_css = sum(1 for _ in site.rglob("*.css"))
    verdict = (f"{len(problems)} problems" if problems
               else "nothing loads from another host, every local reference exists")
    print(f"static check of {n_html} HTML and {n_css} CSS files: {verdict}")
    for problem in problems:
        print("  FAIL", problem)
    failures += len(problems)

    pages = pages_to_check(site)
    chapters = [p for p, (kind, *_) in pages.items() if kind == "chapter"]
    missing = [p for p in chapters if not (site / p).exists()]
    for page in missing:
        print(f"  FAIL {page}: the chapter has no page in the site (rebuild with `make site`)")
    failures += len(missing)
    chapter = args.chapter
    if chapter is None:
        with_gif = [p for p in chapters if list((ROOT / p).parent.glob("figures/*.gif"))]
        chapter = (with_gif or chapters or ["index.html"])[0]
    else:
        chapter = next((p for p in chapters if p.startswith(chapter.rstrip("/") + "/")), chapter)

    server, origin = serve(site)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        browser = Browser(chromium, workdir)
        try:
            browser.viewport(1366, 900, 1, False)
            print(f"{'page':52s} {'display eqs':>11s} {'mjx (display)':>14s} {'tags':>9s} "
                  f"{'images':>6s} {'errors':>6s}")
            for rel, (kind, displays, tags) in pages.items():
                if not (site / rel).exists():
                    continue
                facts, problems = check_page(browser, origin + rel, origin, kind, displays, tags)
                failures += bool(problems)
                eqs = "" if displays is None else str(displays)
                tag_text = "" if not tags else f"{facts['tags']}/{tags}"
                print(f"{rel:52s} {eqs:>11s} {facts['containers']:>6d} ({facts['display']:>4d})"
                      f" {tag_text:>9s} {facts['images']:>6d} {len(problems):>6d}"
                      f"{'  FAIL' if problems else ''}", flush=True)
                for problem in problems:
                    print("      ", problem)
            # Opened from disk, with no server at all.
            for rel in ("index.html", chapter):
                kind, displays, tags = pages.get(rel, ("page", None, None))
                facts, problems = check_page(browser, (site / rel).as_uri(), "file://", kind,
                                             displays, tags)
                failures += bool(problems)
                print(f"file://.../{rel}: {facts['containers']} MathJax containers, "
                      f"{facts['images']} images, {len(problems)} problems"
                      f"{'  FAIL' if problems else ''}")
                for problem in problems:
                    print("      ", problem)
            written = screenshots(browser, origin, chapter, SHOTS)
        finally:
            browser.close()
            server.shutdown()
    for path, wide in written:
        note = "  (the page is wider than the screen)" if wide else ""
        print(f"screenshot {path.relative_to(ROOT)}{note}")
    took = time.perf_counter() - start
    checked = sum(1 for rel in pages if (site / rel).exists())
    print(f"site check: {checked} pages ({len(chapters)} chapters) in Chromium, "
          f"{failures} failing, in {took:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
