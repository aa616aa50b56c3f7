"""The still image renderer: sizes, what is drawn (title, moment, legend, scale bar, sources), Japanese glyphs,
identical bytes for identical inputs, layer filtering and the bounding box."""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from pyproj import Geod

from geoapp.export import MIME, PRESETS
from geoapp.render.image import BOX, SEA, StaticMap, render_image
from geoapp.scene import build_scene
from geoapp.viewport import check_bbox, fit_frame, parse_bbox, project, unproject
from layers import REGISTRY

MOMENT = datetime(1962, 10, 27, 16, tzinfo=UTC)
SMALL = (640, 360)
CHUKOTKA = (150.0, 40.0, 200.0, 75.0)  # Maultsby's U-2 strayed over Chukotka: a box past the antimeridian


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])


SEA_RGB = _rgb(SEA)
BOX_RGB = np.round(np.array(BOX[:3]) * 255).astype(int)


@pytest.fixture(scope="module")
def scene_en(prepared):
    return build_scene(prepared, MOMENT, REGISTRY, lang="en")


@pytest.fixture(scope="module")
def scene_ja(prepared):
    return build_scene(prepared, MOMENT, REGISTRY, lang="ja")


@pytest.fixture(scope="module")
def drawn_en(scene_en):
    """A small English map with the scene drawn and its PNG saved (so every artist has a position)."""
    m = StaticMap(*SMALL).draw(scene_en)
    png = m.save("png", title="t", moment=scene_en.iso_time)
    return m, png


@pytest.fixture(scope="module")
def svg_en(scene_en) -> str:
    return render_image(scene_en, "svg", *SMALL).decode("utf-8")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as im:
        return im.size


def _texts_by_gid(m: StaticMap) -> dict[str, str]:
    return {a.get_gid(): a.get_text() for a in m.fig.texts if a.get_gid()}


def _legend_texts(m: StaticMap) -> list[str]:
    leg = m.ax.get_legend()
    assert leg is not None, "no legend was drawn"
    return [t.get_text() for t in leg.get_texts()]


# -- sizes -------------------------------------------------------------------------------------------------


def test_default_png_is_1920_by_1080(scene_en):
    data = render_image(scene_en)
    assert _png_size(data) == (1920, 1080)


def test_a4_preset_png_is_3508_by_2480(scene_en):
    w, h, dpi, fmt = PRESETS["png_a4"]
    data = render_image(scene_en, fmt, w, h, dpi)
    assert _png_size(data) == (3508, 2480)
    with Image.open(io.BytesIO(data)) as im:
        assert im.info["dpi"] == pytest.approx((300, 300), abs=0.01)


def test_custom_png_size(scene_en):
    assert _png_size(render_image(scene_en, "png", 800, 450)) == (800, 450)


