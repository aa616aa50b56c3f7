"""Load benchmark: many visitors at once on this machine, what a committed moment costs the server.

Starts the atlas on loopback and drives it in waves of concurrent visitors (1, then 20, then ``--sessions``;
default 50). Each visitor is a protocol-level session (``bench/st_client.py``: Streamlit's websocket, as its
page speaks it, with the page's message cache): it opens the page at a moment, commits ten moments 1-3 s
apart as the map does on release (``{t, seq, bbox}``), switches language once (the sidebar), toggles a layer
once, switches the view once (the map's own switch, ``{view, t, seq}``), downloads one export (GeoJSON or CSV,
a deferred download) and leaves. Fifty browsers would starve two cores by themselves, so only a few visitors
(``--browsers``, default 2) are real Chromium pages: they press keys on the time bar during the largest wave,
and their key step (measured as ``bench/scrub.py`` measures it) is compared with the same step on a quiet
server; a step never reaches the server.

Reported per wave: commit latency (send -> the new address, -> the address and export buttons ready, ->
script_finished), bytes received per commit, server CPU per rerun, server memory (before, peak, per
session, after the visitors leave and their sessions are reaped), errors. The single-visitor wave also
gives the server CPU per commit measured commit by commit. Targets (issue 14): <= ~30 ms CPU and <= 20 KB
per commit, p95 commit -> address and exports ready <= 1 s, memory flat after the visitors leave, no error.

Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL`` seconds (120 by default) for
a reconnect and reaps it on the next session write; the bench sets it to ``--ttl`` (20 s) to keep waves
short, waits for it, and connects one probe visitor to trigger the reaping before reading memory after.

Run: ``python bench/load.py`` (``--sessions 50``, ``--quick`` for a smoke run). Exits 1 on any error.
Not a test (``make bench``); figures go to the README and the notes.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing as mp
import os
import random
import re
import statistics
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scrub import IN_PAGE, pct, wait_attr  # noqa: E402
from bench.st_client import Run, StClient, widget_key  # noqa: E402
from tests.browser import app_process  # noqa: E402

MAP = "atlas_map"
START = datetime(1962, 10, 14, tzinfo=UTC)
HOURS = 37 * 24  # commits land between 14 October and 20 November 1962 (the crisis period)
CLK_TCK = os.sysconf("SC_CLK_TCK")
#: the issue's figures
TARGET_CPU_MS, TARGET_KB, TARGET_READY_S = 30.0, 20.0, 1.0


# -- the server process, and the machine -------------------------------------------------------------------

class ServerProbe:
    """CPU time and resident memory of the server process, from /proc; a sampler keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0

    def cpu_s(self) -> float:
        """User + system CPU seconds of the process, all threads (also those that have ended)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15 of stat)

    def rss_mb(self) -> float:
        """Resident memory (VmRSS), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def sample(self, stop: asyncio.Event, every: float = 0.1) -> None:
        """Keep the peak RSS until ``stop`` is set."""
        self.peak = self.rss_mb()
        while not stop.is_set():
            self.peak = max(self.peak, self.rss_mb())
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                pass
        self.peak = max(self.peak, self.rss_mb())


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs, from /proc/stat: how busy the machine was, others included."""
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = parts[3] + parts[4]
    return sum(parts) - idle, sum(parts)


def wait_healthy(url: str, timeout: float) -> float:
    """Seconds until the server answers ``/_stcore/health`` within 2 s again (a swamped server may not)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(1)
    return time.perf_counter() - t0


def active_sessions(url: str) -> str:
    """Streamlit's own count of active sessions (``/_stcore/metrics``)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as r:
            for line in r.read().decode().splitlines():
                if line.startswith("active_sessions "):
                    return line.split()[1]
    except OSError:
        pass
    return "?"


# -- one visitor --------------------------------------------------------------------------------------------

@dataclass
class Action:
    """One thing a visitor did: a rerun it caused (``run``) or a download."""

    kind: str  # connect, ready, commit, lang, layer, view, download
    run: Run | None = None
    seconds: float = float("nan")
    size: int = 0
    cpu_ms: float | None = None  # server CPU for this commit (single-visitor wave only)


@dataclass
class Visitor:
    """What one visitor did and what went wrong."""

    actions: list[Action] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def moment(rng: random.Random) -> datetime:
    return START + timedelta(hours=rng.randrange(HOURS))


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def url_moment(query: str | None) -> datetime | None:
    """The moment an address carries."""
    values = parse_qs(query or "").get("t")
    return datetime.fromisoformat(values[0].replace("Z", "+00:00")) if values else None


def check(v: Visitor, what: str, run: Run, ok: bool, why: str) -> None:
    """Keep a run's errors, and one of our own when what the page shows is not what was asked."""
    v.errors += [f"{what}: {e}" for e in run.errors]
    if not ok:
        v.errors.append(f"{what}: {why} (address {run.url_query!r})")


