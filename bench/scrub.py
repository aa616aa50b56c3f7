"""Scrubbing benchmark: the live map against the usual st.slider + st_folium rerun, in Chromium.

Starts the atlas and the reference app (``bench/reference_app.py``) on loopback, drives Debian's
Chromium with Playwright and reports:
- first map after page load (the first visitor after a start, returning visitors and new ones) and what a first
  visit transfers;
- keyboard step latency (key press -> new ``data-time`` drawn and painted), in-page and wall-clock;
- moments drawn during one 1-second mouse drag before release;
- the same keyboard step on the reference app, and the ratio of the p50s (target <= 0.5);
- the server's memory after 100 and after 1,000 committed steps (target: within 10 %).
Run with ``make bench``. Not a test: figures go to the README and the notes.

Offline: Chromium resolves no name but loopback's, and every request the pages make is watched; a run that saw
one leave loopback fails. The first maps are timed in contexts without Playwright's request interception
(``route``), as a visitor's browser is: interception turns the browser's HTTP cache off and sends each request
through this Python process first, which added 0.3-0.5 s to a first map (the figures before 2026-12-05).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    OFFLINE_ARGS,
    OUTSIDE,
    RECORD_TIMES_JS,
    app_process,
    map_frame,
    offline_context,
    watched_context,
)


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children's threads (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_attr(frame, before: str, timeout: float = 10.0) -> float:
    """Poll until the map's data-time differs from ``before``; return the wall-clock seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            if frame.locator(".leaflet-container").get_attribute("data-time", timeout=1000) != before:
                return time.perf_counter() - t0
        except Exception:  # noqa: BLE001 - the reference app's frame is replaced on each rerun
            pass
        time.sleep(0.002)
    raise TimeoutError("data-time did not change")


def wait_attr_value(frame, before: str) -> str:
    """The new data-time once it differs from ``before``."""
    wait_attr(frame, before)
    return frame.locator(".leaflet-container").get_attribute("data-time")


IN_PAGE = """async (n) => {
  const c = document.querySelector('.leaflet-container');
  const s = document.querySelector('[role=slider]');
  const panels = ['#cmc-caption', '#cmc-clockpanel', '#cmc-story', '.cmc-chart'].map(q => document.querySelector(q))
    .filter(p => p);  // the chart of the estimates is there in the known and difference views
  const out = [];
  let sameFrame = 0;
  for (let i = 0; i < n; i++) {
    const before = c.getAttribute('data-time');
    const t0 = performance.now();
    s.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
    if (c.getAttribute('data-time') === before) { throw new Error('no redraw'); }
    // the caption, clock and story were drawn in the same task as the map: no frame of lag
    if (panels.every(p => p.getAttribute('data-time') === c.getAttribute('data-time'))) { sameFrame++; }
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    out.push(performance.now() - t0);
  }
  window.__cmcSameFrame = sameFrame / n;
  return out;
}"""


# drawn: the basemap painted on its canvas (the animation frame after it was built), and the page built
PHASES_JS = """() => { const m = n => (performance.getEntriesByName(n)[0] || {}).startTime;
    return {build: m('cmc-build-end') - m('cmc-build-start'),
            basemap: m('cmc-basemap-painted') - m('cmc-basemap-start'),
            drawn: Math.max(m('cmc-build-end'), m('cmc-basemap-painted')), frame_origin: performance.timeOrigin}; }"""


def first_map(ctx, url: str, t: str) -> tuple[object, float, dict, dict]:
    """Open the atlas at ``t`` in a new page of ``ctx``: (the page, seconds until the map and its basemap are
    drawn, what it transferred until then, where the time went in the page)."""
    page = ctx.new_page()
    sizes: list[tuple[str, int]] = []  # bodies as sent, compressed or not

    def finished(r) -> None:
        try:
            sizes.append((r.url, r.sizes()["responseBodySize"]))
        except Exception:  # noqa: BLE001 - the page closed meanwhile: its late requests are not the first map's
            pass

    page.on("requestfinished", finished)
    t0 = time.perf_counter()
    page.goto(f"{url}/?t={t}")
    mapped = map_frame(page, timeout=90_000)
    mapped.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
    mapped.wait_for_function("() => performance.getEntriesByName('cmc-basemap-painted').length > 0")
    seconds = time.perf_counter() - t0
    streamlit = sum(n for u, n in sizes if "/static/" in u and "/app/static/" not in u)
    transfer = {"streamlit": streamlit / 1024, "atlas": (sum(n for _, n in sizes) - streamlit) / 1024}
    # where the time goes: Streamlit's page until the map's frame opens, the page built, the basemap
    ph = mapped.evaluate(PHASES_JS)
    top = page.evaluate("performance.timeOrigin")
    phases = {"frame_opens_s": (ph["frame_origin"] - top) / 1000, "build_ms": ph["build"],
              "in_page_s": (ph["frame_origin"] + ph["drawn"] - top) / 1000, "basemap_ms": ph["basemap"]}
    return page, seconds, transfer, phases


