"""One moment on every screen, in Debian's Chromium with every non-loopback request aborted.

At each screen size (phone upright and on its side, tablet, two laptops, desktop, kiosk landscape and portrait)
the time bar is wholly in view without scrolling and works by touch, nothing in it is cut at the frame's edge, its
slider spans a fair share of the frame and no two of its day labels overlap; every button's text fits inside it; a
phone starts with the sidebar closed (the map is the page), its open and close buttons take a 44 px touch, and the
time bar still fits beside the open sidebar; the map, its caption, the crisis clock
and the story always carry the same moment (``data-time``), sampled every 200 ms across a playback, a drag
and a minute of the kiosk's attract loop; a language switch keeps the moment; the first tap opens a popup.
Screenshots of every size in both languages go to ``tests/artifacts/screens``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.browser import SHOWN_TIMES_JS, Blocker, map_frame, running_app, settled, shown_times, wait_until

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent / "artifacts" / "screens"

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

#: name: (width, height, touch, kiosk)
SCREENS = {
    "phone": (390, 844, True, False),
    "phone-landscape": (844, 390, True, False),
    "tablet": (820, 1180, True, False),
    "laptop": (1366, 768, False, False),
    "laptop-1440": (1440, 900, False, False),
    "desktop": (1920, 1080, False, False),
    "kiosk": (1920, 1080, True, True),
    "kiosk-portrait": (1080, 1920, True, True),
}

#: A phone's browser says it is one (Chrome on Android; an iPhone's Safari also writes "Mobile"): the page
#: closes the sidebar for it (geoapp/ui/app.py, ``sidebar_state``).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36")
PHONES = [name for name, (w, h, touch, kiosk) in SCREENS.items() if touch and min(w, h) < 500]

#: What is wrong with the time bar's fit in its frame, as sentences (none: it fits): the frame scrolls sideways,
#: a control or a visible day label runs past the frame's edge, the slider takes less than 40% of the frame.
BAR_FIT_JS = """() => {
  const doc = document.documentElement, fw = doc.clientWidth, bar = document.querySelector('#cmc-timebar');
  const problems = [];
  if (doc.scrollWidth > fw) problems.push(`the frame scrolls: ${doc.scrollWidth} > ${fw}`);
  if (bar.scrollWidth > bar.clientWidth) problems.push(`the bar scrolls: ${bar.scrollWidth} > ${bar.clientWidth}`);
  for (const e of bar.querySelectorAll('.cmc-buttons > *, .cmc-slider, .cmc-readout, .cmc-ticklabel')) {
    if (getComputedStyle(e).visibility === 'hidden' || !e.getClientRects().length) continue;
    const r = e.getBoundingClientRect();
    if (r.width && (r.left < -0.5 || r.right > fw + 0.5))
      problems.push(`${e.className} ${JSON.stringify(e.textContent)} is cut: ${r.left}..${r.right} of ${fw}`);
  }
  const s = bar.querySelector('.cmc-slider').getBoundingClientRect().width;
  if (s < 0.4 * fw) problems.push(`the slider is ${s} px of ${fw}`);
  return problems;
}"""

#: The visible day labels under the slider that overlap another (pairs of their texts).
LABEL_OVERLAPS_JS = """() => {
  const shown = [...document.querySelectorAll('#cmc-timebar .cmc-ticklabel')]
    .filter((e) => getComputedStyle(e).visibility !== 'hidden').map((e) => [e.textContent, e.getBoundingClientRect()]);
  const pairs = [];
  for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
    const [a, b] = [shown[i][1], shown[j][1]];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      pairs.push([shown[i][0], shown[j][0]]);
  }
  return {shown: shown.map((x) => x[0]), overlaps: pairs};
}"""

#: In one read during the attract loop: the moments shown, the map's mode and the day labels that overlap.
ATTRACT_SAMPLE_JS = f"""() => ({{times: ({SHOWN_TIMES_JS})(),
  mode: document.querySelector('.leaflet-container').getAttribute('data-mode'),
  overlaps: ({LABEL_OVERLAPS_JS})().overlaps}})"""

#: Starts sampling ``ATTRACT_SAMPLE_JS`` every 200 ms in the page for ``ms`` (read ``window.__samples``).
ATTRACT_SAMPLER_JS = f"""(ms) => {{ window.__samples = []; const t0 = performance.now();
  const id = setInterval(() => {{ const s = ({ATTRACT_SAMPLE_JS})(); s.at = performance.now() - t0;
    window.__samples.push(s); if (s.at >= ms) clearInterval(id); }}, 200); }}"""

#: The buttons whose text runs out of them (text, client and scroll sizes).
BUTTONS_OVERFLOWING_JS = """() => [...document.querySelectorAll('.cmc-btn')]
  .filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
  .map((b) => [b.textContent, b.clientWidth, b.clientHeight, b.scrollWidth, b.scrollHeight])"""

#: Whether a touch 21 px from the middle of the element, either way, reaches it (a 44 px target around it).
TOUCH_44_JS = """(sel) => { const b = document.querySelector(sel), r = b.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2, d = 21;
  return [[-d, -d], [d, -d], [-d, d], [d, d]]
    .every(([dx, dy]) => b.contains(document.elementFromPoint(x + dx, y + dy))); }"""


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def _open(browser, url: str, name: str, query: str):
    w, h, touch, kiosk = SCREENS[name]
    agent = {"user_agent": PHONE_AGENT} if name in PHONES else {}
    ctx = browser.new_context(viewport={"width": w, "height": h}, has_touch=touch, is_mobile=touch and w < 900, **agent)
    ctx.blocker = Blocker()
    ctx.route("**/*", ctx.blocker)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(f"{url}/?{query}" + ("&kiosk=1&idle=600" if kiosk else ""))
    frame = map_frame(page, timeout=90_000)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    return ctx, page, frame


def _laid_out(page, frame, name: str, lang: str) -> None:
    """Wait until the time bar fits its frame with its day labels placed and the view switch drawn, then check that
    no two day labels overlap and that every button's text fits inside it."""
    wait_until(page, lambda: frame.evaluate(BAR_FIT_JS), lambda v: v == [], timeout=20,
               what=f"the time bar to fit its frame ({name}, {lang})")
    labels = wait_until(page, lambda: frame.evaluate(LABEL_OVERLAPS_JS), lambda v: len(v["shown"]) >= 2, timeout=20,
                        what=f"the time bar's first and last day labels ({name}, {lang})")
    assert labels["overlaps"] == [], (name, lang, labels)
    wait_until(page, lambda: frame.locator(".cmc-btn.cmc-view").count(), lambda n: n == 3, timeout=20,
               what="the view switch")
    assert frame.evaluate(BUTTONS_OVERFLOWING_JS) == [], (name, lang)


