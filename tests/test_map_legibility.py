"""Issue 12, done when: a busy moment on the kiosk can be read and every marker chosen, offline, in Chromium.

At 27 October 18:00Z at the kiosk's home view (about a hundred markers, dozens of them on western Cuba) every
marker that can be seen can be clicked and opens its own popup, no popup opens under another box over the
map, and the legend lists every symbol drawn.
"""

from __future__ import annotations

import os

import pytest

from tests.browser import map_frame, offline_context, running_app, settled, wait_until

pytestmark = pytest.mark.browser

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

BUSY = "1962-10-27T18:00Z"

#: What a visitor could aim at: each marker's centre (page px), with the id it says it draws.
MARKERS_JS = """() => [...document.querySelectorAll('.leaflet-marker-pane [data-id]')].map(e => {
    const r = e.getBoundingClientRect();
    return {id: e.getAttribute('data-id'), x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height};
})"""

#: The boxes drawn over the map (caption, legend, invitation, zoom buttons), in the frame's px.
OVERLAYS_JS = """() => ['#cmc-caption', '#cmc-legend', '#cmc-invite', '.leaflet-control-zoom', '.leaflet-control-scale',
    '.leaflet-control-attribution'].map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null)
    .map(e => { const r = e.getBoundingClientRect(); return {sel: e.id || e.className, x0: r.left, y0: r.top,
                x1: r.right, y1: r.bottom}; })"""

#: The heading of the popup the data gives a feature (what its own popup must say).
OWN_TITLE_JS = """(id) => { const d = CMCAtlas.current.data;
    const it = d.fixed.find(f => f.id === id) || d.movers.find(m => m.id === id);
    const div = document.createElement('div'); div.innerHTML = d.pool[it.popup];
    return div.querySelector('h4').textContent; }"""


@pytest.fixture(scope="module")
def app():
    with running_app() as url:
        yield url


def _kiosk(browser, url: str, lang: str):
    """A kiosk page whose attract loop a touch has stopped: (context, page, map frame, page errors)."""
    ctx = offline_context(browser, 1920, 1080)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/?kiosk=1&idle=600&lang={lang}")
    frame = map_frame(page)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    frame.locator("[data-act=play]").click()  # a touch: the attract loop stops
    return ctx, page, frame, errors


@pytest.fixture(scope="module")
def busy_kiosk(browser, app):
    """The kiosk at its home view, paused at 27 October 18:00Z."""
    ctx, page, frame, errors = _kiosk(browser, app, "en")
    frame.evaluate("""(iso) => { const c = CMCAtlas.current; c.unfocus(); c.setTime(CMCAtlas.parseIso(iso), false);
        c.map.setView(c.homeView.center, c.homeView.zoom, {animate: false}); }""", BUSY)
    wait_until(page, lambda: frame.locator(".leaflet-container").get_attribute("data-time"), lambda t: t == BUSY)
    yield page, frame, errors
    ctx.close()


def _inside(p: dict, box: dict, margin: float = 0) -> bool:
    return box["x0"] - margin <= p["x"] <= box["x1"] + margin and box["y0"] - margin <= p["y"] <= box["y1"] + margin


def _frame_offset(frame) -> tuple[float, float]:
    """Where the map's frame sits on the page (the map is drawn in the component's iframe)."""
    box = frame.frame_element().bounding_box()
    return (box["x"], box["y"]) if box else (0.0, 0.0)