async def visitor(url: str, seed: int, commits: int, think: tuple[float, float], delay: float, timeout: float = 60.0,
                  probe: ServerProbe | None = None, idle_cpu_rate: float = 0.0) -> Visitor:
    """One visitor's scenario (see the module's docstring); ``probe`` measures the server CPU of each commit."""
    rng = random.Random(seed)
    v = Visitor()
    await asyncio.sleep(delay)
    c = StClient(url, timeout=timeout)
    seq = 0
    try:
        t = moment(rng)
        run = await c.connect(f"t={iso(t)[:-4]}Z")
        v.actions.append(Action("connect", run, run.seconds))
        check(v, "connect", run, url_moment(run.url_query) == t, "the address does not show the moment")
        # as the page's map does once it is drawn: the server then draws the sidebar and the downloads
        seq += 1
        run = await c.set_value(MAP, {"ready": True, "seq": seq})
        v.actions.append(Action("ready", run, run.seconds))
        check(v, "ready", run, "dl_csv" in {widget_key(w) for w in c.elements}, "the rest of the page was not drawn")
        plan = ["commit"] * commits
        for i, extra in ((3, "lang"), (6, "layer"), (9, "view")):
            plan.insert(min(i, len(plan)), extra)
        for step in plan:
            await asyncio.sleep(rng.uniform(*think))
            seq += 1
            if step == "commit":
                t = moment(rng)
                west, south = rng.uniform(-100, -80), rng.uniform(10, 25)
                cpu0, w0 = (probe.cpu_s(), time.perf_counter()) if probe else (0.0, 0.0)
                run = await c.set_value(MAP, {"t": iso(t), "seq": seq, "bbox": [west, south, west + 20, south + 15]})
                action = Action("commit", run, run.seconds)
                if probe:
                    await asyncio.sleep(0.15)  # the last frames leave the server
                    action.cpu_ms = (probe.cpu_s() - cpu0 - idle_cpu_rate * (time.perf_counter() - w0)) * 1000
                v.actions.append(action)
                check(v, "commit", run, url_moment(run.url_query) == t, f"the address does not show {iso(t)}")
            elif step == "lang":
                before = c.value("lang")
                run = await c.set_value("lang", next(o for o in c.options("lang") if o != before))
                v.actions.append(Action("lang", run, run.seconds))
                check(v, "language", run, "lang=ja" in (run.url_query or ""), "the address is not in Japanese")
            elif step == "layer":
                layer = rng.choice([k for k in map(widget_key, c.elements) if k.startswith("layer_")])
                run = await c.set_value(layer, not c.value(layer))
                v.actions.append(Action("layer", run, run.seconds))
                shown = parse_qs(run.url_query or "").get("layers", [""])[0].split(",")
                check(v, "layer", run, (layer[6:] in shown) == bool(c.value(layer)), f"{layer} not as chosen")
            elif step == "view":
                run = await c.set_value(MAP, {"view": "gap", "t": iso(t), "seq": seq})
                v.actions.append(Action("view", run, run.seconds))
                check(v, "view", run, "view=gap" in (run.url_query or ""), "the address does not show the view")
        await asyncio.sleep(rng.uniform(*think))
        key = "dl_geojson" if seed % 2 == 0 else "dl_csv"
        data, seconds = await c.download(key)
        v.actions.append(Action("download", None, seconds, len(data)))
        if len(data) < 100:
            v.errors.append(f"download {key}: only {len(data)} bytes")
    except Exception as exc:  # noqa: BLE001 - whatever stops a visitor is an error of the wave
        v.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        try:
            await c.close()
        except Exception as exc:  # noqa: BLE001 - a close that fails is an error like any other
            v.errors.append(f"close: {exc}")
        if c.closed_error:
            v.errors.append(c.closed_error)
    return v