def _agree(samples: list[list[str]]) -> float:
    """The share of samples in which every element shows the same moment."""
    return sum(1 for s in samples if None not in s and len(set(s)) == 1) / max(1, len(samples))


def _inside(box: dict, w: int, h: int) -> bool:
    return box["x"] >= -0.5 and box["y"] >= -0.5 and box["x"] + box["width"] <= w + 0.5 and \
        box["y"] + box["height"] <= h + 0.5


@pytest.mark.parametrize("name", list(SCREENS))
def test_time_bar_in_view_and_usable_by_touch_on_every_screen(browser, app_url, name):
    w, h, touch, kiosk = SCREENS[name]
    least = 56 if kiosk else 44
    for lang in ("en", "ja"):
        ctx, page, frame = _open(browser, app_url, name, f"t=1962-10-27T18:00Z&lang={lang}")
        try:
            bar = frame.locator("#cmc-timebar")
            assert _inside(bar.bounding_box(), w, h), (name, lang, bar.bounding_box())
            for control in ("button.cmc-btn >> nth=0", ".cmc-play", "[data-act=loop]", ".cmc-speed", ".cmc-slider"):
                b = bar.locator(control).bounding_box()
                assert b is not None and _inside(b, w, h), (name, lang, control, b)
                assert b["height"] >= least, (name, lang, control, b)
                if control != ".cmc-slider":
                    assert b["width"] >= least, (name, lang, control, b)
            _laid_out(page, frame, name, lang)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"))
            # a tap a quarter of the way along the slider moves every element to one new moment
            before = shown_times(frame)[0]
            s = bar.locator(".cmc-slider").bounding_box()
            x, y = s["x"] + s["width"] * 0.25, s["y"] + s["height"] / 2
            if touch:
                page.touchscreen.tap(x, y)
            else:
                page.mouse.click(x, y)
            deadline = time.time() + 10
            while shown_times(frame)[0] == before and time.time() < deadline:
                page.wait_for_timeout(50)
            shown = shown_times(frame)
            assert shown[0] != before and len(set(shown)) == 1, (name, lang, before, shown)
            assert ctx.blocker.blocked == [] and page.errors == [], (ctx.blocker.blocked, page.errors)
        finally:
            ctx.close()


