#!/usr/bin/env python3
"""diary serve against hugo server: how long an edit takes to be served, and diary's memory.

On the same seeded corpus (bench/corpus.py; Hugo's copy and lean config from bench/site.py):
  - one edit: a note (20 of them in turn) gets new text carrying a unique marker, written as
    editors do (a temp file in the same folder, renamed over the note); the clock starts just
    before the rename and stops when the note's page, polled over one keep-alive connection,
    contains the marker. Edits are 150 ms apart, so each is a change of its own.
  - p50, p95 (nearest rank) and max over --edits edits per server, side by side, and the
    ratio diary / hugo, next to the issue's targets (p50 <= 100 ms, p95 <= 250 ms).
  - memory: VmRSS of diary-serve (`diary serve` execs it: same pid) after start-up, after the
    timed edits and after --memory-edits more, back to back; the same for hugo.
The servers run one after the other, never together, and are stopped (SIGTERM, then SIGKILL
after 5 s) whatever happens.

    python3 bench/serve.py [--notes 1000] [--edits 100] [--memory-edits 500] [--bin DIR] [--skip-hugo]
                           [--connection keep-alive|quickack|fresh] [--poll-ms 1] [--dir DIR]

--bin is the folder holding both diary and diary-serve (diary serve runs the diary-serve next
to it). As in site.py, everything lives in a folder under --dir, /dev/shm by default.
"one GET" is the median time of a GET of an unchanged page, polled as the edits poll: when it
is ~40 ms, each reply waits for the client's delayed ACK (a server that writes a reply in
several sends without TCP_NODELAY); --connection quickack or fresh takes that out.
"""
import argparse
import http.client
import importlib.util
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# bench/site.py (which runs bench/corpus.py) is shadowed by the standard library's `site`, imported
# at start-up: with this folder on sys.path, `import site` would still give that one. Load it by path.
_spec = importlib.util.spec_from_file_location("bench_site", os.path.join(HERE, "site.py"))
bench_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_site)

TODAY = "2026-11-26"
EDITED_NOTES = 20       # notes edited in turn
GAP = 0.150             # seconds between timed edits
WARMUP = 3              # untimed edits before the timed ones
EDIT_TIMEOUT = 20.0     # seconds an edit may take to show before the run stops
TARGETS = {"p50": 0.100, "p95": 0.250}


