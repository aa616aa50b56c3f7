"""Kiosk soak benchmark: the attract loop, accelerated, for the equivalent of 8 hours on an exhibit.

Eight hours of the default kiosk (12 h of 1962 per second, 4 s on each key moment) is about 128
turns of the attract loop; visitors are taken to come by every 12 minutes (40 visits), each one
touching the screen, stepping a few hours, sometimes switching language, then walking away (idle
reset). Here the loop runs at 1,000 h/s with 0.1 s holds and the idle time is 3 s + a 1 s
countdown. Reports the server's memory (target: within 10 % from the first tenth to the end) and
every error (page errors, server tracebacks; target: none). Run with ``make soak``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import app_process, launch, map_frame, offline_context  # noqa: E402

LOOPS, VISITS = int(os.environ.get("SOAK_LOOPS", 128)), int(os.environ.get("SOAK_VISITS", 40))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    conf = Path(tempfile.mkdtemp()) / "atlas.toml"
    conf.write_text('[kiosk]\ndefault_lang = "ja"\nidle_seconds = 3\ncountdown_seconds = 1\n'
                    'attract_speed_hours = 1000\nattract_hold_seconds = 0.1\n', encoding="utf-8")
    os.environ["CMC_ATLAS_CONFIG"] = str(conf)
    errors: list[str] = []
    samples: list[tuple[int, float]] = []
    with app_process("streamlit_app.py") as (url, proc), sync_playwright() as p:
        browser = launch(p)
        ctx = offline_context(browser, 1920, 1080)
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(f"page: {e}"))
        page.goto(f"{url}/?kiosk=1&idle=3")
        frame = map_frame(page, timeout=90_000)
        frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=60_000)
        loops = 0
        visits = 0
        last = frame.locator(".leaflet-container").get_attribute("data-time")
        started = time.time()
        while loops < LOOPS:
            frame = map_frame(page, timeout=30_000)
            now = frame.locator(".leaflet-container").get_attribute("data-time")
            if now < last:  # the loop wrapped round (or a reset took it back)
                loops += 1
                if os.environ.get("SOAK_VERBOSE"):
                    print(f"  wrap {loops} at {time.time() - started:.1f} s", flush=True)
                if loops % (LOOPS // 10) == 0:
                    samples.append((loops, rss_mb(proc.pid)))
                    print(f"  loop {loops}, visits {visits}, RSS {samples[-1][1]:.0f} MB, "
                          f"{time.time() - started:.0f} s", flush=True)
                if visits < VISITS and loops % (LOOPS // VISITS or 1) == 0:
                    visits += 1
                    box = frame.locator(".leaflet-container").bounding_box()
                    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
                    slider = frame.get_by_role("slider")
                    slider.focus()
                    for _ in range(3):
                        slider.press("ArrowRight")
                        page.wait_for_timeout(150)
                    if visits % 5 == 0:  # the one-touch language switch
                        frame.locator(".cmc-lang").click()
                    page.wait_for_timeout(5000)  # walks away: idle, countdown, reset
            last = now
            page.wait_for_timeout(100)
            if time.time() - started > 1800:
                errors.append("soak: gave up after 30 minutes")
                break
        browser.close()
        server = proc
    stderr = getattr(server, "log_text", "")  # the server's stderr, read once it has stopped
    errors += [line for line in stderr.splitlines() if "Traceback" in line or "Error" in line]
    first, last_rss = samples[0][1], samples[-1][1]
    print(f"attract loops: {loops}, visits: {visits}, wall time: {time.time() - started:.0f} s")
    print("server RSS by loop: " + ", ".join(f"{n}: {mb:.0f} MB" for n, mb in samples))
    print(f"RSS change from the first tenth to the end: {(last_rss - first) / first * 100:+.1f} % (target within 10 %)")
    print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:20]))


if __name__ == "__main__":
    main()