def test_one_moment_across_playback_drag_and_language_switch(browser, app_url):
    ctx, page, frame = _open(browser, app_url, "laptop", "t=1962-10-20T00:00Z&lang=en")
    try:
        samples = []
        frame.locator(".cmc-play").click()
        for _ in range(30):  # six seconds of playback
            samples.append(shown_times(frame))
            page.wait_for_timeout(200)
        frame.locator(".cmc-play").click()
        assert len({s[0] for s in samples}) > 5, "the playback did not move"
        s = frame.locator(".cmc-slider").bounding_box()
        y = s["y"] + s["height"] / 2
        page.mouse.move(s["x"] + s["width"] * 0.3, y)
        page.mouse.down()
        for i in range(1, 16):  # a three-second drag, sampled between the moves
            page.mouse.move(s["x"] + s["width"] * (0.3 + 0.3 * i / 15), y)
            samples.append(shown_times(frame))
            page.wait_for_timeout(200)
        page.mouse.up()
        dragged = shown_times(frame)[0]
        for _ in range(10):
            samples.append(shown_times(frame))
            page.wait_for_timeout(200)
        assert _agree(samples) == 1.0, [x for x in samples if len(set(x)) != 1][:5]
        # switching language in the sidebar rebuilds the map in Japanese at the same moment and view
        zoom = frame.evaluate("CMCAtlas.current.map.getZoom()")
        page.get_by_text("日本語").first.click()
        deadline = time.time() + 30
        while time.time() < deadline:
            frame = map_frame(page)
            if frame.locator(".leaflet-container").get_attribute("data-lang") == "ja":
                break
            page.wait_for_timeout(100)
        assert frame.locator(".leaflet-container").get_attribute("data-lang") == "ja"
        page.wait_for_timeout(1500)  # whatever the server answers, the moment stays
        assert shown_times(frame) == [dragged] * 4
        assert frame.evaluate("CMCAtlas.current.map.getZoom()") == zoom
        assert "ワシントン" in frame.locator("#cmc-clockpanel").inner_text()
        assert ctx.blocker.blocked == [] and page.errors == []
    finally:
        ctx.close()