def test_presets_and_mime_types_are_consistent():
    for name, (w, h, dpi, fmt) in PRESETS.items():
        assert w > 0 and h > 0 and dpi > 0, name
        assert fmt in MIME, name
    assert MIME == {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def test_png_metadata_has_title_and_iso_moment(scene_en):
    with Image.open(io.BytesIO(render_image(scene_en, "png", *SMALL))) as im:
        assert im.info["Title"] == "Cuban Missile Crisis Atlas"
        assert im.info["Description"] == "1962-10-27T16:00Z" == scene_en.iso_time


def test_unknown_format_is_refused_with_a_sentence(scene_en):
    with pytest.raises(ValueError, match="unknown image format"):
        StaticMap(*SMALL).save("jpg")


# -- what is drawn ---------------------------------------------------------------------------------------


def test_title_moment_caption_and_sources_are_drawn(drawn_en, scene_en):
    m, _ = drawn_en
    texts = _texts_by_gid(m)
    assert texts["cmc-title"] == "Cuban Missile Crisis Atlas"
    washington, gmt = scene_en.clock.washington.text, scene_en.clock.gmt.text
    assert "EDT" in washington and "GMT" in gmt  # Washington's zone is named; 27 Oct 1962 was still EDT
    assert washington in texts["cmc-moment"] and gmt in texts["cmc-moment"]
    assert scene_en.caption and texts["cmc-caption"].replace("\n", " ") == scene_en.caption
    assert texts["cmc-sources"].startswith("Sources: ")
    assert "Natural Earth" in texts["cmc-sources"]
    assert any(a.get_gid() == "cmc-land" for a in m.ax.patches)


def test_legend_has_a_section_for_each_layer_drawn_with_only_what_is_drawn(drawn_en, scene_en):
    from geoapp.render.image.furniture import drawn_entries

    m, _ = drawn_en
    assert m.ax.get_legend().get_gid() == "cmc-legend"
    assert m.ax.get_legend().get_title().get_text() == "Legend"
    texts = _legend_texts(m)
    want: list[str] = []
    for layer in scene_en.layer_info:
        entries = drawn_entries(layer, m.shown)
        if entries:
            want += [layer.legend_title] + [e.label.get("en") for e in entries]
    # a small image has no room for every kind of site and ship: their detail rows go, the rest stays in order
    assert [x for x in want if x in texts] == texts
    assert len(texts) < len(want) and "R-12 (MRBM) missile site" in texts and "FKR cruise-missile regiment" not in texts
    assert {layer.id for layer in scene_en.layer_info} == set(REGISTRY)  # every layer has something in view
    assert "Quarantine line in force (500 nmi)" in texts
    # nothing is drawn in these looks at 16:00 on 27 October in the Caribbean: their rows are left out
    for gone in ("Quarantine line, boardings paused", "Quarantine line planned", "Quarantine line lifted",
                 "Jupiter (Turkey, Italy) and Thor (England) ranges"):
        assert any(gone == e.label.en for _, entries in scene_en.legend for e in entries), gone
        assert gone not in texts


def test_svg_output_carries_the_ids(svg_en):
    assert svg_en.lstrip().startswith("<?xml")
    for gid in ("cmc-title", "cmc-moment", "cmc-legend", "cmc-scalebar", "cmc-sources", "cmc-land"):
        assert f'id="{gid}"' in svg_en, gid
    assert "<dc:title>Cuban Missile Crisis Atlas</dc:title>" in svg_en
    assert "<dc:date>" not in svg_en  # no creation date: the same map gives the same file


def test_pdf_output_is_a_pdf_with_its_title(scene_en):
    pdf = render_image(scene_en, "pdf", *SMALL)
    assert pdf.startswith(b"%PDF")
    assert b"Cuban Missile Crisis Atlas" in pdf
    assert b"/CreationDate" not in pdf


def _region(img: np.ndarray, bb) -> np.ndarray:
    """The pixels inside a display-space box (origin bottom left), one pixel in from its edges."""
    h = img.shape[0]
    top, bottom = int(np.ceil(h - bb.y1)) + 1, int(np.floor(h - bb.y0)) - 1
    left, right = int(np.ceil(bb.x0)) + 1, int(np.floor(bb.x1)) - 1
    assert bottom - top > 3 and right - left > 3, bb
    return img[top:bottom, left:right]


def _share_near(region: np.ndarray, colour: np.ndarray, tol: int) -> float:
    return float((np.abs(region - colour).max(axis=2) <= tol).mean())


def test_pixels_title_box_top_left_and_legend_box_lower_right(drawn_en):
    m, png = drawn_en
    with Image.open(io.BytesIO(png)) as im:
        img = np.asarray(im.convert("RGB")).astype(int)
    h, w = img.shape[:2]
    assert (w, h) == SMALL
    assert _share_near(img, SEA_RGB, 3) > 0.1  # the open sea is the sea colour (the check below means something)
    renderer = m.canvas.get_renderer()

    title = next(a for a in m.fig.texts if a.get_gid() == "cmc-title")
    tb = title.get_bbox_patch().get_window_extent(renderer)
    assert tb.x0 < 0.05 * w and tb.y1 > 0.9 * h  # top left
    title_px = _region(img, tb)
    assert _share_near(title_px, SEA_RGB, 6) < 0.02  # the box covers the sea
    assert _share_near(title_px, BOX_RGB, 12) > 0.5  # and is mostly the box colour (the rest is ink)
    # a fixed patch inside the top-left corner, whatever the text's exact extent
    corner = img[int(0.01 * h):int(0.05 * h), int(0.02 * w):int(0.2 * w)]
    assert _share_near(corner, SEA_RGB, 6) < 0.02

    lb = m.ax.get_legend().get_frame().get_window_extent(renderer)
    assert lb.x1 > 0.9 * w and lb.x0 > 0.5 * w and lb.y0 < 0.5 * h  # lower right
    legend_px = _region(img, lb)
    assert _share_near(legend_px, BOX_RGB, 12) > 0.5
    assert _share_near(legend_px, SEA_RGB, 6) < 0.02

    label = next(a for a in m.ax.texts if "km" in a.get_text())
    assert label.get_window_extent(renderer).x0 < 0.1 * w  # the scale bar's label sits at the left


def test_scale_bar_label_english_and_japanese(drawn_en):
    m, _ = drawn_en
    en = m.scale_bar.label("en")
    assert "km" in en and "true at" in en and "nmi" in en
    ja = m.scale_bar.label("ja")
    assert "km" in ja and "海里" in ja
    drawn = [a.get_text() for a in m.ax.texts if "km" in a.get_text()]
    assert drawn == [en]
    assert any(a.get_gid() == "cmc-scalebar" for a in m.ax.lines)


def test_scale_bar_length_matches_its_label_at_the_centre_latitude(drawn_en):
    m, _ = drawn_en
    km = float(re.match(r"([\d,]+) km", m.scale_bar.label("en")).group(1).replace(",", ""))
    lat = float(re.search(r"true at (\d+)° N", m.scale_bar.label("en")).group(1))
    s, n = m.frame_.lat_range
    assert lat == pytest.approx((s + n) / 2, abs=3)  # Mercator centre latitude is near the mid latitude here
    x0 = m.scale_bar.x0
    (lon_a, lon_b), _ = unproject([x0, x0 + m.scale_bar.length], [0.0, 0.0])
    cy = (m.frame_.y0 + m.frame_.y1) / 2
    _, (lat_c, _) = unproject([0.0, 0.0], [cy, cy])
    _, _, metres = Geod(ellps="WGS84").inv(lon_a, lat_c, lon_b, lat_c)
    assert metres / 1000 == pytest.approx(km, rel=0.02)


def test_japanese_scene_draws_japanese_texts(scene_ja):
    m = StaticMap(*SMALL).draw(scene_ja)
    texts = _texts_by_gid(m)
    assert texts["cmc-title"] == "キューバ危機アトラス"
    assert scene_ja.clock.washington.text in texts["cmc-moment"] and scene_ja.clock.gmt.text in texts["cmc-moment"]
    assert texts["cmc-sources"].startswith("出典")
    assert m.ax.get_legend().get_title().get_text() == "凡例"
    for title, entries in scene_ja.legend:
        if entries:
            assert any(text.startswith(title) for text in _legend_texts(m)), title


# -- Japanese glyphs ------------------------------------------------------------------------------------


GLYPH_WARNING = r"(?s).*[Gg]lyph.*missing"


def _render_capturing(fn, caplog) -> list[str]:
    """Run ``fn``; a missing-glyph warning is an error; return every other warning and matplotlib log line."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="matplotlib"), warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        warnings.filterwarnings("error", message=GLYPH_WARNING)
        fn()
    return [str(w.message) for w in rec] + [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")]


def test_the_glyph_check_catches_a_missing_glyph(caplog):
    """The check below is able to fail: Japanese text in DejaVu Sans alone has missing glyphs."""
    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, "凡例", family=["DejaVu Sans"])
    with pytest.raises(UserWarning, match="missing from font"):
        _render_capturing(lambda: fig.savefig(io.BytesIO(), format="png"), caplog)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_japanese_has_no_missing_glyph(scene_ja, caplog, fmt):
    out: list[bytes] = []
    messages = _render_capturing(lambda: out.append(render_image(scene_ja, fmt, *SMALL)), caplog)
    assert not [msg for msg in messages if "missing" in msg.lower()]
    if fmt == "pdf":
        assert b"IPAexGothic" in out[0]  # Japanese text is set in the bundled font
        assert b"LastResort" not in out[0]  # matplotlib's font for glyphs no other font has


def test_english_has_no_missing_glyph(scene_en, caplog):
    messages = _render_capturing(lambda: render_image(scene_en, "png", *SMALL), caplog)
    assert not [msg for msg in messages if "missing" in msg.lower()]


# -- same inputs, same bytes ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_inputs_give_the_same_bytes(prepared, fmt):
    a = render_image(build_scene(prepared, MOMENT, REGISTRY, lang="en"), fmt, *SMALL)
    b = render_image(build_scene(prepared, MOMENT, REGISTRY, lang="en"), fmt, *SMALL)
    assert a == b


def test_another_moment_gives_another_image(prepared, drawn_en):
    _, png = drawn_en
    other = build_scene(prepared, datetime(1962, 10, 22, 23, tzinfo=UTC), REGISTRY, lang="en")
    m = StaticMap(*SMALL).draw(other)
    assert m.save("png", title="t", moment=other.iso_time) != png


def test_frames_reuse_the_basemap_and_clear_the_scene(scene_en, prepared):
    m = StaticMap(*SMALL)
    base = len(m.ax.get_children()), len(m.fig.texts)
    first = m.frame(scene_en)
    assert first.shape == (SMALL[1], SMALL[0], 3) and first.dtype == np.uint8
    assert (len(m.ax.get_children()), len(m.fig.texts)) == base
    again = m.frame(scene_en)
    assert np.array_equal(first, again)


# -- layers -------------------------------------------------------------------------------------------


def test_only_the_chosen_layers_are_drawn(prepared, drawn_en):
    scene = build_scene(prepared, MOMENT, REGISTRY, lang="en", layers=("quarantine",))
    m = StaticMap(*SMALL).draw(scene)
    texts = _legend_texts(m)
    q_title = REGISTRY["quarantine"].title.en
    assert texts[0] == q_title
    assert texts[1:] == ["Quarantine line in force (500 nmi)"]  # the line in force is the one drawn at 16:00
    for lid, layer in REGISTRY.items():
        if lid != "quarantine":
            assert layer.title.en not in texts, lid
    full, _ = drawn_en
    assert len(m.ax.get_children()) < len(full.ax.get_children())
    assert len(m._dynamic) < len(full._dynamic)
    assert len(_legend_texts(m)) < len(_legend_texts(full))


# -- the bounding box --------------------------------------------------------------------------------


@pytest.mark.parametrize("bbox", [(-98.0, 12.0, -60.0, 41.0), (-90.0, 15.0, -65.0, 35.0), CHUKOTKA,
                                  (-10.0, 60.0, 10.0, 85.0), (-180.0, -85.0, 180.0, 85.0), (-82.0, 22.0, -81.9, 22.1)])
@pytest.mark.parametrize("size", [(1920, 1080), (3508, 2480), (400, 1200), (1000, 1000)])
def test_fit_frame_holds_the_box_whole_with_the_image_aspect(bbox, size):
    w, h = size
    f = fit_frame(bbox, w, h)
    xs, ys = project([bbox[0], bbox[2]], [bbox[1], bbox[3]])
    tol = 1e-6 * max(abs(f.x1 - f.x0), abs(f.y1 - f.y0))
    assert f.x0 <= xs[0] + tol and f.x1 >= xs[1] - tol
    assert f.y0 <= ys[0] + tol and f.y1 >= ys[1] - tol
    assert (f.x1 - f.x0) / (f.y1 - f.y0) == pytest.approx(w / h, rel=1e-9)
    # it grows the box in one direction only: one side fits exactly (it never grows more than needed)
    assert (f.x1 - f.x0) == pytest.approx(xs[1] - xs[0], rel=1e-9) or \
        (f.y1 - f.y0) == pytest.approx(ys[1] - ys[0], rel=1e-9)


def test_frame_reports_unwrapped_longitudes():
    f = fit_frame(CHUKOTKA, 1920, 1080)
    w, e = f.lon_range
    s, n = f.lat_range
    assert w <= 150.0 + 1e-6 and e >= 200.0 - 1e-6 and e > 180
    assert s <= 40.0 + 1e-6 and n >= 75.0 - 1e-6


@pytest.mark.parametrize("text", ["", "a,b,c,d", "1,2,3", "1,2,3,4,5", "-90;15;-65;35", "west,south,east,north"])
def test_parse_bbox_refuses_bad_text_with_a_sentence(text):
    with pytest.raises(ValueError) as err:
        parse_bbox(text)
    msg = str(err.value)
    assert "west,south,east,north" in msg
    assert len(msg.split()) >= 5
    assert "unpack" not in msg and "could not convert" not in msg


@pytest.mark.parametrize(("text", "word"), [
    ("-90,30,-60,30", "south"),    # south == north
    ("-90,35,-60,15", "south"),    # south > north
    ("-60,15,-90,35", "west"),     # west > east
    ("-60,15,-60,35", "west"),     # west == east
    ("-90,15,-60,86", "85"),       # north past 85
    ("-90,-86,-60,10", "85"),      # south past -85
    ("-200,15,200,35", "360"),     # more than one turn of the globe
    ("nan,15,-60,35", "not a number"),
])
def test_parse_bbox_refuses_impossible_boxes_with_a_sentence(text, word):
    with pytest.raises(ValueError) as err:
        parse_bbox(text)
    msg = str(err.value)
    assert word in msg
    assert len(msg.split()) >= 5


def test_parse_bbox_accepts_a_good_box_and_spaces():
    assert parse_bbox(" -90, 15 ,-65,35 ") == (-90.0, 15.0, -65.0, 35.0)
    assert parse_bbox("150,40,200,75") == CHUKOTKA
    assert check_bbox((-98, 12, -60, 41)) == (-98.0, 12.0, -60.0, 41.0)


def test_a_box_past_the_antimeridian_renders_with_land_on_both_sides(scene_en):
    m = StaticMap(*SMALL, bbox=parse_bbox("150,40,200,75")).draw(scene_en)
    png = m.save("png")
    assert _png_size(png) == SMALL
    land = next(a for a in m.ax.patches if a.get_gid() == "cmc-land")
    xs = land.get_path().vertices[:, 0]
    x180 = float(project([180.0], [60.0])[0][0])
    assert (xs > x180).any() and (xs < x180).any()  # Chukotka (east of 180) and Kamchatka (west of it)
    with Image.open(io.BytesIO(png)) as im:
        img = np.asarray(im.convert("RGB")).astype(int)
    land_rgb = _rgb("#efe6cf")
    assert _share_near(img, land_rgb, 4) > 0.05  # land is actually painted, not only sea
    assert m.scale_bar.label("en").endswith("N")


def test_animation_frames_show_how_far_through_the_span_they_are(scene_en):
    m = StaticMap(640, 360)
    ink = _rgb("#1f1b16")
    for fraction in (0.25, 0.75):
        rgb = m.frame(scene_en, fraction).astype(int)
        top = rgb[1]  # the bar runs along the top edge
        dark = np.abs(top - ink).sum(axis=1) < 40
        assert abs(dark.mean() - fraction) < 0.03, (fraction, dark.mean())
    plain = m.frame(scene_en).astype(int)  # a snapshot frame has no bar
    assert (np.abs(plain[1] - ink).sum(axis=1) < 40).mean() < 0.05


@pytest.mark.parametrize(("figure", "words"), [(None, "Soviet figures"), ("us_1962", "US intelligence, 1962")])
def test_legend_says_whose_range_figures_the_rings_show(prepared, figure, words):
    scene = build_scene(prepared, MOMENT, REGISTRY, lang="en", layers=("range_rings",), range_figure=figure)
    m = StaticMap(*SMALL).draw(scene)
    assert any(words in text for text in _legend_texts(m))


# -- draw order -----------------------------------------------------------------------------------------


def _marker_zorders(m: StaticMap, scene) -> dict[str, set[float]]:
    """The z-orders of the point markers drawn for each layer, found by where each marker sits."""
    where = {}
    for f in scene.features:
        if f.geometry["type"] == "Point":
            x, y = project([f.geometry["coordinates"][0]], [f.geometry["coordinates"][1]])
            where[(round(float(x[0])), round(float(y[0])))] = f.layer
    found: dict[str, set[float]] = {}
    for a in m._dynamic:
        if a.__class__.__name__ == "PathCollection":
            x, y = a.get_offsets()[0]
            lid = where.get((round(float(x)), round(float(y))))
            if lid:
                found.setdefault(lid, set()).add(a.get_zorder())
    return found


def test_layers_are_drawn_in_the_registrys_order_missile_sites_under_ships(prepared, scene_en):
    """As on the live map (Layer.order 40 < 50): ships' and flights' markers draw over missile sites'."""
    m = StaticMap(*SMALL).draw(scene_en)
    z = _marker_zorders(m, scene_en)
    assert {"missile_sites", "ships", "events"} <= set(z)
    by_order = sorted(z, key=lambda lid: REGISTRY[lid].order)
    for lower, upper in zip(by_order, by_order[1:], strict=False):
        assert max(z[lower]) < min(z[upper]), (lower, upper)


def test_draw_order_follows_layer_order_not_layer_names(prepared):
    """Give ships an order under missile sites' and the image follows: the renderer has no order of its own."""
    registry = {lid: replace(layer, order=5) if lid == "ships" else layer for lid, layer in REGISTRY.items()}
    scene = build_scene(prepared, MOMENT, registry, lang="en", layers=("missile_sites", "ships"))
    assert [(i.id, i.z) for i in scene.layer_info] == [("missile_sites", 40), ("ships", 5)]
    z = _marker_zorders(StaticMap(*SMALL).draw(scene), scene)
    assert max(z["ships"]) < min(z["missile_sites"])


def test_many_layers_still_draw_between_the_basemap_and_the_furniture():
    from geoapp.render.image.draw import FEATURES_Z, layer_zorders

    bands = layer_zorders((f"layer{i}", 100 - i) for i in range(40))
    bodies = [bands[f"layer{i}"] for i in range(40)]
    assert all(FEATURES_Z[0] - 0.5 <= b.halo < b.body < b.glyph <= FEATURES_Z[1] + 0.1 for b in bodies)
    assert [b.body for b in bodies] == sorted((b.body for b in bodies), reverse=True)  # lower order, lower z
    assert bodies[0].halo > bodies[1].glyph  # a layer's halos stay above the layer beneath


def test_every_preset_has_a_mime_type_and_a_file_name():
    from geoapp.export import FILE_TAG, mime, snapshot_file_name

    assert set(FILE_TAG) == set(PRESETS)
    assert mime("svg") == "image/svg+xml" and mime("png_a4") == "image/png"
    assert snapshot_file_name("png_a4", "1962-10-27T1600Z", "ja") == "cmc-atlas-1962-10-27T1600Z-ja-a4-300dpi.png"
    assert snapshot_file_name("pdf", "1962-10-27T1600Z", "en") == "cmc-atlas-1962-10-27T1600Z-en-a4.pdf"


def test_export_snapshot_is_the_preset_rendered(scene_en):
    from geoapp.export import snapshot

    w, h, dpi, fmt = PRESETS["svg"]
    assert snapshot(scene_en, "svg") == render_image(scene_en, fmt, w, h, dpi)


# -- a key moment frames the snapshot ---------------------------------------------------------------------

ANDERSON = datetime(1962, 10, 27, 15, 20, tzinfo=UTC)  # key moment: Anderson's U-2 shot down over Banes
MAULTSBY = datetime(1962, 10, 27, 15, 59, tzinfo=UTC)  # key moment: a lost U-2 over Chukotka (box across 180°)


def _view(png: bytes) -> tuple[float, ...]:
    """The view a PNG was drawn over, from its metadata."""
    with Image.open(io.BytesIO(png)) as im:
        return tuple(float(v) for v in im.info["View"].split(","))


def _focus(prepared, event_id: str) -> tuple[float, float, float, float]:
    return next(e.focus.bbox for e in prepared.catalog.events if e.id == event_id)


def test_focus_bbox_adds_a_margin_and_unwraps_the_antimeridian():
    from geoapp.viewport import focus_bbox

    assert focus_bbox((-80.0, 20.0, -70.0, 30.0), margin=0.1) == (-81.0, 19.0, -69.0, 31.0)
    w, s, e, n = focus_bbox((164.0, 61.0, -145.0, 74.0), margin=0.0)  # west > east: across the antimeridian
    assert (w, s, e, n) == (164.0, 61.0, 215.0, 74.0)  # eastwards, as --bbox 150,40,200,75 is written
    assert focus_bbox((-10.0, 80.0, 10.0, 84.0), margin=0.5)[3] == 85.0  # never past the Mercator limit


def test_key_view_is_the_latest_key_moment_held_an_hour(prepared):
    """At a key moment, and less than an hour after it, a snapshot frames that moment's area; the latest one
    wins (Maultsby at 15:59 after Anderson at 15:20); an hour later, or away from key moments, none."""
    from geoapp.viewport import KEY_HOLD, focus_bbox, key_view

    events = [(e.time, e.focus.bbox) for e in prepared.catalog.events if e.key]
    assert key_view(events, ANDERSON) == focus_bbox(_focus(prepared, "anderson-shot-down"))
    assert key_view(events, ANDERSON + timedelta(minutes=30)) == focus_bbox(_focus(prepared, "anderson-shot-down"))
    chukotka = focus_bbox(_focus(prepared, "maultsby-over-chukotka"))
    assert key_view(events, MOMENT) == chukotka and chukotka[0] < 180 < chukotka[2]
    assert key_view(events, MAULTSBY + KEY_HOLD) is None
    assert key_view(events, ANDERSON - timedelta(minutes=1)) is None
    assert key_view(events, datetime(1962, 8, 29, 18, tzinfo=UTC)) is None  # a U-2 finds SAMs: not a key moment


def test_snapshot_at_a_key_moment_is_framed_on_its_focus_unless_a_view_is_given(prepared):
    from geoapp.export import snapshot
    from geoapp.viewport import DEFAULT_BBOX, focus_bbox

    scene = build_scene(prepared, ANDERSON, REGISTRY, lang="ja")
    want = focus_bbox(_focus(prepared, "anderson-shot-down"))
    assert _view(render_image(scene, "png", *SMALL)) == pytest.approx(want, abs=1e-3)
    assert _view(snapshot(scene, "png_1080")) == pytest.approx(want, abs=1e-3)  # the app's button, no view known
    assert _view(render_image(scene, "png", *SMALL, bbox=DEFAULT_BBOX)) == pytest.approx(DEFAULT_BBOX)  # kept
    away = build_scene(prepared, datetime(1962, 10, 25, 6, tzinfo=UTC), REGISTRY, lang="en")
    assert _view(render_image(away, "png", *SMALL)) == pytest.approx(DEFAULT_BBOX)


def test_the_frame_holds_the_focus_whole_in_the_images_shape(prepared):
    """The focus box fits inside the image (grown to its aspect, never cropped), across the antimeridian too."""
    from geoapp.render.image import snapshot_view

    for moment, event_id in ((ANDERSON, "anderson-shot-down"), (MAULTSBY, "maultsby-over-chukotka")):
        scene = build_scene(prepared, moment, REGISTRY, lang="en")
        view = snapshot_view(scene)
        frame = fit_frame(view, 1920, 1080)
        w, s, e, n = _focus(prepared, event_id)
        e = e + 360 if w > e else e
        (lon0, lon1), (lat0, lat1) = frame.lon_range, frame.lat_range
        assert lon0 < w < e < lon1 and lat0 < s < n < lat1, event_id
        assert (frame.x1 - frame.x0) / (frame.y1 - frame.y0) == pytest.approx(1920 / 1080)


# -- the legend: headings, and only what is drawn ----------------------------------------------------------


def _heading_rows(m: StaticMap, scene) -> tuple[list, list]:
    """The legend's heading texts and its entry texts."""
    titles = {layer.legend_title for layer in scene.layer_info}
    texts = m.ax.get_legend().get_texts()
    return [x for x in texts if x.get_text() in titles], [x for x in texts if x.get_text() not in titles]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_legend_headings_are_flush_left(prepared, lang):
    """Headings start at the legend's left edge, with its title; entries are indented past their samples."""
    scene = build_scene(prepared, MOMENT, REGISTRY, lang=lang)
    m = StaticMap(*SMALL).draw(scene)
    m.canvas.draw()
    renderer = m.canvas.get_renderer()
    heads, entries = _heading_rows(m, scene)
    assert len(heads) >= 4 and entries
    left = m.ax.get_legend().get_title().get_window_extent(renderer).x0
    for h in heads:
        assert h.get_window_extent(renderer).x0 == pytest.approx(left, abs=1.5), h.get_text()
    indent = min(e.get_window_extent(renderer).x0 for e in entries) - left
    assert indent > 15  # the samples' column


def _ink(text: str, **props) -> int:
    """How many pixels of ink a text leaves, drawn alone in the image furniture's font."""
    from geoapp.render.image.draw import FONTS

    fig = Figure(figsize=(3, 0.6), dpi=100, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    fig.text(0.02, 0.3, text, fontsize=12, family=FONTS, color="black", **props)
    canvas.draw()
    return int((np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int).sum(axis=2) < 384).sum())


def test_japanese_headings_are_bold_though_the_font_has_one_weight(prepared):
    """IPAexGothic has no bold face, so a bold weight changes nothing in Japanese; the headings are thickened
    with an ink stroke instead, visibly (more ink than the plain text), and only the headings."""
    from geoapp.render.image.furniture import strong

    word = "ミサイル基地・軍事拠点"
    assert _ink(word, fontweight="bold") == _ink(word)  # why: the face has one weight
    assert _ink(word, **strong("ja", 12)) > 1.12 * _ink(word)
    assert _ink("Missile sites", **strong("en", 12)) > 1.12 * _ink("Missile sites")
    scene = build_scene(prepared, MOMENT, REGISTRY, lang="ja")
    m = StaticMap(*SMALL).draw(scene)
    heads, entries = _heading_rows(m, scene)
    assert heads and all(h.get_path_effects() for h in heads)
    assert m.ax.get_legend().get_title().get_path_effects()
    assert not any(e.get_path_effects() for e in entries)
    en = build_scene(prepared, MOMENT, REGISTRY, lang="en")
    heads_en, entries_en = _heading_rows(StaticMap(*SMALL).draw(en), en)
    assert all(h.get_fontweight() == "bold" for h in heads_en)
    assert not any(e.get_fontweight() == "bold" for e in entries_en)


def test_japanese_headings_never_nest_brackets(prepared):
    from geoapp import vocab
    from geoapp.render.image.furniture import heading_text

    assert heading_text("ミサイル射程圏（ソ連側の数値（既定））", "ja") == "ミサイル射程圏：ソ連側の数値（既定）"
    assert heading_text("ミサイル射程圏 (ソ連側の数値)", "ja") == "ミサイル射程圏 (ソ連側の数値)"  # no nesting: kept
    assert heading_text("Missile range rings (Soviet figures (default))", "en").endswith("(default))")
    nested = re.compile(r"[(（][^)）]*[(（]")
    for figure in vocab.RANGE_FIGURES:
        scene = build_scene(prepared, MOMENT, REGISTRY, lang="ja", range_figure=figure)
        heads, _ = _heading_rows(StaticMap(*SMALL).draw(scene), scene)
        assert heads and not [h.get_text() for h in heads if nested.search(h.get_text())], figure


def _feature(layer: str, sty):
    from geoapp.layer import Feature

    return Feature(layer=layer, id="x", geometry={"type": "Point", "coordinates": [0, 0]}, props={}, style=sty)


def test_drawn_entries_rule():
    """Each drawn feature claims the entry most like it: same shape and colour, then dash, then glyph; a tie
    goes to the later (catch-all) entry; a grey sample stands for any colour with its dash pattern."""
    from geoapp.layer import LegendEntry
    from geoapp.model import Text
    from geoapp.render.image.furniture import drawn_entries
    from geoapp.scene import SceneLayer
    from geoapp.style import NEUTRAL, Style

    red = "#c0392b"
    rows = (LegendEntry(Text("mrbm", "mrbm"), Style.point(red, symbol="▲")),
            LegendEntry(Text("building", "building"), Style.point(red, symbol="▲", dash="3 3")),
            LegendEntry(Text("other", "other"), Style.point(red, symbol="✶")),
            LegendEntry(Text("estimate", "estimate"), Style.line(NEUTRAL, dash="4 6")))
    layer = SceneLayer(id="l", z=1, title="L", legend_title="L", legend=rows)

    def labels(*styles, other_layer=False):
        return [e.label.en for e in drawn_entries(layer, [_feature("m" if other_layer else "l", s) for s in styles])]

    assert labels() == [] and labels(Style.point(red, symbol="▲"), other_layer=True) == []
    assert labels(Style.point(red, symbol="▲")) == ["mrbm"]
    assert labels(Style.point(red, symbol="⚓")) == ["other"]  # ties "mrbm": the later row wins
    assert labels(Style.point(red, symbol="◆", dash="3 3")) == ["building"]
    assert labels(Style.point("#0072b2", symbol="▲")) == []  # no row in its colour
    assert labels(Style.line(red, dash="4 6")) == ["estimate"]
    assert labels(Style.line(red)) == []  # a solid track is no estimate


def test_a_layer_with_nothing_in_view_has_no_legend_section(prepared):
    """Over Chukotka at Maultsby's flight, the quarantine and the ships are out of view: their headings are left
    out; the flight, the event and the Alaskan air bases (the only sites there) are in."""
    scene = build_scene(prepared, MAULTSBY, REGISTRY, lang="en")
    m = StaticMap(*SMALL, bbox=CHUKOTKA).draw(scene)
    texts = _legend_texts(m)
    assert REGISTRY["flights"].title.en in texts and REGISTRY["events"].title.en in texts
    assert REGISTRY["quarantine"].title.en not in texts and REGISTRY["ships"].title.en not in texts
    sites = texts.index(REGISTRY["missile_sites"].title.en)
    assert texts[sites + 1:sites + 3] == ["US air base", REGISTRY["flights"].title.en]
    empty = StaticMap(*SMALL, bbox=(-150.0, -60.0, -110.0, -30.0)).draw(scene)  # the South Pacific
    assert empty.ax.get_legend() is None


def test_a_ring_counts_as_drawn_only_where_its_outline_crosses_the_image():
    """A big ring whose bounds overlap the image but whose outline passes outside it is not in view (its
    legend row and its sources stay out); a line through the image is, even with no vertex inside it."""
    from geoapp.render.image.draw import crosses

    frame = fit_frame((-80.0, 20.0, -60.0, 35.0), 640, 360)
    ring_lon = -70 + 40 * np.cos(np.linspace(0, 2 * np.pi, 73))
    ring_lat = 27 + 30 * np.sin(np.linspace(0, 2 * np.pi, 73))
    x, y = project(ring_lon, ring_lat)
    assert frame.touches(x, y)  # the bounds overlap
    assert not crosses(frame, x, y, filled=False)  # the outline runs round the image
    assert crosses(frame, x, y, filled=True)  # filled, it covers the image
    lx, ly = project([-100.0, -40.0], [27.0, 27.0])
    assert crosses(frame, lx, ly, filled=False)


@pytest.mark.parametrize(("lang", "names"), [("en", {"Washington", "Miami", "Gulf of Mexico", "B-59"}),
                                             ("ja", {"ワシントン", "マイアミ", "メキシコ湾", "B-59"})])
def test_a_snapshot_writes_the_names_of_places_and_of_what_is_drawn_without_overlap(prepared, lang, names):
    """Issue 12: images get the labels, in their language: countries, seas, cities and the names beside the
    ships, from the live map's zoom levels, none covering another."""
    scene = build_scene(prepared, MOMENT, REGISTRY, lang=lang)
    m = StaticMap(1920, 1080).draw(scene)
    written = [a for a in m.ax.texts if a.get_zorder() in (4, 30) and a.get_text() in
               {p["text"] for p in scene.place_labels} | {str(f.props.get("name")) for f in m.shown}]
    assert names <= {a.get_text() for a in written}
    renderer = m.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in written]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


