"""Helpers for browser tests: run the app on a free loopback port, drive Debian's Chromium offline."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(port: int | None = None, timeout: float = 90.0) -> Iterator[str]:
    """Start ``streamlit run streamlit_app.py`` on loopback; yield its base URL; stop it after."""
    with app_process("streamlit_app.py", port, timeout) as (url, _proc):
        yield url


@contextmanager
def app_process(script: str, port: int | None = None, timeout: float = 90.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start ``streamlit run SCRIPT`` on loopback; yield (base URL, process); stop it after."""
    port = port or free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = tempfile.TemporaryFile()  # never a pipe: an unread pipe fills up and stalls the server
    # the app as `make run` serves it (prepared at start); any other script as Streamlit runs it
    command = ["-m", "geoapp", "serve"] if script == "streamlit_app.py" else ["-m", "streamlit", "run", script]
    proc = subprocess.Popen(
        [sys.executable, *command, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("the app did not start within the timeout")
        yield url, proc
    finally:
        died = proc.poll()  # a server that stopped by itself (not one a test killed on purpose: it says so)
        stop(proc)
        log.seek(0)
        proc.log_text = log.read().decode(errors="replace")  # the server's stderr, for reports
        log.close()
        if died is not None and not getattr(proc, "killed_on_purpose", False):
            sys.stderr.write(f"\nthe server on {url} ({script}) had stopped by itself, exit code {died}; "
                             f"the end of its log:\n{proc.log_text[-6000:]}\n")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server: SIGTERM, then SIGKILL if it has not gone within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_answering(url: str, proc: subprocess.Popen, log: Path, timeout: float = 20.0) -> None:
    """Wait until ``url`` answers 200 (a server just started as ``proc``); fail with its ``log`` if it stops or
    does not answer within ``timeout`` seconds."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"{url} did not answer:\n{text}")
        time.sleep(0.2)


class Blocker:
    """Aborts every request that is not to loopback (with ``loopback=False``: every request but the page's own
    file and inline data, for a standalone export) and remembers what it blocked."""

    def __init__(self, loopback: bool = True) -> None:
        self.blocked: list[str] = []
        self.loopback = loopback

    def __call__(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:", "file:")) or (self.loopback and host in LOOPBACK):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def launch(playwright):
    """Debian's Chromium, headless, with the background-network flags this machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def map_frame(page, timeout: float = 60_000):
    """The frame holding the Leaflet map, once it has been drawn with the basemap."""
    deadline = time.time() + timeout / 1000
    while time.time() < deadline:
        for frame in page.frames:
            try:
                if frame.locator(".leaflet-container[data-time]").count():
                    return frame
            except Exception:  # noqa: BLE001 - frames come and go during reruns
                continue
        page.wait_for_timeout(200)
    raise AssertionError("no drawn map frame found")


def offline_context(browser, width: int = 1400, height: int = 1000):
    """A browser context whose every non-loopback request is aborted (its Blocker as ``.blocker``)."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    ctx.blocker = Blocker()
    ctx.route("**/*", ctx.blocker)
    return ctx


#: No name resolves but loopback's: nothing the browser asks for can leave the machine.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
#: Every request a watched page made that was not to loopback (a benchmark fails if there is one).
OUTSIDE: list[str] = []


def watched_context(browser):
    """A browser context as a visitor's (its HTTP cache on, no request interception, unlike
    :func:`offline_context`) whose requests are watched: any that is not to loopback is recorded in ``OUTSIDE``
    (and cannot be resolved in a browser launched with ``OFFLINE_ARGS``). For benchmarks: Playwright's
    interception turns the cache off and sends each request through this Python process first."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})

    def seen(request) -> None:
        if not request.url.startswith(("data:", "blob:", "about:")) and urlparse(request.url).hostname not in LOOPBACK:
            OUTSIDE.append(request.url)

    ctx.on("request", seen)
    return ctx


def wait_until(page, read, ok, timeout: float = 15.0, what: str = "a condition"):
    """Read ``read()`` every 100 ms until ``ok(value)`` holds; return the value, or fail saying what was seen.

    A busy machine animates and resizes late: tests wait for the state they need, never for a first change."""
    deadline = time.time() + timeout
    value = read()
    while not ok(value):
        if time.time() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}; last seen: {value!r}")
        page.wait_for_timeout(100)
        value = read()
    return value


def settled(page, read, quiet: float = 1.0, timeout: float = 20.0):
    """A value that has stayed the same for ``quiet`` seconds (e.g. the map's view once it has been sized)."""
    deadline = time.time() + timeout
    value, since = read(), time.time()
    while time.time() - since < quiet:
        if time.time() > deadline:
            raise AssertionError(f"the value kept changing for {timeout:g} s; last seen: {value!r}")
        page.wait_for_timeout(100)
        now = read()
        if now != value:
            value, since = now, time.time()
    return value