def test_every_marker_at_a_busy_moment_can_be_clicked_and_opens_its_own_popup(busy_kiosk):
    page, frame, errors = busy_kiosk
    mapbox = frame.locator(".leaflet-container").bounding_box()
    ox, oy = _frame_offset(frame)
    overlays = frame.evaluate(OVERLAYS_JS)
    markers = frame.evaluate(MARKERS_JS)
    assert len(markers) > 60, "the busy moment should draw many markers"
    assert min(min(m["w"], m["h"]) for m in markers) >= 32, "every marker is a touch target of 32 px or more"
    seen = [m for m in markers if mapbox["x"] - ox <= m["x"] <= mapbox["x"] - ox + mapbox["width"]
            and mapbox["y"] - oy <= m["y"] <= mapbox["y"] - oy + mapbox["height"]
            and not any(_inside(m, b) for b in overlays)]
    assert len(seen) > 60
    spread, popup = 0, frame.locator(".leaflet-popup")
    for m in seen:
        # each click starts from the home view: an opening popup pans the map to fit itself
        frame.evaluate("""() => { const c = CMCAtlas.current; c.map.closePopup(); c.spread.unspiderfy();
            c.map.setView(c.homeView.center, c.homeView.zoom, {animate: false}); }""")
        wait_until(page, popup.count, lambda n: n == 0, what="the last popup to fade out")
        page.mouse.click(ox + m["x"], oy + m["y"])
        opened = wait_until(page, lambda: popup.count() or frame.evaluate("() => !!CMCAtlas.current.spread.spiderfied"),
                            bool, timeout=5, what=f"a popup or a fan of markers after clicking {m['id']}")
        if not popup.count():  # the markers near it fanned out: click it where it now stands
            spread += 1
            el = frame.locator(f".leaflet-marker-pane [data-id='{m['id']}']").first
            el.click()
            wait_until(page, popup.count, bool, timeout=5, what=f"the popup of {m['id']} from the fan")
        assert opened
        title = frame.locator(".leaflet-popup h4").first.inner_text()
        assert title == frame.evaluate(OWN_TITLE_JS, m["id"]), f"clicking {m['id']} opened {title!r}"
        box = settled(page, frame.locator(".leaflet-popup").bounding_box, quiet=0.4)  # after its pan
        corners = [{"x": box["x"] - ox + dx, "y": box["y"] - oy + dy} for dx in (2, box["width"] - 2)
                   for dy in (2, box["height"] - 2)]
        now = frame.evaluate(OVERLAYS_JS)
        under = [b["sel"] for b in now if any(_inside(c, b) for c in corners)]
        assert not under, f"the popup of {m['id']} opens under {under}"
    assert spread > 5, "western Cuba's markers lie close together at this view: some clicks must fan them out"
    assert errors == []


#: Where each drawn marker and each mark of the scene stands (frame px), and the map's box.
SCENE_JS = """(ids) => { const box = document.querySelector('.leaflet-container').getBoundingClientRect();
    const at = (e) => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; };
    const inside = ([x, y]) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    const markers = ids.map((id) => [...document.querySelectorAll(`.leaflet-marker-pane [data-id="${id}"]`)])
        .flat().map(at);
    const marks = [...document.querySelectorAll('.cmc-mark')].map(at);
    return {markers: markers.length, markersInside: markers.filter(inside).length,
            marks: marks.length, marksInside: marks.filter(inside).length}; }"""


#: Two minutes before key moment i, with no scene on: the » button then reaches it as the attract loop does.
BEFORE_KEY_JS = "(i) => { const c = CMCAtlas.current; c.unfocus(); c.setTime(c.data.keys[i] - 120, false); }"


def _lon_in(west: float, east: float, lon: float) -> bool:
    lon = (lon + 540) % 360 - 180
    return west <= lon <= east if west <= east else lon >= west or lon <= east


