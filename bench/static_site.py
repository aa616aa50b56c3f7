"""The static site's first map: ``python -m geoapp publish`` into a temporary folder, served by Debian's nginx on
loopback (compressed, as `deploy/` and any CDN would), driven by Chromium that resolves no name but loopback's.

Reports, for four first visits (each in a new browser context, nothing cached, watched for any request off
loopback, without Playwright's request interception, as a visitor's browser is): the time from navigation to the
map built and its basemap painted, through Playwright and in the page, and what each visit transferred (bodies
as sent, compressed). Run with ``make bench``. Not a test: figures go to the README and notes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS, OUTSIDE, watched_context  # noqa: E402
from tests.test_publish import _nginx  # noqa: E402

DRAWN_JS = """() => Math.max(...['cmc-build-end', 'cmc-basemap-painted']
    .map(n => (performance.getEntriesByName(n)[0] || {startTime: NaN}).startTime))"""


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        site, tmp = Path(work) / "site", Path(work) / "nginx"
        tmp.mkdir()
        subprocess.run([sys.executable, "-m", "geoapp", "publish", "--out", str(site)], cwd=ROOT, check=True,
                       stderr=subprocess.DEVNULL)
        with _nginx(site, tmp) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + OFFLINE_ARGS)
            browser.new_context().close()  # the browser's own first context costs it about 0.5 s once
            walls, in_page, moved = [], [], []
            for _ in range(4):
                ctx = watched_context(browser)
                page = ctx.new_page()
                sizes: list[int] = []
                page.on("requestfinished", lambda r, s=sizes: s.append(r.sizes()["responseBodySize"]))
                t0 = time.perf_counter()
                page.goto(f"{url}#t=1962-10-27T16:00Z&lang=en")
                page.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
                page.wait_for_function("() => performance.getEntriesByName('cmc-basemap-painted').length > 0")
                walls.append(time.perf_counter() - t0)
                in_page.append(page.evaluate(DRAWN_JS) / 1000)
                page.wait_for_timeout(1000)  # what is fetched after the map (nothing should be)
                moved.append(sum(sizes) / 1e6)
                ctx.close()
            browser.close()
    if OUTSIDE:
        raise SystemExit(f"the static site asked for {len(OUTSIDE)} address(es) off this machine, e.g. {OUTSIDE[0]}")
    print(f"static site (nginx, gzip): first map {statistics.median(walls):.2f} s through Playwright, "
          f"{statistics.median(in_page):.2f} s in the page (median of 4; target <= 1.5 s); "
          f"a first visit transfers {statistics.median(moved):.2f} MB compressed (target <= 1 MB)")


if __name__ == "__main__":
    main()
