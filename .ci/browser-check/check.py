#!/usr/bin/env python3
"""The browser check: renders fixture sites with diary, loads their pages in headless
Chromium through the DevTools protocol (CDP) and measures the layout.

Run by .ci/browser-check/run; by hand:
    python3 .ci/browser-check/check.py --diary PATH/TO/diary --out .build/browser-check

Prints one line per page, viewport and colour scheme with what it measured, every
failed assertion, a summary table, and exits 0 only when every assertion holds.
Needs chromium and the websocket-client module; nothing else outside the stdlib.
"""
import argparse, base64, functools, http.server, json, os, re, shutil, signal, subprocess, sys, tempfile, threading, time
from pathlib import Path
from urllib.parse import urlparse
from queue import Queue, Empty

import websocket  # websocket-client, from PyPI

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VIEWPORTS = [(1280, 900, False), (390, 844, True)]  # width, height, mobile
SCHEMES = ["light", "dark"]
MATH_FONT = "latinmodern-math.otf"
LIVE_MARK = "Live reload mark 12345."


class CDP:
    """One websocket to the browser; pages are attached targets addressed by sessionId
    (flat mode), so a single synchronous connection drives everything."""

    def __init__(self, url):
        # Chromium refuses websocket handshakes that carry an Origin it was not told to allow.
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []  # events that arrived while waiting for something else

    def _receive(self, deadline):
        self.ws.settimeout(max(0.05, deadline - time.monotonic()))
        return json.loads(self.ws.recv())

    def call(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")
            try:
                message = self._receive(deadline)
            except websocket.WebSocketTimeoutException:
                continue
            if "method" in message:
                self.events.append(message)

    def take_events(self, method, session):
        taken = [e for e in self.events if e["method"] == method and e.get("sessionId") == session]
        self.events = [e for e in self.events if e.get("sessionId") != session]
        return taken

    def evaluate(self, session, expression, timeout=30):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session, timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails'].get('exception', {}).get('description') or result['exceptionDetails'].get('text')}")
        return result["result"].get("value")


class Chromium:
    """Headless Chromium on a port it picks itself (--remote-debugging-port=0), read from
    DevToolsActivePort. Killed with its whole process group, whatever happens."""

    def __init__(self, binary, log_path):
        self.profile = tempfile.mkdtemp(prefix="browser-check-profile-")
        flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
                 # Nothing may leave this machine: names other than 127.0.0.1 do not
                 # resolve and every non-loopback request goes to a closed local port.
                 # Requests are still *attempted*, so the Network events record them.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--mute-audio", "about:blank"]
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen([binary, *flags], stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"chromium did not start; see {log_path}")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.cdp = CDP(f"ws://127.0.0.1:{port}{path}")

    def close(self):
        # Asked politely, Chromium ends its own helpers; whatever is left of its process
        # group (it has one of its own: start_new_session) is then killed.
        try:
            self.cdp.call("Browser.close", timeout=5)
            self.process.wait(timeout=5)
        except Exception:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def open_page(self, width, height, mobile, scheme):
        """A fresh tab per load, so that no cache or font state carries over and the
        Network events belong to one page."""
        cdp = self.cdp
        target = cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method, params in [("Page.enable", {}), ("Network.enable", {}),
                               ("Network.setCacheDisabled", {"cacheDisabled": True}),
                               ("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                "deviceScaleFactor": 1, "mobile": mobile}),
                               ("Emulation.setEmulatedMedia", {"features": [
                                {"name": "prefers-color-scheme", "value": scheme}]})]:
            cdp.call(method, params, session)
        return target, session

    def navigate(self, session, url):
        self.cdp.call("Page.navigate", {"url": url}, session)
        self.cdp.wait_event("Page.loadEventFired", session, timeout=30)
        # Measure only with the final fonts, after the layout that follows them.
        self.cdp.evaluate(session, "document.fonts.ready.then(() => new Promise(r => "
                                   "requestAnimationFrame(() => requestAnimationFrame(r))))")

    def requested_urls(self, session):
        return [e["params"]["request"]["url"] for e in self.cdp.take_events("Network.requestWillBeSent", session)]

    def screenshot(self, session, path, width):
        height = self.cdp.call("Page.getLayoutMetrics", {}, session)["cssContentSize"]["height"]
        shot = self.cdp.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                             "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close_page(self, target):
        self.cdp.call("Target.closeTarget", {"targetId": target})


# Everything measured in the page, in one script returning JSON-able values. The
# geometry of the TeX set in math-geometry.md is looked up by each formula's annotation.
MEASURE_JS = r"""
(() => {
  const rect = el => el.getBoundingClientRect();
  const px = v => parseFloat(v) || 0;
  const texOf = m => (m.querySelector('annotation')?.textContent || m.textContent).trim();
  const out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth, wide: [],
               styled: getComputedStyle(document.documentElement).getPropertyValue('--text').trim() !== ''};
  // When the page scrolls sideways, name what sticks out (outside any scrolling box).
  if (out.scrollWidth > innerWidth)
    for (const el of document.body.querySelectorAll('*')) {
      if (rect(el).right <= innerWidth + 0.5) continue;
      let a = el.parentElement;
      while (a && !/auto|scroll|hidden/.test(getComputedStyle(a).overflowX)) a = a.parentElement;
      if (!a && out.wide.length < 3) out.wide.push(`${el.localName}.${el.className} right ${rect(el).right.toFixed(0)}`);
    }

  // Measure: characters per line of the body's long paragraphs.
  const ctx = document.createElement('canvas').getContext('2d');
  out.cpl = [];
  for (const p of document.querySelectorAll('.note-content p')) {
    const text = p.innerText.replace(/\s+/g, ' ').trim();
    if (text.length < 200) continue;
    const cs = getComputedStyle(p);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const average = ctx.measureText(text).width / text.length;
    out.cpl.push((p.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight)) / average);
  }

  // Display math: in a .math-display wrapper, and centred in it when it fits.
  out.unwrapped = []; out.offCentre = []; out.centred = 0;
  for (const m of document.querySelectorAll('math[display="block"]')) {
    const box = m.closest('.math-display');
    if (!box) { out.unwrapped.push(texOf(m).slice(0, 50)); continue; }
    const cs = getComputedStyle(box), b = rect(box);
    const left = b.left + box.clientLeft + px(cs.paddingLeft);
    const right = b.left + box.clientLeft + box.clientWidth - px(cs.paddingRight);
    // A block <math> spans its line; the formula drawn is its first semantic child.
    const drawn = m.firstElementChild?.localName === 'semantics' ? m.firstElementChild.firstElementChild : m;
    const d = rect(drawn);
    if (d.width >= right - left - 0.5) continue;  // as wide as the box: it scrolls
    const diff = Math.abs((d.left - left) - (right - d.right));
    out.centred++;
    if (diff > 2) out.offCentre.push({tex: texOf(m).slice(0, 50), left: d.left - left, right: right - d.right});
    out.maxCentreDiff = Math.max(out.maxCentreDiff || 0, diff);
  }

  // Chart text as drawn: its font size times the SVG's scale. The scale is the length
  // of the transformed x unit vector, not the matrix's a, which is 0 for the y axis's
  // label (rotated a quarter turn).
  const sizes = [...document.querySelectorAll('svg.diary-chart text')].map(t => {
    const ctm = t.getScreenCTM();
    return px(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
  });
  out.chartMin = sizes.length ? Math.min(...sizes) : null;
  out.chartTexts = sizes.length;

  // The math checks of the former check.html.
  const maths = [...document.querySelectorAll('math')];
  out.formulas = maths.length;
  out.mathProblems = [];
  const em = el => px(getComputedStyle(el).fontSize);
  for (const f of document.querySelectorAll('mfrac')) {
    const [num, den] = f.children;
    if (num && den && rect(num).bottom > rect(den).top + 1)
      out.mathProblems.push('numerator below denominator in ' + texOf(f.closest('math')).slice(0, 40));
  }
  for (const u of document.querySelectorAll('math[display="block"] munderover, math[display="block"] munder')) {
    const [base, under] = u.children;
    if (base && under && rect(under).top < rect(base).bottom - 1)
      out.mathProblems.push('under-script not below its base in ' + texOf(u.closest('math')).slice(0, 40));
  }
  for (const mo of document.querySelectorAll('math[display="block"] munderover > mo:first-child')) {
    const height = rect(mo).height / em(mo);
    if (mo.textContent === '∑' && height < 1.2) out.mathProblems.push(`display ∑ only ${height.toFixed(2)} em tall`);
  }
  const errors = document.querySelectorAll('.math-error').length;
  if (errors) out.mathProblems.push(errors + ' math-error element(s)');
  // Raw $$ in the text of <main>, code and TeX annotations aside.
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  let dollars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (n.data.includes('$$') && !n.parentElement.closest('pre, code, annotation')) dollars++;
  if (dollars) out.mathProblems.push(dollars + ' text node(s) with raw $$');

  // Geometry of single formulas, found by their TeX.
  const byTex = tex => maths.find(m => m.querySelector('annotation')?.textContent.trim() === tex);
  const geo = out.geometry = {};
  let m = byTex('p(x)\\log p(x)');
  if (m) {
    const tokens = [...m.querySelectorAll('mi, mo, mn, mtext')];
    const log = tokens.findIndex(t => t.localName === 'mi' && t.textContent === 'log');
    const paren = tokens.slice(0, Math.max(log, 0)).reverse().find(t => t.localName === 'mo' && t.textContent === ')');
    if (log >= 0 && paren) geo.parenLogEm = (rect(tokens[log]).left - rect(paren).right) / em(m);
  }
  m = byTex('\\begin{bmatrix}1\\\\2\\\\3\\end{bmatrix}');
  if (m) {
    const mos = [...m.querySelectorAll('mo')];
    const open = mos.find(o => o.textContent === '['), close = mos.find(o => o.textContent === ']');
    // The column is what its cells draw (the <mn>s), not the cells' padding boxes.
    const cells = [...m.querySelectorAll('mtd > *')].map(rect);
    if (open && close && cells.length) {
      geo.bracketLeft = Math.min(...cells.map(c => c.left)) - rect(open).right;
      geo.bracketRight = rect(close).left - Math.max(...cells.map(c => c.right));
    }
  }
  for (const [key, tex, outer] of [['underbrace', '\\underbrace{a+b+c}_{\\text{label}}', 'munder'],
                                   ['overbrace', '\\overbrace{x+y}^{n}', 'mover']]) {
    m = byTex(tex);
    const o = m?.querySelector(outer);
    // <outer><inner>base brace-mo</inner>label</outer>
    const brace = o?.firstElementChild?.children[1], label = o?.children[1];
    if (brace && label) {
      const centre = r => (r.left + r.right) / 2;
      geo[key] = {brace: centre(rect(brace)), label: centre(rect(label)),
                  braceTag: brace.localName + ' ' + brace.textContent, labelTag: label.localName + ' ' + label.textContent};
    }
  }

  // The math font: which FontFaces loaded (a local() match loads without a request).
  out.mathFontFaces = [...document.fonts].filter(f => /Latin Modern Math/.test(f.family)).map(f => f.status);
  return out;
})()
"""


class Report:
    """Collects assertion results; the summary table groups them by assertion and shows
    the worst figure seen, with where it was measured."""

    def __init__(self):
        self.rows = {}  # assertion -> [checked, failed, (badness, figure text) or None]
        self.failures = []
        self.math_font = []  # (file requested, FontFace loaded) per load of a page with math

    def check(self, assertion, ok, where, detail, worst=None):
        """worst: (badness, text), higher badness being worse, for the summary."""
        row = self.rows.setdefault(assertion, [0, 0, None])
        row[0] += 1
        if worst is not None and (row[2] is None or worst[0] > row[2][0]):
            row[2] = (worst[0], f"{worst[1]} ({where})")
        if not ok:
            row[1] += 1
            self.failures.append(f"{where}: {assertion}: {detail}")
            print(f"  FAIL {assertion}: {detail}")

    def summary(self):
        print(f"\n{'assertion':<38} checked  failed  worst figure")
        for name, (checked, failed, worst) in self.rows.items():
            print(f"{name:<38} {checked:>7}  {failed:>6}  {worst[1] if worst else ''}")
        if self.math_font:
            # Report only: Chromium tries local("Latin Modern Math") before the url(), so on
            # a machine with fonts-lmodern the bundled file is not fetched.
            requested = sum(r for r, _ in self.math_font)
            loaded = sum(l for _, l in self.math_font)
            print(f"math font (report): {len(self.math_font)} loads of pages with math; the FontFace loaded on "
                  f"{loaded}, {MATH_FONT} requested on {requested}"
                  + ("" if requested else " (the local() source matched first)"))


def render(diary, folder):
    result = subprocess.run([diary, "render", "notes", "--out", "site", "--today", "2026-11-26", "--quiet"],
                            cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"browser check FAILED: diary render in {folder} exited {result.returncode}\n{result.stderr}")


def build_sites(diary, out):
    """(1) this repository's notes; (2) the fixture diary plus constructs.md."""
    sites = out / "sites"
    shutil.rmtree(sites, ignore_errors=True)
    repo, fixture = sites / "repo", sites / "fixture"
    (repo / "notes").mkdir(parents=True)
    for note in (REPO / "notes").glob("*.md"):
        shutil.copy(note, repo / "notes")
    shutil.copy(REPO / "diary.yml", repo)
    shutil.copytree(HERE / "fixture", fixture)
    shutil.copy(HERE / "constructs.md", fixture / "notes")
    for site in (repo, fixture):
        render(diary, site)
    repo_tag = sorted(p.name for p in (repo / "site/tags").glob("*.html") if p.name != "index.html")
    pages = [("repo", repo / "site", p) for p in ["index.html", "2026-11-26-batch-norm-worked-example.html",
             "batch-norm-test-time.html", *(f"tags/{t}" for t in repo_tag[:1]), "archive/index.html", "404.html"]]
    pages += [("fixture", fixture / "site", p) for p in ["index.html", "2026-11-24-layout.html", "math-geometry.html",
              "constructs.html", "tags/layout.html", "archive/index.html", "404.html"]]
    return fixture, pages


class HostedSites:
    """The sites over loopback HTTP, each at its base_url's path (`/diary/`), as a host serves
    them: a 404 page links from that path (a host shows it at any depth), which a file://
    URL cannot show. Other pages are loaded from file://."""

    def __init__(self, out):
        self.folder = Path(tempfile.mkdtemp(prefix="hosted-", dir=out))
        handler = functools.partial(Quiet, directory=str(self.folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, root, page):
        """The page's http:// address when its site has a base path, else None."""
        config = root.parent / "diary.yml"
        match = re.search(r"^base_url:\s*(\S+)", config.read_text(), re.M) if config.exists() else None
        path = urlparse(match.group(1)).path.strip("/") if match else ""
        if not path:
            return None
        link = self.folder / path
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(root.resolve())
        return f"http://127.0.0.1:{self.server.server_port}/{path}/{page}"

    def close(self):
        self.server.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def check_page(browser, report, site, root, page, width, height, mobile, scheme, shots, hosted):
    name = f"{site}-{page.removesuffix('.html').replace('/', '-')}"
    where = f"{site}/{page} {width} {scheme}"
    print(f"{where}:", end="", flush=True)
    if not (root / page).exists():
        print()
        report.check("page exists", False, where, f"{root / page} missing")
        return
    target, session = browser.open_page(width, height, mobile, scheme)
    try:
        url = hosted.url(root, page) if page == "404.html" else None
        browser.navigate(session, url or (root / page).as_uri())
        m = browser.cdp.evaluate(session, MEASURE_JS)
        urls = browser.requested_urls(session)
        browser.screenshot(session, shots / f"{name}-{width}-{scheme}.png", width)
    finally:
        browser.close_page(target)

    # One line of figures, then the assertions that failed.
    cpl = f"{min(m['cpl']):.0f}-{max(m['cpl']):.0f}" if m["cpl"] else "-"
    font_requested = any(u.split("?")[0].endswith(MATH_FONT) for u in urls)
    font_loaded = "loaded" in m["mathFontFaces"]
    font = "file requested" if font_requested else "local font" if font_loaded else "unused"
    if m["formulas"]:
        report.math_font.append((font_requested, font_loaded))
    chart = f"{m['chartMin']:.1f}px/{m['chartTexts']}" if m["chartMin"] is not None else "-"
    centre = f"{m.get('maxCentreDiff', 0):.2f}px/{m['centred']}" if m["centred"] else "-"
    print(f" scroll {m['scrollWidth']}/{m['innerWidth']}  cpl {cpl}  centre {centre}  chart {chart}"
          f"  formulas {m['formulas']}  requests {len(urls)}  math font {font}")

    if mobile:
        report.check("no sideways scroll at 390", m["scrollWidth"] <= m["innerWidth"], where,
                     f"scrollWidth {m['scrollWidth']} > innerWidth {m['innerWidth']}: " + "; ".join(m["wide"]),
                     worst=(m["scrollWidth"] - m["innerWidth"], f"{m['scrollWidth']}/{m['innerWidth']} px"))
    else:
        for value in m["cpl"]:
            report.check("measure <= 80 cpl at 1280", value <= 80, where, f"{value:.1f} characters a line",
                         worst=(value, f"{value:.1f} cpl"))
    for tex in m["unwrapped"]:
        report.check("display math in .math-display", False, where, f"no .math-display around {tex}")
    if m["formulas"]:
        report.check("display math in .math-display", True, where, "")
    if m["centred"]:
        report.check("display math centred (2 px)", not m["offCentre"], where,
                     "; ".join(f"{o['tex']}: left gap {o['left']:.1f}, right gap {o['right']:.1f}" for o in m["offCentre"]),
                     worst=(m["maxCentreDiff"], f"|left gap - right gap| {m['maxCentreDiff']:.2f} px"))
    if mobile and m["chartMin"] is not None:
        report.check("chart text >= 11 px at 390", m["chartMin"] >= 11, where,
                     f"smallest chart text {m['chartMin']:.2f} px", worst=(-m["chartMin"], f"{m['chartMin']:.2f} px"))
    report.check("the stylesheet applies", m["styled"], where, "no --text custom property")
    foreign = [u for u in urls if not re.match(r"(file|data|about):|http://127\.0\.0\.1[:/]", u)]
    report.check("no request to another host", not foreign, where, ", ".join(foreign[:5]),
                 worst=(len(foreign), f"{len(foreign)} foreign URL(s)"))
    if m["formulas"] == 0:
        report.check("no math font without math", not font_requested, where, "latinmodern-math.otf requested")
    # On every page: a page without formulas may still show raw $$ or a math-error.
    report.check("math: stacking, limits, no errors", not m["mathProblems"], where, "; ".join(m["mathProblems"]))
    if page in ("constructs.html", "math-geometry.html"):
        report.check("math: formulas present", m["formulas"] > 0, where, "no <math> on the page")
    if page == "math-geometry.html":
        check_geometry(report, where, m["geometry"])


def check_geometry(report, where, geo):
    rounded = lambda v: round(v, 3) if isinstance(v, float) else {k: rounded(x) for k, x in v.items()} if isinstance(v, dict) else v
    figures = [f"{k} {json.dumps(rounded(v), ensure_ascii=False)}" for k, v in geo.items()]
    print("  geometry: " + ("; ".join(figures) if figures else "no formula found"))
    gap = geo.get("parenLogEm")
    report.check("math: ) to log gap >= 0.12 em", gap is not None and gap >= 0.12, where,
                 "formula not found" if gap is None else f"{gap:.3f} em",
                 worst=None if gap is None else (-gap, f"{gap:.3f} em"))
    left, right = geo.get("bracketLeft"), geo.get("bracketRight")
    found = left is not None
    report.check("math: bmatrix gaps equal (1 px)", found and abs(left - right) <= 1, where,
                 "formula not found" if not found else f"left gap {left:.2f} px, right gap {right:.2f} px",
                 worst=None if not found else (abs(left - right), f"{left:.2f} vs {right:.2f} px"))
    for key in ("underbrace", "overbrace"):
        g = geo.get(key)
        report.check(f"math: {key} label centred (2 px)", g is not None and abs(g["brace"] - g["label"]) <= 2, where,
                     "formula not found" if g is None else
                     f"brace <{g['braceTag']}> centre {g['brace']:.2f}, label <{g['labelTag']}> centre {g['label']:.2f}",
                     worst=None if g is None else (abs(g["brace"] - g["label"]), f"centres {g['brace']:.2f} vs {g['label']:.2f} px"))


def check_live_reload(browser, report, diary, fixture, out):
    """diary serve: an edit shows up in the open page without the driver navigating,
    at the same scroll position, and the server stops cleanly on SIGTERM."""
    # Swift's ArgumentParser answers `diary serve --help` with the top-level help (exit 0)
    # when there is no such subcommand, so look for serve's own usage line too.
    probe = subprocess.run([diary, "serve", "--help"], capture_output=True, text=True)
    if probe.returncode != 0 or not re.search(r"\bdiary serve\b", probe.stdout + probe.stderr):
        print("live-reload check skipped: no diary serve")
        return
    where = "serve/2026-11-24-layout.html 1280 light"
    work = out / "serve"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(fixture, work, ignore=shutil.ignore_patterns("site"))
    server = subprocess.Popen([diary, "serve", "notes", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()
    target = None
    try:
        base, deadline = None, time.monotonic() + 20
        while base is None and time.monotonic() < deadline:
            try:
                found = re.search(r"http://127\.0\.0\.1:\d+/", lines.get(timeout=0.2))
                base = found and found.group(0)
            except Empty:
                if server.poll() is not None:
                    break
        report.check("serve prints its URL", base is not None, where, "no http://127.0.0.1:<port>/ line within 20 s")
        if base is None:
            return
        target, session = browser.open_page(1280, 900, False, "light")
        browser.navigate(session, base + "2026-11-24-layout.html")
        browser.cdp.evaluate(session, "window.scrollTo(0, 600)")
        time.sleep(1)
        # Save as editors do: a new file renamed over the note.
        note = work / "notes/2026-11-24-layout.md"
        temporary = note.with_name(".2026-11-24-layout.md.tmp")
        temporary.write_text(note.read_text() + f"\n{LIVE_MARK}\n")
        os.replace(temporary, note)
        edited, latency = time.monotonic(), None
        while time.monotonic() - edited < 10:
            try:
                if browser.cdp.evaluate(session, f"document.body.innerText.includes({json.dumps(LIVE_MARK)})", 5):
                    latency = (time.monotonic() - edited) * 1000
                    break
            except (RuntimeError, TimeoutError):
                pass  # the page may be between documents while it reloads
            time.sleep(0.05)
        scroll = None
        if latency is not None:
            # Read the scroll position once the reloaded page has settled (a reload may
            # restore it on its load event).
            browser.cdp.evaluate(session, "new Promise(r => { const go = () => document.fonts.ready.then(() =>"
                                 " requestAnimationFrame(() => requestAnimationFrame(r))); document.readyState"
                                 " === 'complete' ? go() : addEventListener('load', go); })", 10)
            scroll = browser.cdp.evaluate(session, "window.scrollY")
        urls = browser.requested_urls(session)
        print(f"{where}: live reload {'%.0f ms' % latency if latency is not None else 'none within 10 s'}, "
              f"scrollY after {scroll}, requests {len(urls)}")
        report.check("live reload", latency is not None, where, "the mark did not appear within 10 s",
                     worst=None if latency is None else (latency, f"{latency:.0f} ms"))
        if latency is not None:
            report.check("live reload keeps scroll (50 px)", abs(scroll - 600) <= 50, where, f"scrollY {scroll}",
                         worst=(abs(scroll - 600), f"scrollY {scroll}"))
        foreign = [u for u in urls if not re.match(r"(file|data|about):|(http|ws)://127\.0\.0\.1[:/]", u)]
        report.check("no request to another host", not foreign, where, ", ".join(foreign[:5]))
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=5)
            report.check("serve exits 0 on SIGTERM", status == 0, where, f"exit status {status}",
                         worst=(status != 0, f"status {status}"))
        except subprocess.TimeoutExpired:
            report.check("serve exits 0 on SIGTERM", False, where, "still running 5 s after SIGTERM")
    finally:
        if target:
            browser.close_page(target)
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diary", required=True, help="the diary binary")
    parser.add_argument("--out", required=True, help="work folder: sites, screenshots, chromium.log")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    diary, out = os.path.abspath(args.diary), Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    shots = out / "shots"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir()

    # A SIGTERM (a CI timeout) unwinds like Ctrl-C, so that Chromium is killed in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("browser check FAILED: terminated"))
    fixture, pages = build_sites(diary, out)
    report = Report()
    started = time.monotonic()
    browser = Chromium(args.chromium, out / "chromium.log")
    hosted = HostedSites(out)
    try:
        for site, root, page in pages:
            for width, height, mobile in VIEWPORTS:
                for scheme in SCHEMES:
                    check_page(browser, report, site, root, page, width, height, mobile, scheme, shots, hosted)
        check_live_reload(browser, report, diary, fixture, out)
    finally:
        browser.close()
        hosted.close()

    report.summary()
    print(f"\n{len(pages) * len(VIEWPORTS) * len(SCHEMES)} page loads in {time.monotonic() - started:.0f} s; "
          f"screenshots in {shots}")
    if report.failures:
        print(f"browser check FAILED: {len(report.failures)} assertion(s)")
        sys.exit(1)
    print("browser check passed")


if __name__ == "__main__":
    main()
