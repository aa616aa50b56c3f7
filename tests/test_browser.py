"""Tier 7: the running app in Debian's Chromium, every non-loopback request aborted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.browser import RECORD_TIMES_JS, map_frame, offline_context, running_app, settled, shown_times, wait_until

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"

if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("Debian's Chromium is not installed (make setup installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture
def page(browser):
    ctx = offline_context(browser)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.blocker = ctx.blocker
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
        page.wait_for_timeout(100)
    raise AssertionError(f"data-time stayed {last!r}, expected {expected!r}")


def _wait_url(page, fragment: str, timeout: float = 20.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if fragment in page.url.replace("%3A", ":"):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the address never showed {fragment!r}: {page.url}")


@pytest.mark.parametrize(("t", "lang"), [("1962-10-14T12:00Z", "en"), ("1962-10-27T18:00Z", "ja"),
                                         ("1962-11-21T12:00Z", "en")])
def test_map_draws_offline_at_a_moment(page, app_url, t, lang):
    page.goto(f"{app_url}/?t={t}&lang={lang}")
    frame = _wait_time(page, t, timeout=60)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    assert frame.locator("#cmc-legend").is_visible()
    assert frame.locator("#cmc-caption").is_visible() and frame.locator("#cmc-clockpanel").is_visible()
    assert int(frame.locator(".leaflet-container").get_attribute("data-features")) > 10
    assert frame.locator("path.leaflet-interactive").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{t[:10]}-{lang}.png"))
    assert page.blocker.blocked == []
    assert page.errors == []


#: What the basemap's canvas holds at each of [lat, lon]: [red, green, blue, alpha] of its pixel
#: (static/atlas/basemap.js draws land filled; the sea is the map's own background, so the canvas is clear there).
BASEMAP_PIXELS_JS = """(points) => {
  const map = CMCAtlas.current.map;
  const rings = Object.values(map._layers).find((l) => l._data && l._renderer);
  const r = rings._renderer, ctx = r._container.getContext('2d'), m = r._container.width / r._bounds.getSize().x;
  return points.map((ll) => {
    const p = map.latLngToLayerPoint(ll).subtract(r._bounds.min);
    return Array.from(ctx.getImageData(Math.round(p.x * m), Math.round(p.y * m), 1, 1).data);
  });
}"""


def test_the_basemap_draws_land_and_leaves_the_sea_clear(page, app_url):
    """The land is filled with the palette's colour where it is land (Cuba, Florida), the sea left clear, also at
    zoom 7 over İzmir (Leaflet's own polygons, clipped, once drew the Anatolian mainland as sea there) and past the
    antimeridian (Chukotka's land, a turn to the west)."""
    from geoapp import style

    land = [int(style.BASEMAP["land"][i:i + 2], 16) for i in (1, 3, 5)] + [255]
    page.goto(f"{app_url}/?t=1962-10-27T18:00Z&lang=en")
    frame = _wait_time(page, "1962-10-27T18:00Z", timeout=60)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)

    def pixels(view: str, points: list[list[float]]) -> list[list[int]]:
        frame.evaluate(f"CMCAtlas.current.map.setView({view}, {{animate: false}})")
        # drawn in the animation frame after the view is set: wait until the first point reads as land
        return wait_until(page, lambda: frame.evaluate(BASEMAP_PIXELS_JS, points), lambda px: px[0] == land, 15,
                          f"land drawn at {points[0]}")

    cuba, florida, atlantic = [21.9, -79.0], [28.0, -81.6], [28.0, -65.0]
    got = pixels("[24, -74], 5", [cuba, florida, atlantic])
    assert got[1] == land and got[2][3] == 0, got
    izmir_inland, aegean = [38.6, 27.9], [38.8, 25.3]  # east of the Çiğli base; the open sea west of Lesbos
    got = pixels("[38.5, 27.5], 7", [izmir_inland, aegean])
    assert got[1][3] == 0, got
    chukotka = [66.0, 175.5 - 360]  # a turn to the west of the antimeridian
    pixels("[64, -180], 4", [chukotka])
    assert page.errors == []


def test_a_first_visit_gets_its_text_files_compressed(page, app_url):
    """Streamlit sends its frontend uncompressed at the origin; `geoapp serve` (geoapp.precompress) sends every
    script, style sheet and JSON file of the page compressed (gzip, or brotli once made), once per server, so a
    first visit moves about a third of the bytes (3.4 MB before)."""
    seen: list[tuple[str, str, str]] = []

    def record(response) -> None:
        kind = response.header_value("content-type") or ""
        encoding = response.header_value("content-encoding") or ""
        small = not encoding and int(response.header_value("content-length") or 0) < 1024  # not worth it
        if response.status == 200 and any(k in kind for k in ("javascript", "css", "json")) and not small:
            seen.append((response.url, kind, encoding))

    finished: list[int] = []
    page.on("response", record)
    page.on("requestfinished", lambda r: finished.append(r.sizes()["responseBodySize"]))
    page.goto(f"{app_url}/?t=1962-10-14T12:00Z")
    frame = _wait_time(page, "1962-10-14T12:00Z", timeout=60)
    frame.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    total = settled(page, lambda: sum(finished), quiet=1.0)
    big = [(u, enc) for u, _, enc in seen if "/static/" in u]
    plain = [b for b in big if b[1] not in ("gzip", "br")]  # brotli once the server has made it, gzip before
    assert len(big) > 20 and plain == [], plain
    assert any("/app/static/pages/" in u for u, _ in big) and any("/static/js/index" in u for u, _ in big)
    assert total < 2_000_000, f"a first visit moved {total} bytes"
    assert page.errors == []


def test_streamlits_icons_come_from_the_cut_font_and_are_drawn_as_icons(page, app_url):
    """Streamlit's icon font goes cut to the icons a Streamlit page can name (53 KB instead of 366 KB) once the
    server has made the cut, and the icons on the page are still drawn as icons, not as their names."""
    import urllib.request

    from geoapp import icon_font

    font = icon_font.font_file()
    if font is None:
        pytest.skip("this Streamlit has no Material Symbols font")

    def size() -> int:
        with urllib.request.urlopen(f"{app_url}/static/media/{font.name}", timeout=10) as r:
            return len(r.read())

    wait_until(page, size, lambda n: n < font.stat().st_size / 5, 120, "the server to send the cut icon font")
    page.goto(f"{app_url}/?t=1962-10-27T18:00Z&lang=en")
    _wait_time(page, "1962-10-27T18:00Z", timeout=60)
    page.get_by_text("日本語", exact=True).wait_for(timeout=30_000)  # the sidebar, with its arrow and help marks
    page.evaluate("document.fonts.ready.then(() => true)")
    icons = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stIconMaterial]')].map(e => {
        const r = e.getBoundingClientRect(); return [e.textContent, r.width, r.height]; })""")
    # an icon is about as wide as it is high; a name drawn as text (keyboard_double_arrow_left) is many times wider
    drawn = [i for i in icons if i[2] > 0]
    assert drawn and all(w <= 1.5 * h for _name, w, h in drawn), icons
    assert page.errors == []


ORDER_JS = """() => { window.__cmcOrder = [];
  const controls = () => !!document.querySelector('[data-testid=stSidebar] [data-testid=stRadio]');
  window.addEventListener('message', (e) => {  // the map's frame tells Streamlit it is drawn (bridge.js)
    const d = e.data || {};
    if (d.type === 'streamlit:setComponentValue' && d.value && d.value.ready) {
      window.__cmcOrder.push(controls() ? 'map drawn after the controls' : 'map drawn');
      const seen = new MutationObserver(() => {
        if (controls()) { window.__cmcOrder.push('controls'); seen.disconnect(); } });
      seen.observe(document, {childList: true, subtree: true});
    }
  }); }"""


def test_the_map_opens_before_the_controls_and_they_follow(page, app_url):
    """The sidebar's controls and the downloads are drawn once the map has said it is drawn: the browser loads each
    kind of widget's code when it first meets one, and the map's frame used to wait for all of it (~0.8 s)."""
    page.add_init_script(f"({ORDER_JS})();")
    page.goto(f"{app_url}/?t=1962-10-27T18:00Z&lang=en")
    _wait_time(page, "1962-10-27T18:00Z", timeout=60)
    page.get_by_text("日本語", exact=True).wait_for(timeout=30_000)  # the sidebar's language
    page.get_by_role("button", name="Data: CSV").wait_for(timeout=30_000)  # a download under the map
    assert page.evaluate("window.__cmcOrder") == ["map drawn", "controls"]
    assert page.errors == []


def test_keyboard_steps_draw_at_once_and_the_page_follows(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-24T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-24T12:00Z", timeout=60)
    slider = frame.get_by_role("slider")
    assert "Wed 24 Oct 1962, 08:00 EDT" in slider.get_attribute("aria-valuetext")
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    assert _time(frame) == "1962-10-24T14:00Z"  # drawn in the browser, no server round trip
    slider.press("Shift+ArrowRight")
    # the caption, the clock and the story were drawn in the same frame as the map
    assert shown_times(frame) == ["1962-10-25T14:00Z"] * 4
    assert "Thu 25 Oct 1962, 10:00 EDT" in frame.locator("#cmc-clockpanel").inner_text()
    _wait_url(page, "t=1962-10-25T14:00Z")  # the URL follows the settled moment
    frame.get_by_role("button", name="6 h ▶").click()
    assert _time(frame) == "1962-10-25T20:00Z"


def test_late_echoes_from_the_server_never_pull_the_map_back(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-24T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-24T12:00Z", timeout=60)
    slider = frame.get_by_role("slider")
    slider.focus()
    for _ in range(8):  # each step commits; the reruns answer while the visitor keeps moving
        slider.press("Shift+ArrowRight")
        page.wait_for_timeout(160)
    assert _time(frame) == "1962-11-01T12:00Z"
    _wait_url(page, "t=1962-11-01T12:00Z")
    page.wait_for_timeout(1500)
    assert _time(frame) == "1962-11-01T12:00Z"


def test_a_commit_sends_a_few_kilobytes_and_the_page_travels_once(page, app_url):
    """The map's page (the whole timeline, ~1 MB) is a file the browser fetches once; a committed moment brings
    back only the rerun's few kilobytes, and a language switch fetches that language's page once."""
    received: list[int] = []
    pages: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda body: received.append(len(body))))
    page.on("request", lambda r: pages.append(r.url) if "/app/static/pages/" in r.url else None)
    page.goto(f"{app_url}/?t=1962-10-24T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-24T12:00Z", timeout=60)
    settled(page, lambda: sum(received), quiet=1.5)
    assert len(pages) == 1 and "/en-" in pages[0], pages
    before = sum(received)
    slider = frame.get_by_role("slider")
    slider.focus()
    slider.press("Shift+ArrowRight")
    _wait_url(page, "t=1962-10-25T12:00Z")
    after = settled(page, lambda: sum(received), quiet=1.5)
    assert 0 < after - before < 20_000, f"a commit brought {after - before} bytes"
    assert len(pages) == 1
    page.get_by_text("日本語", exact=True).click()  # the sidebar's language
    wait_until(page, lambda: [u for u in pages if "/ja-" in u], lambda v: len(v) == 1, what="the Japanese page")
    frame = _wait_time(page, "1962-10-25T12:00Z")
    wait_until(page, lambda: frame.evaluate("() => window.CMCAtlas.current && window.CMCAtlas.current.lang"),
               lambda v: v == "ja", what="the map in Japanese")
    assert page.errors == []


def test_drag_draws_intermediate_moments_and_view_is_kept(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-20T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-20T12:00Z", timeout=60)
    before = frame.evaluate("CMCAtlas.current.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    wait_until(page, lambda: frame.evaluate("CMCAtlas.current.map.getZoom()"), lambda z: z > before,
               what="the zoom in")
    zoom = settled(page, lambda: frame.evaluate("CMCAtlas.current.map.getZoom()"), quiet=0.5)
    frame.evaluate(RECORD_TIMES_JS)
    box = frame.locator(".cmc-slider").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(box["x"] + box["width"] * (0.3 + 0.4 * i / 30), y)
        page.wait_for_timeout(30)
    drawn_before_release = frame.evaluate("window.__times.size")
    page.mouse.up()
    assert drawn_before_release >= 10
    # after the release the server hears the moment and reruns; the map is not rebuilt nor re-zoomed
    released = _time(frame)
    _wait_url(page, f"t={released}")
    page.wait_for_timeout(500)
    assert frame.evaluate("CMCAtlas.current.map.getZoom()") == zoom
    assert _time(frame) == released


def test_play_advances_and_space_pauses(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-16T00:00Z&lang=ja")
    frame = _wait_time(page, "1962-10-16T00:00Z", timeout=60)
    frame.get_by_role("button", name="再生").click()
    wait_until(page, lambda: _time(frame), lambda t: t > "1962-10-16T00:00Z", what="playback to move on")
    frame.get_by_role("slider").focus()
    page.keyboard.press(" ")
    t2 = _time(frame)
    page.wait_for_timeout(700)
    assert _time(frame) == t2


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


def test_browser_frame_shows_what_python_says(page, app_url, prepared):
    """The page draws, moment by moment, the ids and positions Python decides (schema.reference_frame)."""
    from geoapp import clock
    from geoapp.render.leaflet import schema
    from geoapp.timeline_scene import build_timeline_scene
    from layers import REGISTRY

    scene = build_timeline_scene(prepared, REGISTRY, lang="en")
    period = tuple(x.timestamp() for x in clock.PERIODS["crisis"])
    data = schema.encode(scene, period[0], period, tuple(REGISTRY))
    page.goto(f"{app_url}/?t=1962-10-14T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-14T12:00Z", timeout=60)
    slider = frame.get_by_role("slider")
    slider.focus()
    for step in range(12):
        for _ in range(step % 3 + 1):
            slider.press("Shift+ArrowRight")
        moment = clock.parse_time(_time(frame))
        got = frame.evaluate("(() => { var c = CMCAtlas.current; "
                             "return CMCCore.frameSummary(c.data, c.t, c.visible); })()")
        want = schema.reference_frame(scene, data, moment.timestamp())
        assert [f[:2] for f in got["fixed"]] == [f[:2] for f in want["fixed"]], clock.iso(moment)
        assert [m[:2] for m in got["movers"]] == [m[:2] for m in want["movers"]], clock.iso(moment)
        for g, w in zip(got["movers"], want["movers"], strict=True):
            assert abs(g[2][0] - w[2][0]) < 2e-4 and abs(g[2][1] - w[2][1]) < 2e-4, (clock.iso(moment), g[1])
        shown = int(frame.locator(".leaflet-container").get_attribute("data-features"))
        assert shown == len(want["fixed"]) + len(want["movers"]), clock.iso(moment)


def test_downloads_give_the_moment_as_csv_and_geojson(page, app_url, tmp_path):
    import json

    page.goto(f"{app_url}/?t=1962-10-24T14:00Z&lang=en&layers=quarantine")
    _wait_time(page, "1962-10-24T14:00Z", timeout=60)
    page.get_by_text("over the map's current view").wait_for(timeout=20_000)  # the map has reported its view
    info = _download(page, "Data: GeoJSON")
    path = tmp_path / "state.geojson"
    info.value.save_as(path)
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert fc["properties"]["time"] == "1962-10-24T14:00Z"
    assert {f["properties"]["status"] for f in fc["features"]} >= {"in_force"}
    info = _download(page, "Data: CSV")
    csv_path = tmp_path / "state.csv"
    info.value.save_as(csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.startswith("layer,id,name,kind,status,time,lon,lat") and "quarantine" in text


def _download(page, button: str, tries: int = 3):
    """Click a download button and return the download; a click that lands during a rerun (the button is
    being replaced) is tried again."""
    for attempt in range(tries):
        try:
            with page.expect_download(timeout=30_000) as info:
                page.get_by_role("button", name=button).click()
            return info
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            if attempt == tries - 1:
                raise
            page.wait_for_timeout(1000)
    raise AssertionError("unreachable")


def test_snapshot_button_saves_the_moment_and_view_on_screen(page, app_url, tmp_path):
    from PIL import Image

    page.goto(f"{app_url}/?t=1962-10-27T16:00Z&lang=en&layers=missile_sites,quarantine")
    frame = _wait_time(page, "1962-10-27T16:00Z", timeout=60)
    frame.evaluate("() => { CMCAtlas.current.map.setView([22.0, -79.5], 7, {animate: false}); }")
    page.get_by_text("over the map's current view").wait_for(timeout=20_000)
    bounds = frame.evaluate("() => { const b = CMCAtlas.current.map.getBounds(); "
                            "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    info = _download(page, "Save snapshot")
    path = tmp_path / "snap.png"
    info.value.save_as(path)
    assert info.value.suggested_filename == "cmc-atlas-1962-10-27T1600Z-en-1920x1080.png"
    im = Image.open(path)
    assert im.size == (1920, 1080)
    assert im.info["Description"] == "1962-10-27T16:00Z"
    view = [float(v) for v in im.info["View"].split(",")]
    assert all(abs(a - b) < 0.01 for a, b in zip(view, bounds, strict=True)), (view, bounds)
    page.get_by_role("combobox", name="Snapshot format").click()  # the format menu
    page.get_by_role("option", name="PDF A4 landscape (print)").click()
    page.wait_for_timeout(1500)  # the rerun that takes the new format
    info = _download(page, "Save snapshot")
    assert info.value.suggested_filename == "cmc-atlas-1962-10-27T1600Z-en-a4.pdf"
    info.value.save_as(tmp_path / "snap.pdf")
    assert (tmp_path / "snap.pdf").read_bytes().startswith(b"%PDF")
    assert not page.blocker.blocked and not page.errors


def test_key_moment_menu_beside_the_map_jumps_at_once(page, app_url):
    page.goto(f"{app_url}/?t=1962-10-24T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-24T12:00Z", timeout=60)
    menu = frame.get_by_role("combobox", name="Jump to a key moment")
    labels = menu.locator("option").all_inner_texts()
    index = next(i for i, x in enumerate(labels) if x.startswith("Mon 22 Oct 1962, 19:00 EDT"))  # Kennedy's address
    menu.select_option(index=index)
    want = "1962-10-22T23:00Z"
    assert shown_times(frame) == [want] * 4  # no server round trip: every panel shows the key moment
    _wait_url(page, f"t={want}")


@pytest.mark.parametrize(("t", "lang", "told", "not_told"), [
    ("1962-09-01T00:00Z", "en", ["Before the crisis", "The Bay of Pigs landing fails", "17 Apr 1961"],
     "After the crisis"),
    ("1962-11-21T00:00Z", "ja", ["危機のあとで", "部分的核実験禁止条約", "1963年8月5日"], "危機に至るまで"),
    ("1962-10-27T16:00Z", "en", ["At this moment"], "Before the crisis"),
])
def test_the_story_tells_the_prologue_and_epilogue_at_the_ends_of_the_time_bar(page, app_url, t, lang, told,
                                                                               not_told):
    """Issue 9: the story before and after the crisis is reached from the ends of the time bar, in both
    languages, without stretching the map's period."""
    page.goto(f"{app_url}/?t={t}&lang={lang}")
    frame = _wait_time(page, t, timeout=60)
    text = frame.locator("#cmc-story").inner_text()
    assert all(x in text for x in told), text[:400]
    assert not_told not in text