@pytest.mark.parametrize(("view", "lang", "title"), [
    ("gap", "en", "Cuban Missile Crisis Atlas: The difference"),
    ("known", "ja", "キューバ危機アトラス: ワシントンが知っていたこと"),
])
def test_an_image_says_its_view_in_its_title_and_legend(prepared, view, lang, title):
    """A print of the known or difference view says which in its title; the difference view's legend explains
    the ring round what Washington did not know."""
    sc = build_scene(prepared, MOMENT, REGISTRY, lang=lang, view=view)
    m = StaticMap(*SMALL).draw(sc)
    assert _texts_by_gid(m)["cmc-title"] == title
    legend = _legend_texts(m)
    if view == "gap":
        assert "Unknown to Washington at this moment" in legend
        assert any(f.style.outline for f in sc.features)
    else:
        assert not any(f.style.outline for f in sc.features)
        assert "この時点までに米情報機関が確認していたものだけを、当時の判断で" in legend
    with Image.open(io.BytesIO(render_image(sc, "png", *SMALL))) as im:
        assert im.info["Title"] == title


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_dollar_signs_and_markup_in_data_are_drawn_as_written(prepared, fmt):
    """A "$" in the data is a dollar sign, balanced or not, and markup is text: the picture is drawn, in every
    format, with the caption as written (issue 14: an unbalanced "$" stopped the drawing)."""
    sc = build_scene(prepared, MOMENT, REGISTRY, lang="en")
    sc.caption = "Cost: $5 million, a $x^2$ formula and <img src=x onerror=alert(1)> & co"
    m = StaticMap(*SMALL).draw(sc)
    assert _texts_by_gid(m)["cmc-caption"].replace("\n", " ") == sc.caption
    assert render_image(sc, fmt, *SMALL)
