"""Issue 13 in Chromium, offline: the view switch, the chart's cursor during a drag and during playback, the kiosk's
sequence on what Washington did not know, and the HTML export of a view."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import Blocker, map_frame, offline_context, running_app, wait_until

pytestmark = pytest.mark.browser

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]

#: From now on, at every frame the map draws, whether the chart's cursor and Moscow's panel show the map's moment.
WATCH_JS = """() => { window.__frames = 0; window.__behind = [];
    const c = document.querySelector('.leaflet-container');
    new MutationObserver(() => {
      const t = c.getAttribute('data-time'); window.__frames += 1;
      for (const s of ['.cmc-chart', '#cmc-moscow']) {
        const e = document.querySelector(s);
        const shown = e && e.getAttribute('data-time');
        if (e && !e.hidden && shown !== t) { window.__behind.push([s, t, shown]); }
      }
    }).observe(c, {attributes: true, attributeFilter: ['data-time']}); }"""
#: The x of the first panel's cursor (its transform), to see it move.
CURSOR_JS = """() => (document.querySelector('.cmc-chart-cursor') || {getAttribute: () => null})
    .getAttribute('transform')"""


@pytest.fixture(scope="module")
def app():
    with running_app() as url:
        yield url


def _open(browser, url: str, query: str, size=(1400, 900)):
    ctx = offline_context(browser, *size)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/?{query}")
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    return ctx, page, frame, errors


def _shows(frame) -> str | None:
    return frame.locator(".leaflet-container").get_attribute("data-show")


def _time(frame) -> str | None:
    return frame.locator(".leaflet-container").get_attribute("data-time")


def test_the_view_switch_keeps_the_moment_and_goes_into_the_address(browser, app):
    ctx, page, frame, errors = _open(browser, app, "t=1962-10-27T18:00Z&lang=en&view=gap")
    assert _shows(frame) == "gap"
    assert frame.locator(".cmc-unknown").count() > 0  # what Washington did not know is ringed
    assert frame.locator(".cmc-chart .cmc-chart-panel").count() >= 5
    assert frame.locator("#cmc-moscow h2").inner_text() == "What Moscow knew"
    assert frame.locator(".cmc-view[aria-pressed='true']").inner_text() == "The difference"
    frame.get_by_role("button", name="What Washington knew").click()
    wait_until(page, lambda: _shows(map_frame(page)), lambda v: v == "known", 60, "the known view")
    frame = map_frame(page)
    assert _time(frame) == "1962-10-27T18:00Z"  # the moment is kept
    assert frame.locator(".cmc-unknown").count() == 0 and frame.locator("#cmc-moscow").count() == 0
    assert frame.locator(".cmc-chart").count() == 1
    wait_until(page, lambda: page.url, lambda u: "view=known" in u, 30, "view=known in the address")
    frame.get_by_role("button", name="What was there").click()
    wait_until(page, lambda: _shows(map_frame(page)), lambda v: v == "actual", 60, "what was there")
    assert map_frame(page).locator(".cmc-chart").count() == 0
    assert ctx.blocker.blocked == [] and errors == []
    # opened again from its address, the page shows the view it had
    ctx2, _, frame2, _ = _open(browser, app, "t=1962-10-27T18:00Z&lang=ja&view=known")
    assert _shows(frame2) == "known"
    assert frame2.locator(".cmc-view[aria-pressed='true']").inner_text() == "ワシントンが知っていたこと"
    ctx2.close()
    ctx.close()


def test_the_charts_cursor_follows_the_time_bar_during_a_drag_and_playback(browser, app):
    ctx, page, frame, errors = _open(browser, app, "t=1962-10-20T12:00Z&lang=en&view=gap")
    frame.evaluate(WATCH_JS)
    before = frame.evaluate(CURSOR_JS)
    box = frame.locator(".cmc-slider").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(box["x"] + box["width"] * (0.45 + 0.3 * i / 30), y)
        page.wait_for_timeout(30)
    page.mouse.up()
    dragged = frame.evaluate("window.__frames")
    assert dragged >= 10
    assert frame.evaluate(CURSOR_JS) != before
    frame.get_by_role("button", name="Play").click()
    wait_until(page, lambda: frame.evaluate("window.__frames"), lambda n: n >= dragged + 20, 20, "20 frames of play")
    frame.get_by_role("button", name="Pause").click()
    assert frame.evaluate("window.__behind") == []  # every frame: the chart and Moscow showed the map's moment
    assert ctx.blocker.blocked == [] and errors == []
    ctx.close()


@pytest.fixture()
def tour_app(tmp_path, monkeypatch):
    """The app with a kiosk whose attract loop reaches its sequence on what Washington did not know at once."""
    conf = tmp_path / "atlas.toml"
    conf.write_text('[kiosk]\nstart = "1962-10-26T18:00Z"\nattract_speed_hours = 24\nattract_hold_seconds = 0\n'
                    'gap_tour_at = "1962-10-27T00:00Z"\ngap_tour_seconds = 4\nidle_seconds = 600\n'
                    'default_lang = "en"\n', encoding="utf-8")
    monkeypatch.setenv("CMC_ATLAS_CONFIG", str(conf))
    with running_app() as url:
        yield url


def test_the_kiosks_attract_loop_shows_what_washington_did_not_know(browser, tour_app):
    ctx, page, frame, errors = _open(browser, tour_app, "kiosk=1", size=(1920, 1080))
    wait_until(page, lambda: _shows(map_frame(page)), lambda v: v == "gap", 60, "the difference view in the loop")
    frame = map_frame(page)
    assert frame.locator("#cmc-tour").inner_text() == "What Washington did not know"
    assert frame.locator(".cmc-chart").count() == 1
    held = _time(frame)
    assert held == "1962-10-27T00:00Z"
    wait_until(page, lambda: _shows(map_frame(page)), lambda v: v == "actual", 60, "what was there again")
    # ... and the loop plays on from there
    wait_until(page, lambda: _time(map_frame(page)) or "", lambda v: v > held, 30, "the loop playing on")
    assert ctx.blocker.blocked == [] and errors == []
    ctx.close()


def test_an_exported_page_of_the_difference_view_has_its_chart_and_moves_it(browser, tmp_path):
    out = tmp_path / "gap.html"
    r = subprocess.run([sys.executable, "-m", "geoapp", "export-html", "--out", str(out), "--lang", "ja", "--view",
                        "gap", "--start", "1962-10-20T00:00Z", "--end", "1962-10-30T00:00Z"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "<title>キューバ危機アトラス: 実際と認識の差 — " in text
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    blocker = Blocker(loopback=False)
    page.route("**/*", blocker)
    page.goto(out.as_uri())
    frame = page.main_frame
    frame.locator(".leaflet-container[data-time]").wait_for(timeout=30_000)
    assert _shows(frame) == "gap"
    assert frame.locator(".cmc-chart").get_attribute("data-time") == _time(frame)
    assert frame.locator(".cmc-view").count() == 0 and frame.locator(".cmc-viewname").inner_text() == "実際と認識の差"
    frame.evaluate(WATCH_JS)
    frame.get_by_role("button", name="再生").click()
    wait_until(page, lambda: frame.evaluate("window.__frames"), lambda n: n >= 20, 20, "20 frames of play")
    assert frame.evaluate("window.__behind") == []
    assert blocker.blocked == []
    page.close()