class Server:
    """One server process: its pid, its port, and where to find a note's page."""

    started = []  # every server this run started, stopped at the end whatever happens

    def __init__(self, name, command, cwd, content, page, log, connection="keep-alive"):
        self.name, self.content, self.page, self.mode = name, content, page, connection
        self.log = open(log, "w")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=self.log,
                                        start_new_session=True)
        Server.started.append(self)
        self.port = None
        self.connection = None

    def connect(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def get(self, path):
        """Status and body of one GET, on the kept-alive connection (made again if dropped) unless fresh."""
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connect()
                self.connection.request("GET", path)
                if self.mode == "quickack":
                    # Acknowledge the reply's first segment at once instead of up to 40 ms later.
                    self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                response = self.connection.getresponse()
                reply = response.status, response.read()
                if self.mode == "fresh":
                    self.connection.close()
                    self.connection = None
                return reply
            except (http.client.HTTPException, OSError):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise

    def wait_ready(self, path, timeout=120):
        """Seconds until `path` answers 200."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited ({self.process.returncode}); see {self.log.name}")
            try:
                status, _ = self.get(path)
                if status == 200:
                    return time.perf_counter() - start
            except (http.client.HTTPException, OSError):
                pass
            time.sleep(0.01)
        sys.exit(f"{self.name} did not answer {path} with 200 within {timeout} s; see {self.log.name}")

    def rss(self):
        """VmRSS and VmHWM (peak) in MB, from /proc."""
        fields = {}
        with open(f"/proc/{self.process.pid}/status") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def program(self):
        with open(f"/proc/{self.process.pid}/comm") as handle:
            return handle.read().strip()

    def stop(self):
        if self.connection is not None:
            self.connection.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def drain(stream):
    """Keeps reading a server's stdout so that it never blocks on a full pipe."""
    def read():
        while stream.read1(65536):
            pass
    threading.Thread(target=read, daemon=True).start()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_diary(bin_dir, site_dir, workdir, connection):
    server = Server("diary serve", [os.path.join(bin_dir, "diary"), "serve", "notes", "--port", "0", "--today", TODAY, "--quiet"],
                    site_dir, os.path.join(site_dir, "notes"), lambda stem: f"/{stem}.html",
                    os.path.join(workdir, "diary-serve.log"), connection)
    start = time.perf_counter()
    line = server.process.stdout.readline().decode()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        server.stop()
        with open(server.log.name) as handle:
            sys.exit(f"diary serve did not say where it serves: {line!r} {handle.read()[:2000]}")
    drain(server.process.stdout)
    server.port = int(found.group(1))
    server.wait_ready("/")
    return server, time.perf_counter() - start


def start_hugo(hugo_dir, workdir, connection):
    port = free_port()
    # hugo 0.111 serves from memory unless told --renderToDisk (later versions spell it
    # --renderToMemory); fast render (the default) re-renders the pages being looked at.
    server = Server("hugo server", ["hugo", "server", "-s", hugo_dir, "--port", str(port), "--bind", "127.0.0.1",
                                    "--disableLiveReload=false", "--quiet"],
                    workdir, os.path.join(hugo_dir, "content"), lambda stem: f"/{stem}/",
                    os.path.join(workdir, "hugo-server.log"), connection)
    drain(server.process.stdout)
    server.port = port
    start = time.perf_counter()
    server.wait_ready("/")
    return server, time.perf_counter() - start


class Editor:
    """Edits notes in turn as an editor saves them, and times until the page shows the edit."""

    def __init__(self, server, stems, poll_sleep):
        self.server, self.stems, self.poll_sleep = server, stems, poll_sleep
        self.originals = {}
        for stem in stems:
            with open(os.path.join(server.content, stem + ".md"), encoding="utf-8") as handle:
                self.originals[stem] = handle.read()
        self.count = 0

    def edit(self):
        """One edit; its latency in seconds."""
        self.count += 1
        stem = self.stems[self.count % len(self.stems)]
        marker = f"bench-mark-{self.count:06d}"
        note = os.path.join(self.server.content, stem + ".md")
        temporary = os.path.join(self.server.content, f".{stem}.md.bench-{self.count}")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(self.originals[stem] + f"\nEdited: {marker} here.\n")
        path = self.server.page(stem)
        needle = marker.encode()
        start = time.perf_counter()
        os.rename(temporary, note)
        while True:
            status, body = self.server.get(path)
            if needle in body:
                return time.perf_counter() - start
            if time.perf_counter() - start > EDIT_TIMEOUT:
                sys.exit(f"{self.server.name}: edit {self.count} of {stem} not served after {EDIT_TIMEOUT:.0f} s "
                         f"(last status {status}); see {self.server.log.name}")
            if self.poll_sleep:
                time.sleep(self.poll_sleep)


def percentile(values, fraction):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(server, startup, stems, args, memory_edits):
    """Latencies of the timed edits, and RSS samples: start-up, after the timed edits, after the rest."""
    # GETs of an unchanged page, as the edits poll it: the floor of every poll.
    idle = []
    for _ in range(20):
        start = time.perf_counter()
        server.get(server.page(stems[0]))
        idle.append(time.perf_counter() - start)
    editor = Editor(server, stems, args.poll_ms / 1000)
    memory = {"start-up": server.rss()}
    for _ in range(WARMUP):
        editor.edit()
        time.sleep(GAP)
    latencies = []
    for _ in range(args.edits):
        latencies.append(editor.edit())
        time.sleep(GAP)
    memory[f"after {args.edits + WARMUP} edits"] = server.rss()
    trend = []
    started = time.perf_counter()
    for index in range(memory_edits):
        editor.edit()
        if (index + 1) % 100 == 0:
            trend.append(server.rss()[0])
    took = time.perf_counter() - started
    if memory_edits:
        memory[f"after +{memory_edits}"] = server.rss()
    return {"latencies": latencies, "memory": memory, "trend": trend, "startup": startup, "idle": statistics.median(idle),
            "memory_took": took, "program": server.program()}


def ms(seconds):
    return f"{seconds * 1000:7.1f} ms"


def report(results, args):
    print(f"\nedit -> served, {args.notes} notes, {args.edits} edits each ({EDITED_NOTES} notes in turn, "
          f"{GAP * 1000:.0f} ms apart, {WARMUP} untimed first), polled every {args.poll_ms:g} ms ({args.connection} connection), {os.cpu_count()} cores")
    print(f"{'server':24} {'start-up':>10} {'p50':>10} {'p95':>10} {'max':>10} {'min':>10} {'one GET':>10}")
    rows = {}
    for name, result in results.items():
        values = result["latencies"]
        rows[name] = (statistics.median(values), percentile(values, 0.95), max(values))
        print(f"{name:24} {ms(result['startup'])} {ms(rows[name][0])} {ms(rows[name][1])} {ms(rows[name][2])} {ms(min(values))} {ms(result['idle'])}")
    if "diary serve" in rows and "hugo server" in rows:
        ratios = [d / h for d, h in zip(rows["diary serve"], rows["hugo server"])]
        print(f"{'diary / hugo':24} {'':>10} " + " ".join(f"{r:9.2f}x" for r in ratios))
    if "diary serve" in rows:
        p50, p95, _ = rows["diary serve"]
        verdict = lambda value, target: "met" if value <= target else "MISSED"
        print(f"{'target (diary, issue)':24} {'':>10} {'<= 100 ms':>10} {'<= 250 ms':>10}"
              f"   p50 {verdict(p50, TARGETS['p50'])}, p95 {verdict(p95, TARGETS['p95'])}")
    for name, result in results.items():
        if result["idle"] > 0.020:
            print(f"  note: one GET of an unchanged page from {name} takes {result['idle'] * 1000:.0f} ms on this connection, "
                  "and every poll pays it: a reply written in several sends without TCP_NODELAY waits for the "
                  "client's delayed ACK (compare --connection fresh)")

    print(f"\nmemory (VmRSS of the server process; peak is VmHWM)")
    labels = list(next(iter(results.values()))["memory"])
    print(f"{'server':24} " + " ".join(f"{label:>17}" for label in labels) + f" {'last step':>14} {'peak':>9}")
    for name, result in results.items():
        memory = result["memory"]
        values = [memory[label][0] for label in labels]
        growth = values[-1] - values[-2] if len(values) > 2 else values[-1] - values[0]
        print(f"{name:24} " + " ".join(f"{v:14.1f} MB" for v in values) + f" {growth:+11.1f} MB {memory[labels[-1]][1]:6.1f} MB")
    for name, result in results.items():
        if result["trend"]:
            print(f"  {name} ({result['program']}), every 100 of the back-to-back edits: "
                  + ", ".join(f"{v:.1f}" for v in result["trend"])
                  + f" MB ({len(result['trend']) * 100} edits in {result['memory_took']:.1f} s)")
    if any(result["trend"] for result in results.values()):
        print("  target (diary, issue): flat over 500 edits")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--memory-edits", type=int, default=500)
    parser.add_argument("--hugo-memory-edits", type=int, default=None,
                        help="back-to-back edits for hugo's memory (default: --memory-edits)")
    parser.add_argument("--poll-ms", type=float, default=1.0, help="sleep between polls of a page (0: none)")
    parser.add_argument("--connection", choices=("keep-alive", "quickack", "fresh"), default="keep-alive",
                        help="how pages are polled: one kept-alive connection; the same with TCP_QUICKACK set "
                             "before each reply (so the client's delayed ACK does not hold back a reply written "
                             "in several sends); or a new connection for every request")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"),
                        help="folder holding diary and diary-serve")
    parser.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    parser.add_argument("--skip-hugo", action="store_true")
    args = parser.parse_args()
    # A SIGTERM to this script still runs the finally below, which stops the servers.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    for program in ("diary", "diary-serve"):
        if not os.access(os.path.join(args.bin, program), os.X_OK):
            sys.exit(f"{os.path.join(args.bin, program)} is missing: --bin is the folder holding diary and diary-serve")
    if not args.skip_hugo and not shutil.which("hugo"):
        sys.exit("hugo is missing (apt-get install -y hugo), or pass --skip-hugo")
    if not args.skip_hugo:
        version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
        print(version)
    workdir = tempfile.mkdtemp(prefix="diary-serve-bench-", dir=args.dir)
    print(f"working in {workdir}")
    try:
        notes, _ = bench_site.corpus(workdir, args.notes)
        hugo = bench_site.hugo_site(workdir, notes)
        # diary serve is started where notes/ is (no diary.yml: the built-in templates and defaults).
        site_dir = os.path.join(workdir, "diary")
        os.makedirs(site_dir)
        os.rename(notes, os.path.join(site_dir, "notes"))
        names = sorted(name[:-3] for name in os.listdir(os.path.join(site_dir, "notes")) if name.endswith(".md"))
        stems = [names[i * len(names) // EDITED_NOTES] for i in range(min(EDITED_NOTES, len(names)))]

        results = {}
        server, startup = start_diary(args.bin, site_dir, workdir, args.connection)
        results["diary serve"] = measure(server, startup, stems, args, args.memory_edits)
        server.stop()
        if not args.skip_hugo:
            server, startup = start_hugo(hugo, workdir, args.connection)
            memory_edits = args.memory_edits if args.hugo_memory_edits is None else args.hugo_memory_edits
            results["hugo server"] = measure(server, startup, stems, args, memory_edits)
            server.stop()
        report(results, args)
    finally:
        for server in Server.started:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