def bench_atlas(browser) -> dict:
    out: dict = {}
    # the browser's own first context costs it about 0.5 s once: not the server's time, so paid before timing
    browser.new_context().close()
    with app_process("streamlit_app.py") as (url, proc):
        ctx = watched_context(browser)
        page, out["first_map_cold_s"], out["transfer_cold_kb"], _ = first_map(ctx, url, "1962-10-14T12:00Z")
        frame = map_frame(page)
        for key, fresh in (("returning", False), ("new", True)):
            for _ in range(3):  # later visitors, the server has its caches: with the browser's own, and without
                other_ctx = watched_context(browser) if fresh else ctx
                other, seconds, transfer, phases = first_map(other_ctx, url, "1962-10-27T16:00Z")
                out.setdefault(f"first_map_{key}_s", []).append(seconds)
                out.setdefault(f"first_map_{key}_phases", []).append(phases)
                out.setdefault(f"transfer_{key}_kb", []).append(transfer)
                other.close()
                if fresh:
                    other_ctx.close()
        # warm-up, then in-page latency: key event -> redrawn -> two animation frames (painted)
        frame.evaluate(IN_PAGE, 5)
        out["key_in_page_ms"] = frame.evaluate(IN_PAGE, 200)
        out["panels_same_frame"] = frame.evaluate("window.__cmcSameFrame")
        # wall-clock latency through Playwright, the same method as for the reference app
        slider = frame.get_by_role("slider")
        slider.focus()
        wall = []
        for _ in range(40):
            before = frame.locator(".leaflet-container").get_attribute("data-time")
            t1 = time.perf_counter()
            page.keyboard.press("ArrowRight")
            wait_attr(frame, before)
            wall.append((time.perf_counter() - t1) * 1000)
        out["key_wall_ms"] = wall
        # sync: key press -> the server has heard the moment (the page's address shows it)
        sync = []
        for _ in range(15):
            page.wait_for_timeout(400)
            before = frame.locator(".leaflet-container").get_attribute("data-time")
            t1 = time.perf_counter()
            page.keyboard.press("ArrowRight")
            target = f"t={wait_attr_value(frame, before)}"
            while target not in page.url.replace("%3A", ":"):
                page.wait_for_timeout(5)
            sync.append((time.perf_counter() - t1) * 1000)
        out["sync_ms"] = sync
        # one 1-second drag
        frame.evaluate(RECORD_TIMES_JS)
        box = frame.locator(".cmc-slider").bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 5, y)
        page.mouse.down()
        t1 = time.perf_counter()
        i = 0
        while time.perf_counter() - t1 < 1.0:
            i += 1
            page.mouse.move(box["x"] + 5 + (box["width"] - 10) * min(1.0, (time.perf_counter() - t1)), y)
        out["drag_moments"] = frame.evaluate("window.__times.size")
        out["drag_moves"] = i
        page.mouse.up()
        # the two clocks: switching to the difference view (a new page of the map, built on the server), then the
        # same keyboard step with the chart and Moscow's panel drawn in each frame
        page.wait_for_timeout(1000)
        t1 = time.perf_counter()
        frame.get_by_role("button", name="The difference").click()
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            frame = map_frame(page)
            if frame.locator(".leaflet-container").get_attribute("data-show") == "gap":
                break
            page.wait_for_timeout(10)
        out["view_switch_s"] = time.perf_counter() - t1
        # the drag ended at the end of the time bar, where a step forward draws nothing
        frame.evaluate("CMCAtlas.current.setTime(CMCAtlas.parseIso('1962-10-14T12:00Z'), false)")
        frame.evaluate(IN_PAGE, 5)
        out["gap_key_in_page_ms"] = frame.evaluate(IN_PAGE, 200)
        out["gap_same_frame"] = frame.evaluate("window.__cmcSameFrame")
        slider = frame.get_by_role("slider")
        # server memory: steps that each reach the server (a commit, then a rerun)
        slider.focus()
        page.wait_for_timeout(1500)

        def commits(n: int) -> None:
            for _ in range(n):
                page.keyboard.press("ArrowRight")
                page.wait_for_timeout(180)

        commits(100)
        page.wait_for_timeout(2000)
        out["rss_100_mb"] = rss_mb(proc.pid)
        commits(900)
        page.wait_for_timeout(2000)
        out["rss_1000_mb"] = rss_mb(proc.pid)
        ctx.close()
    return out