def test_texts_from_data_are_drawn_as_text_beside_the_map(browser, mini, monkeypatch):
    """An event whose title and text carry markup is shown as those characters, never as elements."""
    path = mini / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: {en: The speech,", "title: {en: 'The speech <img src=x onerror=alert(document.domain)>',").replace(
        "text: {en: The president speaks.,", "text: {en: 'The president <b>speaks</b>.',"), encoding="utf-8")
    monkeypatch.setenv("GEOAPP_DATA_DIR", str(mini))
    with running_app() as url:
        ctx = offline_context(browser)
        pg = ctx.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(f"{url}/?t=1962-10-23T00:00Z&lang=en")
        frame = _wait_time(pg, "1962-10-23T00:00Z", timeout=90)
        story = frame.locator("#cmc-story")
        assert "The speech <img src=x onerror=alert(document.domain)>" in story.inner_text()
        assert "The president <b>speaks</b>." in story.inner_text()
        assert story.locator("img, b").count() == 0
        assert frame.locator("#cmc-caption img, .cmc-jump img").count() == 0
        assert dialogs == []
        ctx.close()


def test_a_key_moment_is_a_scene_the_map_moves_to_marks_and_leaves(page, app_url):
    """Issue 12 (first part): jumping to a key moment frames the area written with it in the data, marks the
    features it is about (``data-focus``), and returns to the view it left; ``data-view`` follows the map."""
    page.goto(f"{app_url}/?t=1962-10-27T12:00Z&lang=en")
    frame = _wait_time(page, "1962-10-27T12:00Z", timeout=60)
    box = frame.locator(".leaflet-container")
    view = lambda: box.get_attribute("data-view")  # noqa: E731
    home = settled(page, view)  # the first view, once the component has been sized
    frame.locator("[data-act=nextKey]").click()
    assert _time(frame) == "1962-10-27T15:20Z"  # Anderson's U-2 shot down over Banes
    assert box.get_attribute("data-focus") == "u2-anderson-1962-10-27,sam-banes,anderson-shot-down"

    def framed(v: str) -> bool:  # eastern Cuba, framed
        w, s, e, n = (float(x) for x in v.split(","))
        return w <= -77.5 and e >= -74 and s <= 19.6 and n >= 22 and e - w < 10

    wait_until(page, view, framed, what="the view to frame eastern Cuba")
    assert frame.locator(".cmc-mark").count() >= 2
    wait_until(page, lambda: box.get_attribute("data-focus"), lambda f: f == "", what="the marks to go")
    assert frame.locator(".cmc-mark").count() == 0
    wait_until(page, view, lambda v: v == home, what=f"the view to come back to {home}")
