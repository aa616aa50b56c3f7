"""The app behind a load balancer: two replicas behind nginx (deploy/nginx-site.conf.in, rendered by
deploy/render-nginx.sh, run unprivileged on a loopback port), each visitor's requests kept on one replica
(but the sandboxed map frame's, which carry no cookie and only fetch files every replica serves), and a
replica killed (SIGKILL) under an open page: the page reconnects through nginx to the other replica and keeps
its moment (the map, the address); at the visitor's next action (a step) that replica builds the session from
the address and the map, going on from that moment (the address, the data it exports), and the page stays
there when the killed replica comes back."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.browser import app_process, free_port, map_frame, offline_context, stop, wait_answering, wait_until

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.path.exists(p)), None)

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)
if NGINX is None:
    pytest.skip("nginx is not installed (make setup installs Debian's nginx-light)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

#: What Debian's /etc/nginx/nginx.conf gives the site in production, here all in one unprivileged folder.
MAIN_CONF = """worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 512; }}
http {{
    {mime}
    access_log {d}/access.log;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/site.conf;
}}
"""

START = "1962-10-24T14:00Z"
#: three hours and a day after START, as the keyboard steps there (ArrowRight ×3, Shift+ArrowRight)
SCRUBBED = "1962-10-25T17:00Z"
AFTER = "1962-10-25T18:00Z"  # one more step, the visitor's first action on the surviving replica
#: The map component's name in its URLs (/component/NAME/...), as Streamlit names it (geoapp/ui/map_view.py).
COMPONENT = "geoapp.ui.map_view.atlas_map"


@contextmanager
def running_nginx(replicas: list[str]) -> Iterator[str]:
    """nginx on a free loopback port in front of ``replicas`` (host:port), with deploy/'s own site config."""
    port = free_port()
    d = Path(tempfile.mkdtemp(prefix="cmc-nginx-"))
    d.chmod(0o755)  # nginx's workers (nobody, when the test runs as root) use the temp folders under it
    site = subprocess.run([str(ROOT / "deploy" / "render-nginx.sh"), f"127.0.0.1:{port}", *replicas],
                          check=True, capture_output=True, text=True).stdout
    (d / "site.conf").write_text(site, encoding="utf-8")
    mime = "include /etc/nginx/mime.types;" if os.path.exists("/etc/nginx/mime.types") else ""
    (d / "nginx.conf").write_text(MAIN_CONF.format(d=d, mime=mime), encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-e", str(d / "error.log"), "-p", str(d), "-c", str(d / "nginx.conf"),
                             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_answering(f"{url}/_stcore/health", proc, d / "error.log")
        proc.log_dir = d
        yield url
    finally:
        stop(proc)
        shutil.rmtree(d, ignore_errors=True)


def established(port: int) -> int:
    """How many established TCP connections the server on loopback ``port`` holds (nginx's to it: the plain
    requests close, so what stays open is the pages' WebSockets)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                count += 1
    return count


def _time(page) -> str | None:
    try:
        return map_frame(page, timeout=5_000).locator(".leaflet-container").get_attribute("data-time")
    except Exception:  # noqa: BLE001 - the frame is being rebuilt
        return None


def _url_t(page) -> str:
    return page.url.replace("%3A", ":")


def _errors_shown(page) -> list[str]:
    """Error messages on the page: a Python exception, an error box, Streamlit's connection error."""
    found = [page.locator(s).first.inner_text() for s in ('[data-testid="stException"]', '[data-testid="stAlert"]')
             if page.locator(s).count()]
    if page.get_by_text("Connection error").count():
        found.append("Connection error")
    return found


def _answered(response) -> str | None:
    """The replica that answered a response through nginx (``X-Upstream`` lists every one tried, the one that
    answered last: "A, B" when A was dead)."""
    tried = response.headers.get("x-upstream")
    return tried.split(",")[-1].strip() if tried else None


def _poll(read, ok, timeout: float, what: str):
    """Read ``read()`` every 200 ms until ``ok(value)`` holds (for conditions outside the page)."""
    deadline = time.time() + timeout
    while not ok(value := read()):
        assert time.time() < deadline, f"waited {timeout:g} s for {what}; last seen: {value!r}"
        time.sleep(0.2)
    return value


def _answered_plain(url: str, tried: bool = False) -> str | None:
    """The replica that answers a request without the route cookie (a new visitor's first request); with
    ``tried``, every replica nginx tried ("A, B": A failed or had not the file)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            upstreams = r.headers.get("X-Upstream")
    except OSError as e:
        return repr(e)
    if tried or not upstreams:
        return upstreams
    return upstreams.split(",")[-1].strip()


def _download(page, button: str, tries: int = 3):
    """Click a download button; return the download and the clicks it took. A click that lands during a
    rerun (the button is being replaced) starts nothing and is tried again, as in tests/test_browser.py."""
    for attempt in range(1, tries + 1):
        try:
            with page.expect_download(timeout=20_000) as info:
                page.get_by_role("button", name=button).click()
            return info, attempt
        except Exception as e:  # noqa: BLE001 - playwright's TimeoutError
            if attempt == tries:
                raise AssertionError(f"no download after {tries} clicks; answers: {page.answers}") from e
    raise AssertionError("unreachable")


#: What holds a visitor's session or a file one replica made, and must reach the visitor's replica: the page,
#: Streamlit's endpoints, the component's files (asked for by its same-origin frame), the map's page files
#: (written by the replica that built them) and the downloads.
STICKY = ("/?", "/_stcore/", "/component/", "/app/static/pages/", "/media/")
#: The only files the sandboxed map frame (map.html, sandbox="allow-scripts": an opaque origin, whose requests
#: carry no cookie) may ask for: files that are the same on every replica (deploy/nginx-site.conf.in).
SHARED = ("/app/static/atlas/", "/app/static/vendor/", f"/component/{COMPONENT}/frame.js")


def _from_sandbox(request) -> bool:
    """Whether the sandboxed map frame sent ``request`` (its own document's request comes from its parent)."""
    try:
        return not request.is_navigation_request() and request.frame.url.endswith("/map.html")
    except Exception:  # noqa: BLE001 - playwright's Error for a request of no frame
        return False


def _session(ctx, url: str, t: str):
    """A page opened through nginx at ``t``; it records which replica answered each of its requests."""
    page = ctx.new_page()
    page.upstreams = set()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.answers = []  # (path, status, replicas tried) of every answer, for a failure's report
    page.sandboxed = []  # the same, for the sandboxed map frame's requests

    def answered(r) -> None:
        if r.url.startswith(url) and _answered(r):
            tried = r.headers.get("x-upstream", "")
            path = r.url[len(url):]
            page.answers.append((path[:60], r.status, tried))
            if _from_sandbox(r.request):
                # no cookie: nginx sends these anywhere, and asks the next replica if one has not the file yet
                page.sandboxed.append((path[:60], r.status, tried))
            elif "," not in tried and (path.startswith(STICKY) or path in ("", "/")):
                # an answer nginx had to take to another replica (one dead or busy) is a failover, not a break
                # of stickiness
                page.upstreams.add(_answered(r))

    page.on("response", answered)
    page.document_upstream = _answered(page.goto(f"{url}/?t={t}", timeout=60_000))
    return page


def test_two_replicas_behind_nginx_and_one_dies_mid_session(browser, tmp_path):
    started = time.time()
    with ExitStack() as stack:
        ports = [free_port(), free_port()]
        procs = {}
        for port in ports:
            _url, procs[port] = stack.enter_context(app_process("streamlit_app.py", port))
        url = stack.enter_context(running_nginx([f"127.0.0.1:{p}" for p in ports]))
        replica = {f"127.0.0.1:{p}": p for p in ports}

        # a first visitor, alone: their replica is the only one that has shown the map, and so the only one
        # serving the component's files. Requests for one without the cookie (as the sandboxed map frame sends
        # them) go to each replica in turn (nginx's new visitors' group, where no page is open): the other one
        # answers 404 and nginx asks the next, which has the file.
        moments = ["1962-10-16T12:00Z", "1962-10-22T23:00Z", "1962-10-27T18:00Z"]
        contexts = [stack.enter_context(_closing(offline_context(browser, 1200, 800))) for _ in moments]
        pages = [_session(contexts[0], url, moments[0])]
        wait_until(pages[0], lambda: _time(pages[0]), lambda v: v == moments[0], 240,
                   f"the first visitor's map at {moments[0]}")
        # the map frame's own cookie-less request (the basemap) done: nginx's new visitors' group picks the replica
        # with the fewest open connections, and would pick the visited one while the other is sending it
        map_frame(pages[0]).locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
        first = pages[0].document_upstream
        unvisited = next(r for r in replica if r != first)
        # nginx then takes the two replicas in turn, but a late cookie-less request of the first page may take a
        # turn in between: four requests make sure that some meet the unvisited replica first
        frame_js = [_answered_plain(f"{url}/component/{COMPONENT}/frame.js", tried=True) for _ in range(4)]
        assert f"{unvisited}, {first}" in frame_js and all(a.split(", ")[-1] == first for a in frame_js), \
            f"the component's frame.js, without the cookie, answered by: {frame_js}"
        # more visitors at once, each in their own browser (own cookie): every page draws its moment, each
        # visitor's requests all reach one replica (the route cookie), and the sandboxed map frame's requests,
        # which carry no cookie, only ask for files every replica has, and get them
        pages += [_session(ctx, url, t) for ctx, t in zip(contexts[1:], moments[1:], strict=True)]
        for page, t in zip(pages, moments, strict=True):
            wait_until(page, lambda p=page: _time(p), lambda v, t=t: v == t, 240, f"a visitor's map at {t}")
            # the frame's one request of its own (its scripts are in its document): the basemap
            map_frame(page).locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
            assert page.document_upstream in replica, page.document_upstream
            assert page.upstreams == {page.document_upstream}, f"one visitor reached {page.answers}"
            assert page.sandboxed and all(p.startswith(SHARED) for p, _s, _t in page.sandboxed), page.sandboxed
            assert [a for a in page.answers if a[1] >= 400] == [], f"failed answers: {page.answers}"
            assert any(p.startswith("/app/static/pages/") for p, _s, _t in page.answers), page.answers
            assert page.errors == [] and _errors_shown(page) == []
        spread = sorted(p.document_upstream for p in pages)
        for ctx in contexts:
            ctx.close()
        _poll(lambda: [established(p) for p in ports], lambda n: n == [0, 0], 15,
              "the visitors' WebSockets to close with their pages")

        # the visitor whose replica dies: open at a moment, step to another with the keyboard
        ctx = stack.enter_context(_closing(offline_context(browser, 1400, 1000)))
        page = _session(ctx, url, START)
        wait_until(page, lambda: _time(page), lambda v: v == START, 60, f"the map at {START}")
        map_frame(page).locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
        serving = wait_until(page, lambda: [p for p in ports if established(p)], lambda s: len(s) == 1, 15,
                             "one replica holding the page's WebSocket")[0]
        assert replica[page.document_upstream] == serving, "the WebSocket went to another replica than the page"
        slider = map_frame(page).get_by_role("slider")
        slider.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowRight", "Shift+ArrowRight"):
            slider.press(key)
        wait_until(page, lambda: _time(page), lambda v: v == SCRUBBED, 10, f"the map at {SCRUBBED}")
        wait_until(page, lambda: _url_t(page), lambda u: f"t={SCRUBBED}" in u, 20, "the address to get the moment")

        # kill that replica: the page reconnects through nginx to the other one and keeps showing its moment
        other = next(p for p in ports if p != serving)
        procs[serving].killed_on_purpose = True
        procs[serving].send_signal(signal.SIGKILL)
        procs[serving].wait(timeout=10)
        killed_at = time.time()
        page.upstreams.clear()
        wait_until(page, lambda: established(other), lambda n: n >= 1, 60,
                   "the page's WebSocket to reach the other replica")
        reconnected = time.time() - killed_at
        wait_until(page, lambda: _time(page), lambda v: v == SCRUBBED, 30, f"the map drawn again at {SCRUBBED}")
        assert f"t={SCRUBBED}" in _url_t(page)
        assert _errors_shown(page) == [] and page.errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "deploy-after-failover.png"))
        # Streamlit's page reconnects without asking for a run (it expects to find its old session), so the
        # surviving replica builds the visitor's session at their next action, from the page's address and
        # what the map reports. The next action here: a step. The first step is sometimes not written to the
        # address (the new session starts from the address, not always from the step that started it): the
        # visitor steps again, as in tests/test_kiosk.py's reconnect, until the replica writes one.
        moment, steps = SCRUBBED, 0
        while True:
            assert steps < 5, f"the surviving replica never wrote a step into the address: {_url_t(page)}"
            slider = map_frame(page).get_by_role("slider")
            slider.focus()
            slider.press("ArrowRight")
            steps += 1
            before = moment
            moment = wait_until(page, lambda: _time(page), lambda v, b=before: v not in (None, b), 10,
                                "the step drawn")
            try:
                wait_until(page, lambda: _url_t(page), lambda u, m=moment: f"t={m}" in u, 10, "the address")
                break
            except AssertionError:
                continue
        assert steps > 1 or moment == AFTER
        # the replica that took over draws the rest of the page too (the sidebar's controls)
        page.locator("[data-testid=stSidebar] [data-testid=stRadio]").first.wait_for(timeout=30_000)
        # the killed replica comes back (as systemd would restart it) and nginx sends new visitors to it again;
        # the page stays with the replica holding its session
        stack.enter_context(app_process("streamlit_app.py", serving))
        _poll(lambda: _answered_plain(f"{url}/_stcore/health"), lambda a: a == f"127.0.0.1:{serving}", 30,
              "nginx to send a new visitor to the restarted replica")
        # the surviving replica's session holds the moment: the data it exports are at that moment
        page.answers.clear()
        info, clicks = _download(page, "Data: GeoJSON")
        assert info.value.suggested_filename == f"cmc-atlas-{moment.replace(':', '')}.geojson"
        saved = tmp_path / "after-failover.geojson"
        info.value.save_as(saved)
        assert json.loads(saved.read_text(encoding="utf-8"))["properties"]["time"] == moment
        assert _errors_shown(page) == [] and page.errors == []
        assert established(other) >= 1 and procs[other].poll() is None
        assert established(serving) == 0, "the page went back to the restarted replica"
        assert page.upstreams == {f"127.0.0.1:{other}"}, f"after the kill the page reached {page.upstreams}"
        print(f"visitors on {spread}; killed 127.0.0.1:{serving}, page back on 127.0.0.1:{other} "
              f"{reconnected:.1f} s later; {steps} step(s) until it wrote the address ({moment}); "
              f"download in {clicks} click(s); whole test {time.time() - started:.0f} s")


@contextmanager
def _closing(ctx):
    try:
        yield ctx
    finally:
        ctx.close()