def test_each_key_moment_of_the_attract_loop_frames_and_marks_what_it_is_about(browser, app):
    """Done when: at each key moment the attract loop holds (the same scenes as the time bar's key-moment steps),
    the map frames the area written with it, and what it is about is on screen and marked (``data-focus``)."""
    ctx, page, frame, errors = _kiosk(browser, app, "ja")
    box = frame.locator(".leaflet-container")
    # the key moments on the kiosk's time bar, each reached from just before it as the loop reaches it
    shown = frame.evaluate("""() => { const c = CMCAtlas.current;
        return c.data.keys.map((t, i) => [t, i]).filter(([t]) => t > c.start && t <= c.end).map(([, i]) => i); }""")
    assert len(shown) >= 10
    for i in shown:
        want = frame.evaluate("""(i) => { const d = CMCAtlas.current.data; const e = d.events[d.key_events[i]];
            return {t: d.keys[i], focus: e.focus, title: e.title}; }""", i)
        what, ids = f"key moment {i} ({want['title']})", want["focus"]["features"]
        w, s, e, nn = want["focus"]["bbox"]
        cx, cy = (w + ((e - w) % 360) / 2, (s + nn) / 2)

        def framed(v: str, cx: float = cx, cy: float = cy) -> bool:
            vw, vs, ve, vn = (float(x) for x in v.split(","))
            return _lon_in(vw, ve, cx) and vs <= cy <= vn

        marked = ",".join(ids)
        for _attempt in range(3):  # a very slow machine may end the scene's hold before we have looked
            frame.evaluate(BEFORE_KEY_JS, i)
            frame.locator("[data-act=nextKey]").click()
            wait_until(page, lambda: box.get_attribute("data-focus"), lambda f, m=marked: f == m,
                       what=f"the marks of {what}")
            wait_until(page, lambda: box.get_attribute("data-view"), framed, what=f"the view to frame {what}")
            # once the map has come to rest (a scene near the last one can hold its centre before it moves)
            view, seen, focus = settled(page, lambda ids=ids: (box.get_attribute("data-view"),
                                                               frame.evaluate(SCENE_JS, ids),
                                                               box.get_attribute("data-focus")), quiet=1.0)
            if focus:
                break
        assert focus, f"{what}: the scene ended before the map came to rest"
        assert framed(view), f"{what}: the map came to rest at {view}"
        assert seen["markersInside"] == seen["markers"], f"{what}: a marker it is about is off screen: {seen}"
        assert seen["marksInside"] == seen["marks"], f"{what}: a mark is off screen: {seen}"
        if seen["markers"]:
            assert seen["marks"] >= 1, f"{what}: nothing is marked: {seen}"
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_story_reads_as_a_story_with_its_sources_folded_and_short(browser, app, lang):
    """Done when: at 27 October 18:00Z the story tells what happens; its sources (short human citations, no
    line numbers) sit behind one "Sources" disclosure and make at most a fifth of its text."""
    ctx = offline_context(browser, 1400, 1000)
    page = ctx.new_page()
    page.goto(f"{app}/?t={BUSY}&lang={lang}")
    frame = map_frame(page)
    story = frame.locator("#cmc-story")
    wait_until(page, lambda: story.get_attribute("data-time"), lambda t: t == BUSY, what="the story at the moment")
    text = story.evaluate("(e) => e.textContent")
    cites = "".join(frame.locator("#cmc-story details.src li").all_text_contents())
    assert frame.locator("#cmc-story details.src").count() == 1
    assert frame.locator("#cmc-story details.src[open]").count() == 0  # folded
    assert cites and len(cites) <= 0.2 * len(text), (len(cites), len(text))
    assert "#L" not in text and "seed" not in text.lower()
    ctx.close()


def test_a_japanese_page_speaks_japanese_in_its_chrome(browser, app):
    """Persona 4: the tab's title, the page's and the frame's ``lang``, Leaflet's zoom buttons and Streamlit's
    skip link are in Japanese on a Japanese page, not left in English."""
    ctx = offline_context(browser, 1400, 1000)
    page = ctx.new_page()
    page.goto(f"{app}/?t={BUSY}&lang=ja")
    frame = map_frame(page)
    wait_until(page, lambda: page.evaluate("() => document.documentElement.lang"), lambda v: v == "ja",
               what="the page's lang")
    wait_until(page, page.title, lambda v: v == "キューバ危機アトラス", what="the tab's title")
    assert frame.evaluate("() => [document.documentElement.lang, document.title]") == ["ja", "キューバ危機アトラス"]
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == "拡大"
    assert frame.locator(".leaflet-control-zoom-out").get_attribute("aria-label") == "縮小"
    assert page.locator('[data-testid="stSkipToContent"]').text_content() == "本文へ移動"
    ctx.close()
