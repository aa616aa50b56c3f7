"""Tier 5: the folium renderer - offline, stamped with the moment, with a legend and popups."""

from __future__ import annotations

from datetime import UTC, datetime

from geoapp.render.web import external_urls, popup_html, render_html
from geoapp.scene import build_scene
from layers import REGISTRY


def test_map_html_requests_nothing_beyond_the_app(prepared):
    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, lang="en")
    doc = render_html(scene)
    assert external_urls(doc) == []
    assert "/app/static/vendor/leaflet/leaflet.js" in doc
    assert "cdn" not in doc.lower().replace("cdn/", "")


def test_map_html_is_stamped_and_has_legend_clock_and_sources(prepared):
    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, lang="ja")
    doc = render_html(scene)
    assert "setAttribute('data-time', \"1962-10-27T18:00Z\")" in doc
    assert 'id="cmc-legend"' in doc and "凡例" in doc
    assert 'id="cmc-clock"' in doc and "EDT" in doc
    assert "\\u51fa\\u5178" in doc  # "出典" (sources) in the popups bound by script
    pop = popup_html(next(f for f in scene.features if f.layer == "missile_sites"), scene)
    assert "出典" in pop and "<table>" in pop


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