#: The moment each element that shows one says it shows: the map, the caption, the clock, the story.
SHOWN_TIMES_JS = """() => ['.leaflet-container', '#cmc-caption', '#cmc-clockpanel', '#cmc-story']
    .map(s => { const e = document.querySelector(s); return e && e.getAttribute('data-time'); })"""


def shown_times(frame) -> list[str]:
    """The ``data-time`` of the map, the caption, the clock and the story (read in one go: one frame)."""
    return frame.evaluate(SHOWN_TIMES_JS)


#: Installs a recorder of every distinct ``data-time`` the map draws (read ``window.__times.size``).
RECORD_TIMES_JS = """() => { window.__times = new Set();
    const c = document.querySelector('.leaflet-container');
    new MutationObserver(() => window.__times.add(c.getAttribute('data-time')))
      .observe(c, {attributes: true, attributeFilter: ['data-time']}); }"""


#: Runs axe on the frame's own document (never reaching into its iframes: each frame is run by itself).
_AXE_RUN_JS = """async ({exclude, impacts, maxTargets}) => {
    const context = exclude.length ? {include: [document], exclude: exclude.map((s) => [s])} : document;
    const results = await axe.run(context, {iframes: false, resultTypes: ['violations']});
    return results.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
        rule: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
        targets: v.nodes.slice(0, maxTargets).map((n) => [].concat(n.target).flat().join(' >>> ')),
        nodes: v.nodes.slice(0, maxTargets).map((n) => ({
            html: n.html.replace(/\\s+/g, ' ').slice(0, 160),
            message: [...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean).join('; '),
        })),
    }));
}"""


def axe_violations(page, impacts: Iterable[str] = ("serious", "critical"), exclude: Iterable[str] = (),
                   max_targets: int = 5) -> list[dict]:
    """The axe-core violations at ``impacts`` in the page and in every frame below it, offline.

    The vendored ``tests/vendor/axe-core/axe.min.js`` (see ``scripts/vendor_assets.py``) is injected into
    the main frame and into each child frame (the app's map is a Streamlit custom component, so it lives
    in an iframe that the main frame's axe cannot see into), then ``axe.run`` runs in each frame on that
    frame's own document, with ``iframes: false`` so that no node is reported twice. Frames already
    detached, or still blank (``about:blank`` with an empty body), are skipped; a frame reloaded while axe
    runs in it (a Streamlit rerun) is checked again, up to three times, and one that goes away meanwhile
    raises rather than pass unchecked. The script is injected with ``add_script_tag(content=...)``, so
    nothing touches the network.

    ``exclude`` lists CSS selectors left out of the check in every frame where they match, for markup that
    is not ours to fix (say so where you pass them). Each violation is a dict with ``frame`` (the frame's
    URL), ``rule`` (the axe rule id), ``impact``, ``help`` (one line), ``helpUrl``, ``count`` (how many
    nodes fail), ``targets`` (the selectors of the first ``max_targets`` of them; a selector inside a
    shadow root is joined to its host with `` >>> ``) and ``nodes`` (for the same nodes, their ``html``,
    shortened, and axe's ``message`` on why they fail). :func:`format_violations` renders them for a report.
    """
    from playwright.sync_api import Error

    source = AXE_JS.read_text(encoding="utf-8")
    args = {"exclude": list(exclude), "impacts": list(impacts), "maxTargets": max_targets}
    found: list[dict] = []
    for frame in page.frames:
        for attempt in range(3):  # a Streamlit rerun may reload a frame under axe: inject and run again
            if frame.is_detached():
                break
            try:
                if frame.url in ("", "about:blank") and frame.evaluate(
                        "() => !document.body || document.body.childElementCount === 0"):
                    break
                if not frame.evaluate("() => typeof window.axe === 'object'"):
                    frame.add_script_tag(content=source)
                found += [{"frame": frame.url, **v} for v in frame.evaluate(_AXE_RUN_JS, args)]
                break
            except Error:
                if attempt == 2 or frame.is_detached():
                    raise
                page.wait_for_timeout(500)
    return found


def format_violations(violations: list[dict]) -> str:
    """One readable block per violation: impact, rule, help, where and the first failing nodes."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['rule']}: {v['help']} ({v['count']} node(s)) in {v['frame']}")
        for target, node in zip(v["targets"], v["nodes"], strict=True):
            lines += [f"    {target}", f"      {node['html']}", f"      {node['message']}"]
        lines.append(f"    see {v['helpUrl']}")
    return "\n".join(lines)
