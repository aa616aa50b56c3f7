"""Kiosk mode in Debian's Chromium (network blocked): no chrome, attract loop, touch, idle reset, language."""

from __future__ import annotations

import os
import time

import pytest

from tests.browser import Blocker, map_frame, offline_context, running_app, wait_until

pytestmark = pytest.mark.browser

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def kiosk_page(browser):
    with running_app() as url:
        ctx = offline_context(browser, 1920, 1080)
        ctx.grant_permissions([])
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/?kiosk=1&idle=4")
        frame = map_frame(page, timeout=60_000)
        frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
        yield page, errors, ctx.blocker
        ctx.close()


def _attr(page, name: str) -> str:
    return map_frame(page).locator(".leaflet-container").get_attribute(name)


def _wait(page, name: str, value: str, timeout: float = 30.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if _attr(page, name) == value:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{name} never became {value!r} (is {_attr(page, name)!r})")


def test_kiosk_sequence(kiosk_page):
    page, errors, blocker = kiosk_page
    # no Streamlit chrome
    for testid in ("stHeader", "stToolbar", "stSidebar", "stStatusWidget", "stMainMenu"):
        assert not page.locator(f'[data-testid="{testid}"]').is_visible(), testid
    # the attract loop plays by itself, in the configured kiosk language
    _wait(page, "data-mode", "attract")
    assert _attr(page, "data-lang") == "ja"
    t1 = _attr(page, "data-time")
    wait_until(page, lambda: _attr(page, "data-time"), lambda t: t != t1, 20, "the attract loop to move on")
    # a touch pauses it and hands control to the visitor
    frame = map_frame(page)
    box = frame.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
    _wait(page, "data-mode", "visitor")
    held = _attr(page, "data-time")
    page.wait_for_timeout(1200)
    assert _attr(page, "data-time") == held
    assert _attr(page, "data-mode") == "visitor"
    # after the idle time a countdown shows, then the kiosk resets and the attract loop resumes
    countdown = map_frame(page).locator("#cmc-countdown")
    countdown.wait_for(state="visible", timeout=15_000)
    assert "秒後に最初に戻ります" in countdown.inner_text()
    _wait(page, "data-mode", "attract", timeout=20)
    page.wait_for_timeout(2500)  # the reset reached the server and back: the loop still plays
    after_reset = _attr(page, "data-time")
    wait_until(page, lambda: _attr(page, "data-time"), lambda t: t != after_reset, 20, "the loop to play on")
    # a touch on the story beside the map (not the map) also pauses the loop and counts as activity
    frame = map_frame(page)
    frame.locator("#cmc-story").click()
    _wait(page, "data-mode", "visitor")
    held = _attr(page, "data-time")
    # the one-touch language switch, in the map's own title row: the moment is kept
    frame.get_by_role("button", name="English").click()
    _wait(page, "data-lang", "en", timeout=20)
    frame = map_frame(page)
    frame.get_by_role("button", name="日本語").wait_for(state="visible", timeout=20_000)
    assert _attr(page, "data-time") == held
    assert frame.locator("#cmc-story").get_attribute("data-time") == held
    assert blocker.blocked == [] and errors == []


def test_kiosk_page_reconnects_after_a_server_restart(browser):
    from tests.browser import app_process, free_port

    port = free_port()
    ctx = offline_context(browser, 1600, 900)
    page = ctx.new_page()
    with app_process("streamlit_app.py", port=port) as (url, _proc):
        page.goto(f"{url}/?kiosk=1&idle=60")
        map_frame(page, timeout=60_000).locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    page.wait_for_timeout(2000)  # the server is gone
    with app_process("streamlit_app.py", port=port):
        ok = False
        for _ in range(20):  # the page reconnects by itself; a step then reaches the new server
            frame = map_frame(page, timeout=10_000)
            slider = frame.get_by_role("slider")
            slider.focus()
            slider.press("ArrowRight")
            want = frame.locator(".leaflet-container").get_attribute("data-time")
            for _ in range(25):
                if f"t={want}" in page.url.replace("%3A", ":"):
                    ok = True
                    break
                page.wait_for_timeout(200)
            if ok:
                break
        assert ok, "the page never reached the restarted server"
    ctx.close()


def test_reduced_motion_steps_between_key_moments(browser):
    from tests.browser import RECORD_TIMES_JS

    with running_app() as url:
        ctx = browser.new_context(viewport={"width": 1600, "height": 900}, reduced_motion="reduce")
        ctx.route("**/*", Blocker())
        page = ctx.new_page()
        page.goto(f"{url}/?kiosk=1&idle=60")
        frame = map_frame(page, timeout=60_000)
        frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
        frame.evaluate(RECORD_TIMES_JS)
        page.wait_for_timeout(6000)
        drawn = frame.evaluate("Array.from(window.__times)")
        keys = set(frame.evaluate("CMCAtlas.current.keys.map(CMCAtlas.iso)"))
        ctx.close()
    assert drawn, "the attract loop should still step"
    assert set(drawn) <= keys, set(drawn) - keys