# -- the real browsers -----------------------------------------------------------------------------------------

RESET_JS = "CMCAtlas.current.setTime(CMCAtlas.parseIso('1962-10-14T12:00Z'), false)"


def browser_steps(frame, page, in_page: list[float], wall: list[float], n_in: int = 20, n_wall: int = 8) -> None:
    """One batch of keyboard steps on a page's time bar, measured as ``bench/scrub.py`` measures them: in the
    page (key -> drawn -> painted, ``IN_PAGE``) and by the wall clock through Playwright (``wait_attr``)."""
    frame.evaluate(RESET_JS)
    in_page += frame.evaluate(IN_PAGE, n_in)
    frame.get_by_role("slider").focus()
    for _ in range(n_wall):
        before = frame.locator(".leaflet-container").get_attribute("data-time")
        t1 = time.perf_counter()
        page.keyboard.press("ArrowRight")
        wait_attr(frame, before)
        wall.append((time.perf_counter() - t1) * 1000)


def browser_probe(url: str, count: int, ready, go, stop, out) -> None:
    """In a process of its own (its own interpreter, not the visitors' loop): ``count`` Chromium pages on the
    atlas; key steps on a quiet server (baseline), then, between ``go`` and ``stop``, during the load."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch, map_frame, offline_context

    try:
        with sync_playwright() as p:
            browser = launch(p)
            pages = []
            for i in range(count):
                page = offline_context(browser).new_page()
                page.goto(f"{url}/?t=1962-10-14T12:00Z&lang={'en' if i % 2 == 0 else 'ja'}")
                frame = map_frame(page, timeout=120_000)
                frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
                frame.evaluate(IN_PAGE, 5)  # warm-up
                pages.append([page, frame])
            base_in: list[float] = []
            base_wall: list[float] = []
            for _ in range(3):
                for page, frame in pages:
                    browser_steps(frame, page, base_in, base_wall)
            out.put(("baseline", base_in, base_wall))
            ready.set()
            go.wait()
            load_in: list[float] = []
            load_wall: list[float] = []
            errors: list[str] = []
            while not stop.is_set():
                for pf in pages:
                    try:
                        browser_steps(pf[1], pf[0], load_in, load_wall)
                    except Exception as exc:  # noqa: BLE001 - a frame replaced by a rerun: find it again
                        errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
                        pf[1] = map_frame(pf[0], timeout=30_000)
                    time.sleep(0.5)  # a person pauses between runs of steps: the map commits meanwhile
            out.put(("load", load_in, load_wall, errors))
            browser.close()
    except Exception as exc:  # noqa: BLE001 - reported by the parent
        out.put(("error", f"{type(exc).__name__}: {exc}"))
        ready.set()


# -- a wave ----------------------------------------------------------------------------------------------

@dataclass
class Wave:
    """One wave of concurrent visitors and what the server did meanwhile."""

    n: int
    visitors: list[Visitor]
    seconds: float
    rss_before: float
    rss_peak: float
    rss_left: float  # right after the visitors left (their sessions kept for a reconnect)
    rss_after: float  # after the sessions' TTL and the reaping
    sessions_after: str
    cpu_s: float
    busy_pct: float  # the whole machine's CPUs busy, others' work included
    client_cpu_s: float  # this bench process (the protocol visitors)
    recovered_s: float  # after the visitors left, until the server answered its health check within 2 s

    def actions(self, kind: str) -> list[Action]:
        return [a for v in self.visitors for a in v.actions if a.kind == kind]

    @property
    def reruns(self) -> int:
        return sum(1 for v in self.visitors for a in v.actions if a.run is not None)

    @property
    def errors(self) -> list[str]:
        return [e for v in self.visitors for e in v.errors]


async def wave(url: str, probe: ServerProbe, n: int, args: argparse.Namespace, seed: int,
               on_start=None) -> Wave:
    """Run ``n`` visitors at once (arriving over ``args.ramp`` seconds), then let their sessions go."""
    idle_rate = 0.0
    if n == 1:  # the server's CPU when nobody is there, to take out of each commit's figure
        c0, w0 = probe.cpu_s(), time.perf_counter()
        await asyncio.sleep(3)
        idle_rate = (probe.cpu_s() - c0) / (time.perf_counter() - w0)
    gc.collect()
    rss_before = probe.rss_mb()
    cpu0, (busy0, total0), self0, w0 = probe.cpu_s(), machine_ticks(), time.process_time(), time.perf_counter()
    stop = asyncio.Event()
    sampler = asyncio.create_task(probe.sample(stop))
    if on_start:
        on_start()
    visitors = list(await asyncio.gather(*(
        visitor(url, seed + i, args.commits, (args.think_min, args.think_max), args.ramp * i / n, args.timeout,
                probe if n == 1 else None, idle_rate) for i in range(n))))
    seconds = time.perf_counter() - w0
    cpu, (busy1, total1), client = probe.cpu_s() - cpu0, machine_ticks(), time.process_time() - self0
    stop.set()
    await sampler
    recovered = await asyncio.to_thread(wait_healthy, url, 600)
    rss_left = probe.rss_mb()
    await asyncio.sleep(args.ttl + 2)
    reaper = StClient(url, timeout=args.timeout)  # a session write reaps the sessions past their TTL
    try:
        await reaper.connect("t=1962-10-14T12:00Z")
        await reaper.close()
    except Exception as exc:  # noqa: BLE001 - a server that cannot take one more visitor: say so
        visitors = [*visitors, Visitor(errors=[f"the probe visitor after the wave: {type(exc).__name__}: {exc}"])]
    await asyncio.sleep(5)
    return Wave(n, visitors, seconds, rss_before, probe.peak, rss_left, probe.rss_mb(), active_sessions(url),
                cpu, 100 * (busy1 - busy0) / max(1, total1 - total0), client, recovered)


# -- the report ----------------------------------------------------------------------------------------------

def ms(xs: list[float], q: float) -> str:
    xs = [x for x in xs if x == x]
    return f"{pct(xs, q) * 1000:,.0f}" if xs else "-"


def kb(xs: list[float]) -> str:
    return f"{statistics.median(xs) / 1024:,.1f}" if xs else "-"


def report(waves: list[Wave], browsers: dict | None, rss_start: float) -> int:
    """Print the tables; the number of errors."""
    print("\n== Commits (a moment released on the map: a rerun) ==")
    print(f"{'visitors':>8} {'commits':>7} | {'to address ms':>15} | {'address+exports ms':>18} | "
          f"{'to finished ms':>15} | {'KB/commit':>9} | {'ref_hash':>8}")
    print(f"{'':>8} {'':>7} | {'p50':>7} {'p95':>7} | {'p50':>8} {'p95':>9} | {'p50':>7} {'p95':>7} | "
          f"{'p50':>9} | {'hits':>8}")
    for w in waves:
        runs = [a.run for a in w.actions("commit") if a.run]
        url = [r.url_seconds for r in runs]
        ready = [max(r.url_seconds, r.exports_seconds) for r in runs]
        fin = [r.seconds for r in runs]
        print(f"{w.n:>8} {len(runs):>7} | {ms(url, 50):>7} {ms(url, 95):>7} | {ms(ready, 50):>8} "
              f"{ms(ready, 95):>9} | {ms(fin, 50):>7} {ms(fin, 95):>7} | {kb([r.bytes for r in runs]):>9} | "
              f"{sum(r.ref_hits for r in runs):>8}")
    print("\n== Other reruns and the download (to script_finished; KB received) ==")
    print(f"{'visitors':>8} | {'first page p50/p95 ms, KB':>26} | {'rest of the page':>20} | {'language':>20} | "
          f"{'layer':>20} | {'view':>20} | {'download p50/p95 ms':>20}")
    for w in waves:
        cells = []
        for kind in ("connect", "ready", "lang", "layer", "view"):
            runs = [a.run for a in w.actions(kind) if a.run]
            xs = [r.seconds for r in runs]
            cells.append(f"{ms(xs, 50)}/{ms(xs, 95)}, {kb([r.bytes for r in runs])}")
        dl = [a.seconds for a in w.actions("download")]
        print(f"{w.n:>8} | {cells[0]:>26} | {cells[1]:>20} | {cells[2]:>20} | {cells[3]:>20} | {cells[4]:>20} | "
              f"{ms(dl, 50) + '/' + ms(dl, 95):>20}")
    print("\n== Server CPU and memory ==")
    print(f"{'visitors':>8} {'reruns':>6} {'wave s':>6} | {'CPU ms/rerun':>12} {'machine busy':>12} "
          f"{'bench CPU s':>11} | {'RSS before':>10} {'peak':>6} {'MB/session':>10} {'left':>6} "
          f"{'after':>6} {'sessions':>8} {'responsive again s':>18}")
    for w in waves:
        per = (w.rss_peak - w.rss_before) / w.n
        print(f"{w.n:>8} {w.reruns:>6} {w.seconds:>6.0f} | {w.cpu_s * 1000 / max(1, w.reruns):>12.0f} "
              f"{w.busy_pct:>11.0f}% {w.client_cpu_s:>11.1f} | {w.rss_before:>10.0f} {w.rss_peak:>6.0f} "
              f"{per:>10.1f} {w.rss_left:>6.0f} {w.rss_after:>6.0f} {w.sessions_after:>8} {w.recovered_s:>18.0f}")
    single = [a.cpu_ms for w in waves if w.n == 1 for a in w.actions("commit") if a.cpu_ms is not None]
    if single:
        print(f"server CPU per commit, one visitor, commit by commit (idle rate taken out; 10 ms ticks): "
              f"p50 {statistics.median(single):.0f} ms, mean {statistics.mean(single):.0f} ms, "
              f"max {max(single):.0f} ms (target <= {TARGET_CPU_MS:.0f} ms)")
    print(f"server RSS at the start (after one warm-up visitor): {rss_start:.0f} MB; after the last wave and the "
          f"reaping: {waves[-1].rss_after:.0f} MB ({waves[-1].rss_after - rss_start:+.0f} MB)")
    if browsers:
        print("\n== Real browsers: keyboard step on the time bar (never reaches the server) ==")
        for label, key in (("quiet server", "baseline"), (f"during {waves[-1].n} visitors", "load")):
            if key not in browsers:
                continue
            k_in, k_wall = browsers[key][0], browsers[key][1]
            if not k_in:
                print(f"{label}: no steps measured")
                continue
            print(f"{label}: in page (key -> drawn -> painted) p50 {statistics.median(k_in):.1f} ms, "
                  f"p95 {pct(k_in, 95):.1f} ms (n={len(k_in)}); wall clock via Playwright p50 "
                  f"{statistics.median(k_wall):.1f} ms, p95 {pct(k_wall, 95):.1f} ms (n={len(k_wall)})")
        if browsers.get("errors"):
            print(f"browser step errors: {browsers['errors'][:5]}")
    big = waves[-1]
    runs = [a.run for a in big.actions("commit") if a.run]
    print("\n== Against the targets (issue 14) ==")
    if single:
        print(f"CPU per commit <= {TARGET_CPU_MS:.0f} ms: {statistics.mean(single):.0f} ms "
              f"({'met' if statistics.mean(single) <= TARGET_CPU_MS else 'NOT met'})")
    if runs:
        kb_commit = statistics.median([r.bytes for r in runs]) / 1024
        ready95 = pct([max(r.url_seconds, r.exports_seconds) for r in runs], 95)
        print(f"bytes per commit <= {TARGET_KB:.0f} KB: {kb_commit:,.1f} KB "
              f"({'met' if kb_commit <= TARGET_KB else 'NOT met'})")
        print(f"p95 commit -> address and exports ready <= {TARGET_READY_S:g} s with {big.n} visitors: "
              f"{ready95:.2f} s ({'met' if ready95 <= TARGET_READY_S else 'NOT met'})")
    errors = [e for w in waves for e in w.errors]
    if browsers and browsers.get("fatal"):
        errors.append(f"browser probe: {browsers['fatal']}")
    print(f"errors: {len(errors)}")
    kinds = Counter(re.sub(r"\d+", "N", e)[:90] for e in errors)
    for e, count in kinds.most_common(12):
        print(f"  {count:>4} x {e}")
    return len(errors)


# -- main --------------------------------------------------------------------------------------------------

async def run_waves(url: str, probe: ServerProbe, args: argparse.Namespace, sizes: list[int],
                    ctl: dict | None) -> tuple[list[Wave], float]:
    # builds the caches every visitor shares (the other language's and view's pages are built on first use)
    warm = await visitor(url, 10_000, 3, (0.1, 0.3), 0.0)
    if warm.errors:
        print(f"warm-up visitor errors: {warm.errors}")
    if ctl:
        print("waiting for the browsers' baseline ...", flush=True)
        await asyncio.to_thread(ctl["ready"].wait, 300)
    await asyncio.sleep(2)
    rss_start = probe.rss_mb()
    waves = []
    for i, n in enumerate(sizes):
        last = i == len(sizes) - 1
        print(f"wave of {n} visitor(s) ...", flush=True)
        w = await wave(url, probe, n, args, seed=1000 * (i + 1),
                       on_start=(ctl["go"].set if ctl and last else None))
        if ctl and last:
            ctl["stop"].set()
        waves.append(w)
        print(f"  {w.reruns} reruns in {w.seconds:.0f} s, {len(w.errors)} error(s)", flush=True)
        for e in w.errors[:5]:
            print(f"    {e}", flush=True)
    return waves, rss_start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=50, help="visitors in the largest wave (default 50)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: waves of 1 and 5, fewer commits")
    ap.add_argument("--browsers", type=int, default=2, help="real Chromium pages stepping during the last wave")
    ap.add_argument("--commits", type=int, default=10, help="moments each visitor commits")
    ap.add_argument("--think-min", type=float, default=1.0, help="seconds between a visitor's actions, at least")
    ap.add_argument("--think-max", type=float, default=3.0, help="... and at most")
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which a wave's visitors arrive")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a visitor waits for a run or a file")
    ap.add_argument("--ttl", type=int, default=20, help="server.disconnectedSessionTTL for the run (default 20 s)")
    ap.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                    help="a setting for the server, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false (repeatable)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if args.quick:
        args.sessions, args.commits, args.ttl = 5, 4, 10
    sizes = [1] if args.sessions == 1 else [1, args.sessions] if args.sessions <= 20 else [1, 20, args.sessions]
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(args.ttl)
    for setting in args.server_env:
        name, _, value = setting.partition("=")
        os.environ[name] = value
        print(f"server setting: {name}={value}")
    browsers: dict | None = None
    with app_process("streamlit_app.py", timeout=120) as (url, proc):
        probe = ServerProbe(proc.pid)
        ctl = None
        bproc = None
        if args.browsers > 0:
            mpc = mp.get_context("spawn")
            ctl = {"ready": mpc.Event(), "go": mpc.Event(), "stop": mpc.Event(), "out": mpc.Queue()}
            bproc = mpc.Process(target=browser_probe, args=(url, args.browsers, ctl["ready"], ctl["go"],
                                                            ctl["stop"], ctl["out"]), daemon=True)
            bproc.start()
        waves, rss_start = asyncio.run(run_waves(url, probe, args, sizes, ctl))
        if ctl and bproc:
            browsers = {}
            deadline = time.time() + 120
            while time.time() < deadline and not ("load" in browsers or "fatal" in browsers):
                try:
                    item = ctl["out"].get(timeout=5)
                except Exception:  # noqa: BLE001 - queue.Empty: the probe is still stepping
                    continue
                if item[0] == "error":
                    browsers["fatal"] = item[1]
                elif item[0] == "load":
                    browsers["load"], browsers["errors"] = item[1:3], item[3]
                else:
                    browsers[item[0]] = item[1:]
            bproc.join(30)
            if bproc.is_alive():
                bproc.terminate()
    log = getattr(proc, "log_text", "")
    tracebacks = log.count("Traceback")
    errors = report(waves, browsers, rss_start)
    if tracebacks:
        print(f"server log: {tracebacks} traceback(s); the first:\n{log[log.index('Traceback'):][:2000]}")
    if args.json:
        args.json.write_text(json.dumps({"waves": [{
            "n": w.n, "reruns": w.reruns, "seconds": w.seconds, "cpu_s": w.cpu_s, "rss_before": w.rss_before,
            "rss_peak": w.rss_peak, "rss_left": w.rss_left, "rss_after": w.rss_after, "busy_pct": w.busy_pct,
            "recovered_s": w.recovered_s,
            "commits": [{"url": a.run.url_seconds, "exports": a.run.exports_seconds, "finished": a.run.seconds,
                         "bytes": a.run.bytes, "cpu_ms": a.cpu_ms} for a in w.actions("commit") if a.run],
            "errors": w.errors} for w in waves], "browsers": browsers}, indent=1), encoding="utf-8")
    return 1 if errors or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
