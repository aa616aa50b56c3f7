"""Tier 7: the running app in Debian's Chromium, every non-loopback request aborted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.browser import Blocker, launch, map_frame, running_app

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocker = Blocker()
    ctx.route("**/*", blocker)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.blocker = blocker
    pg.errors = errors
    yield pg
    ctx.close()


def _time(frame) -> str:
    return frame.locator(".leaflet-container").get_attribute("data-time")


def _wait_time(page, expected: str, timeout: float = 30.0):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            frame = map_frame(page, timeout=5_000)
            last = _time(frame)
            if last == expected:
                return frame
        except AssertionError:
            pass
        page.wait_for_timeout(200)
    raise AssertionError(f"data-time stayed {last!r}, expected {expected!r}")


@pytest.mark.parametrize(("t", "lang"), [("1962-10-14T12:00Z", "en"), ("1962-10-27T18:00Z", "ja"),
                                         ("1962-11-21T12:00Z", "en")])
def test_map_draws_offline_at_a_moment(page, app_url, t, lang):
    page.goto(f"{app_url}/?t={t}&lang={lang}")
    frame = _wait_time(page, t, timeout=60)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    assert frame.locator("#cmc-legend").is_visible()
    assert frame.locator("#cmc-clock").is_visible()
    assert int(frame.locator(".leaflet-container").get_attribute("data-features")) > 10
    assert frame.locator("path.leaflet-interactive").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{t[:10]}-{lang}.png"))
    assert page.blocker.blocked == [] or all("127.0.0.1" not in u for u in page.blocker.blocked)
    assert page.errors == []


def test_slider_keyboard_moves_the_moment_and_the_url(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-24T12:00Z&lang=en")
    _wait_time(page, "1962-10-24T12:00Z", timeout=60)
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    _wait_time(page, "1962-10-24T14:00Z")
    assert "t=1962-10-24T14%3A00Z" in page.url or "t=1962-10-24T14:00Z" in page.url
    page.get_by_role("button", name="6 h ▶").click()
    _wait_time(page, "1962-10-24T20:00Z")


def test_feature_popup_shows_details_and_sources(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-27T18:00Z&lang=en&layers=missile_sites")
    frame = _wait_time(page, "1962-10-27T18:00Z", timeout=60)
    box = frame.locator(".leaflet-container").bounding_box()
    icons = frame.locator(".cmc-icon")
    for i in range(icons.count()):
        b = icons.nth(i).bounding_box()
        if b and box["x"] + 80 < b["x"] < box["x"] + box["width"] - 80 and box["y"] + 80 < b["y"] < box["y"] + 300:
            icons.nth(i).click()
            break
    else:
        raise AssertionError("no site marker inside the view")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Sources" in popup.inner_text()