def test_one_moment_across_a_minute_of_the_attract_loop(browser, app_url):
    ctx, page, frame = _open(browser, app_url, "kiosk", "lang=ja")
    try:
        # sampled in the page every 200 ms for 60 s, so that a busy machine slows the test, never the sampling
        frame.evaluate(ATTRACT_SAMPLER_JS, 60_000)
        frame.wait_for_function("() => window.__samples.length && window.__samples.at(-1).at >= 60000",
                                timeout=120_000, polling=1000)
        seen = frame.evaluate("window.__samples")
        samples = [x["times"] for x in seen]
        modes = {x["mode"] for x in seen}
        overlaps = [o for x in seen for o in x["overlaps"]]  # the map is rebuilt for the tour: labels placed again
        assert overlaps == [], overlaps[:5]
        assert modes == {"attract"}
        assert len({s[0] for s in samples}) > 20, "the attract loop did not play"
        assert len(samples) >= 200 and _agree(samples) == 1.0, [x for x in samples if len(set(x)) != 1][:5]
        assert frame.locator("#cmc-invite").is_visible()
        assert ctx.blocker.blocked == [] and page.errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("name", PHONES)
def test_a_phone_starts_with_the_map_and_its_sidebar_opens_and_closes_by_touch(browser, app_url, name):
    w, h, _, _ = SCREENS[name]
    ctx, page, frame = _open(browser, app_url, name, "t=1962-10-27T18:00Z&lang=ja")
    try:
        # the sidebar starts closed: the map's frame takes the page's width
        expand = page.locator("[data-testid=stExpandSidebarButton]")
        assert expand.is_visible(), name
        assert frame.frame_element().bounding_box()["width"] >= 0.9 * w, (name, frame.frame_element().bounding_box())
        assert page.evaluate(TOUCH_44_JS, "[data-testid=stExpandSidebarButton]"), "the open button is under 44 px"
        expand.tap()
        close = page.locator("[data-testid=stSidebarCollapseButton] button")
        close.wait_for(state="visible", timeout=10_000)  # no hover on a phone: it shows without one
        wait_until(page, lambda: page.evaluate(TOUCH_44_JS, "[data-testid=stSidebarCollapseButton] button"), bool,
                   what="a 44 px target on the sidebar's close button")
        # beside the open sidebar (on its side the phone is wider than Streamlit's 768 px: the map's frame narrows)
        # the time bar still fits, its slider spanning the frame on a row of its own
        settled(page, lambda: frame.frame_element().bounding_box()["width"])
        _laid_out(page, frame, name, "ja")
        close.tap()
        wait_until(page, lambda: frame.frame_element().bounding_box()["width"], lambda v: v >= 0.9 * w,
                   what="the map's frame to take the width again")
        _laid_out(page, frame, name, "ja")
    finally:
        ctx.close()


def test_first_tap_on_a_feature_opens_its_popup_on_a_phone(browser, app_url):
    ctx, page, frame = _open(browser, app_url, "phone", "t=1962-10-27T18:00Z&lang=en&layers=missile_sites")
    try:
        area = frame.locator(".leaflet-container").bounding_box()
        top = frame.locator("#cmc-caption").bounding_box()
        icons = frame.locator(".cmc-icon")
        for i in range(icons.count()):
            b = icons.nth(i).bounding_box()
            if b and area["x"] + 40 < b["x"] < area["x"] + area["width"] - 60 and \
                    top["y"] + top["height"] + 20 < b["y"] < area["y"] + area["height"] - 120:
                fid = icons.nth(i).get_attribute("data-id")
                page.touchscreen.tap(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
                break
        else:
            raise AssertionError("no site marker in the open part of the map")
        # the first tap is answered: the popup opens, or the markers lying with it fan out to be chosen
        popup = frame.locator(".leaflet-popup-content")
        wait_until(page, lambda: popup.count() or frame.evaluate("() => !!CMCAtlas.current.spread.spiderfied"),
                   bool, timeout=5, what="a popup or a fan of markers after the first tap")
        if not popup.count():
            b = frame.locator(f".leaflet-marker-pane [data-id='{fid}']").first.bounding_box()
            page.touchscreen.tap(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        popup.wait_for(timeout=5_000)
        assert "Sources" in frame.locator(".leaflet-popup-content").inner_text()
    finally:
        ctx.close()
