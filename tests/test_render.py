"""Tier 5: the live map page - offline, with a legend, a clock box, popups with sources, and the data
the browser draws from; the CSV of one moment."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geoapp import clock, style
from geoapp.render.leaflet.page import live_parts, standalone_document
from geoapp.scene import build_scene
from geoapp.timeline_scene import build_timeline_scene
from layers import REGISTRY

PERIOD = tuple(x.timestamp() for x in clock.PERIODS["crisis"])


@pytest.fixture(scope="module")
def ja_scene(prepared):
    return build_timeline_scene(prepared, REGISTRY, lang="ja")


def _data(parts: dict[str, str]) -> dict:
    m = re.search(r"CMCAtlas\.init\([^,]+, (\{.*\}), \{", parts["script"], re.S)
    assert m, "the page hands its data to CMCAtlas.init"
    return json.loads(m.group(1).replace("<\\/", "</"))


def test_live_page_has_legend_clock_timebar_and_sources(ja_scene):
    parts = live_parts(ja_scene, clock.DEFAULT_MOMENT.timestamp(), PERIOD, tuple(REGISTRY))
    assert 'id="cmc-legend"' in parts["body"] and "凡例" in parts["body"]
    assert 'id="cmc-caption"' in parts["body"] and "EDT" in parts["body"]
    assert 'id="cmc-timebar"' in parts["body"]
    data = _data(parts)
    assert data["lang"] == "ja" and data["t0"] == int(clock.DEFAULT_MOMENT.timestamp())
    site = next(f for f in data["fixed"] if f["layer"] == "missile_sites")
    assert "出典" in data["pool"][site["popup"]] and "<table>" in data["pool"][site["popup"]]


def test_live_page_carries_the_palette_as_css_variables(ja_scene):
    parts = live_parts(ja_scene, clock.DEFAULT_MOMENT.timestamp(), PERIOD, tuple(REGISTRY))
    assert f"--cmc-sea:{style.BASEMAP['sea']}" in parts["head"]
    assert f"--cmc-primary:{style.UI['primary']}" in parts["head"]


def test_standalone_page_requests_nothing_and_carries_every_script(ja_scene):
    doc = standalone_document(ja_scene, PERIOD[0], PERIOD, tuple(REGISTRY))
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?://", doc)  # (Leaflet's own credit link aside)
    for name in ("CMCCore", "Controller.prototype._controls", "Controller.prototype.setKiosk"):
        assert name in doc
    assert "window.CMC_BASEMAP" in doc and '"caribbean-10m.json"' in doc  # 1:10m round Cuba too


def test_standalone_page_opens_at_the_first_key_moment_titled_in_its_language(ja_scene):
    """Without a moment, the page opens at the period's first key moment (shown as a scene); it is titled in
    Japanese, says ``lang="ja"``, and names its charset before anything else."""
    first = min(k["t"] for k in ja_scene.keys if PERIOD[0] <= k["t"] <= PERIOD[1])
    doc = standalone_document(ja_scene, None, PERIOD, tuple(REGISTRY))
    assert _data({"script": doc})["t0"] == int(first)
    head = doc[: doc.index("</head>")]
    assert re.match(r'<!DOCTYPE html>\s*<html lang="ja">\s*<head>\s*<meta charset="utf-8">\s*<title>', doc)
    title = next(k["title"] for k in ja_scene.keys if k["t"] == first)
    assert re.search(rf"<title>キューバ危機アトラス — 1962年9月9日\(日\) [0-9:]+ EDT：{re.escape(title)}</title>", head)
    at_start = standalone_document(ja_scene, PERIOD[0], PERIOD, tuple(REGISTRY))
    assert "<title>キューバ危機アトラス — 1962年8月31日(金) 20:00 EDT</title>" in at_start  # not a key moment


def test_layers_filter_what_is_drawn(prepared):
    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, layers=("quarantine",))
    assert {f.layer for f in scene.features} == {"quarantine"}
    assert [title for title, _ in scene.legend] == [REGISTRY["quarantine"].title.en]


def test_csv_has_every_feature_with_position_and_sources(prepared):
    import csv
    import io

    from geoapp.render.tables import COLUMNS, to_csv

    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, lang="ja")
    rows = list(csv.reader(io.StringIO(to_csv(scene))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(scene.features) + 1
    body = rows[1:]
    assert all(r[6] and r[7] and r[10] for r in body)  # lon, lat and sources on every row
    assert any(r[0] == "range_rings" and r[2] for r in body)


def test_readers_see_works_not_line_numbers_but_the_csv_keeps_them(ja_scene, prepared):
    """Popups name the works cited, once each, without a locator such as a line number; the CSV download keeps
    the locators for people who check a fact."""
    import csv
    import io

    from geoapp.render.tables import to_csv

    data = _data(live_parts(ja_scene, clock.DEFAULT_MOMENT.timestamp(), PERIOD, tuple(REGISTRY)))
    popups = [p for p in data["pool"] if isinstance(p, str) and "cmc-pop" in p]
    assert popups and not [p for p in popups if re.search(r", L\d+", p)]
    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, lang="ja")
    rows = list(csv.reader(io.StringIO(to_csv(scene))))
    assert any(re.search(r", L\d+", r[10]) for r in rows[1:])


def test_names_from_data_reach_the_map_as_text(prepared):
    """Leaflet renders a tooltip as HTML: a name carrying markup must arrive escaped (issue 14)."""
    import dataclasses

    from geoapp.render.leaflet import schema

    scene = build_timeline_scene(prepared, REGISTRY, lang="en")
    hostile = "San Cristobal <img src=x onerror=alert(1)>"
    first = scene.fixed[0]
    feature = dataclasses.replace(first.feature, props={**first.feature.props, "name": hostile})
    scene.fixed[0] = dataclasses.replace(first, feature=feature)
    data = schema.encode(scene, PERIOD[0], PERIOD, tuple(REGISTRY))
    tip = data["fixed"][0]["tooltip"]
    assert "<img" not in tip and "&lt;img" in tip
    assert "<img" not in data["pool"][data["fixed"][0]["popup"]]


def test_story_beside_the_map_cites_works_by_author_and_year(prepared):
    """The story beside the map (and on the kiosk) cites each work short, by author and year, without
    locators; the popups keep the full citation."""
    from geoapp.render.leaflet import schema

    scene = build_timeline_scene(prepared, REGISTRY, lang="en")
    data = schema.encode(scene, PERIOD[0], PERIOD, tuple(REGISTRY))
    sources = prepared.catalog.sources
    for e, ev in zip(data["events"], prepared.catalog.events, strict=True):
        want = list(dict.fromkeys(sources[r.partition("#")[0]].short_label() for r in ev.sources))
        assert e["cite"] == want, ev.id
    assert all(s["cite"] for s in data["story"])


def test_the_app_frame_loads_the_same_scripts_as_the_export_in_the_same_order():
    """The component's map frame (geoapp/component/map.html) and the standalone export list the vendored libraries
    and the atlas's modules alike: a module added to one is in the other (the frame adds the host)."""
    from geoapp.render.leaflet.page import ATLAS_SCRIPTS, HOST_SCRIPTS, VENDOR_SCRIPTS

    page = (Path(__file__).resolve().parents[1] / "geoapp" / "component" / "map.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="/app/static/([^"]+)"', page)
    assert loaded == ([f"vendor/{s}" for s in VENDOR_SCRIPTS] + [f"atlas/{s}" for s in ATLAS_SCRIPTS]
                      + [f"atlas/{s}" for s in HOST_SCRIPTS])


def test_the_map_frame_is_sandboxed_to_scripts_only():
    """Everything drawn from data lives in a frame that may run scripts but has no same-origin access: nothing in
    it can reach the component's page or Streamlit's."""
    page = (Path(__file__).resolve().parents[1] / "geoapp" / "component" / "index.html").read_text(encoding="utf-8")
    frames = re.findall(r"<iframe[^>]*>", page)
    assert len(frames) == 1 and 'sandbox="allow-scripts"' in frames[0] and 'src="map.html"' in frames[0]