def bench_reference(browser) -> dict:
    out = {}
    with app_process("bench/reference_app.py") as (url, _proc):
        ctx = offline_context(browser)
        page = ctx.new_page()
        page.goto(url)
        map_frame(page, timeout=90_000)
        slider = page.get_by_role("slider").first
        slider.focus()
        wall = []
        for _ in range(25):
            frame = map_frame(page)
            before = frame.locator(".leaflet-container").get_attribute("data-time")
            t1 = time.perf_counter()
            page.keyboard.press("ArrowRight")
            deadline = time.perf_counter() + 15
            while time.perf_counter() < deadline:
                try:
                    if map_frame(page, 2000).locator(".leaflet-container").get_attribute("data-time") != before:
                        break
                except Exception:  # noqa: BLE001
                    pass
                time.sleep(0.002)
            wall.append((time.perf_counter() - t1) * 1000)
            page.wait_for_timeout(150)
        out["key_wall_ms"] = wall
        ctx.close()
    return out


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        ours = bench_atlas(browser)
        ref = bench_reference(browser)
        browser.close()
    if OUTSIDE:
        raise SystemExit(f"the atlas asked for {len(OUTSIDE)} address(es) off this machine, e.g. {OUTSIDE[0]}")
    k, w, r = ours["key_in_page_ms"], ours["key_wall_ms"], ref["key_wall_ms"]
    growth = (ours["rss_1000_mb"] - ours["rss_100_mb"]) / ours["rss_100_mb"] * 100
    for key, who in (("returning", "a returning visitor (the browser has cached Streamlit's files)"),
                     ("new", "a new visitor (nothing cached)")):
        ph = ours[f"first_map_{key}_phases"]
        runs = [round(x, 2) for x in ours[f"first_map_{key}_s"]]
        print(f"first map on a running server, {who}: {statistics.median(runs):.2f} s "
              f"through Playwright, {statistics.median(p['in_page_s'] for p in ph):.2f} s in the page "
              f"(navigation -> the map and its basemap drawn; median of 3 {runs}; "
              f"target <= 1.5 s)")
        print(f"  of which: Streamlit's page until the map's frame opens "
              f"{statistics.median(p['frame_opens_s'] for p in ph):.2f} s, "
              f"the page built {statistics.median(p['build_ms'] for p in ph):.0f} ms, "
              f"the basemap drawn and painted {statistics.median(p['basemap_ms'] for p in ph):.0f} ms")
    print(f"first map for the first visitor after a start: {ours['first_map_cold_s']:.2f} s (target <= 4 s)")
    for name, tr in (("a new visitor on a running server", ours["transfer_new_kb"][-1]),
                     ("the first visitor after a start (gzip where no earlier run left brotli)",
                      ours["transfer_cold_kb"])):
        print(f"transfer until the map is drawn, {name}: {(tr['streamlit'] + tr['atlas']) / 1024:.2f} MB: "
              f"Streamlit's own frontend {tr['streamlit'] / 1024:.2f} MB, the atlas {tr['atlas'] / 1024:.2f} MB "
              f"(target <= 1 MB)")
    print(f"keyboard step, in page (key -> drawn -> painted): p50 {statistics.median(k):.1f} ms, "
          f"p95 {pct(k, 95):.1f} ms (targets 50 / 120 ms)")
    print(f"caption, clock and story drawn in the same frame as the map: {ours['panels_same_frame'] * 100:.0f} % "
          f"of 200 steps (target 100 %)")
    print(f"keyboard step, wall clock via Playwright: p50 {statistics.median(w):.1f} ms, p95 {pct(w, 95):.1f} ms")
    print(f"reference st.slider + st_folium step, wall clock: p50 {statistics.median(r):.1f} ms, "
          f"p95 {pct(r, 95):.1f} ms")
    print(f"ratio of p50s (ours / reference, same method): {statistics.median(w) / statistics.median(r):.3f} "
          f"(target <= 0.5)")
    sy = ours["sync_ms"]
    print(f"key press -> the server has the moment (address, exports): p50 {statistics.median(sy):.0f} ms, "
          f"p95 {pct(sy, 95):.0f} ms (target <= 300 ms after release)")
    print(f"moments drawn during a 1 s drag: {ours['drag_moments']} ({ours['drag_moves']} pointer moves; "
          f"target >= 10)")
    g = ours["gap_key_in_page_ms"]
    print(f"switch to the difference view (the server builds that view's page): {ours['view_switch_s']:.2f} s; "
          f"then a keyboard step with the chart and Moscow's panel: p50 {statistics.median(g):.1f} ms, "
          f"p95 {pct(g, 95):.1f} ms, all in the map's frame {ours['gap_same_frame'] * 100:.0f} %")
    print(f"server memory after 100 steps: {ours['rss_100_mb']:.0f} MB; after 1,000: {ours['rss_1000_mb']:.0f} MB "
          f"({growth:+.1f} %, target within 10 %)")


if __name__ == "__main__":
    main()
