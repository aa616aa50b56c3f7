"""The timed scene the browser draws from: at every moment it shows exactly what the moment path
(images, GeoJSON, CSV) shows, in the same styles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from geoapp import clock
from geoapp.render.leaflet import schema
from geoapp.render.leaflet.html import external_urls
from geoapp.render.leaflet.page import live_parts
from geoapp.render.leaflet.styles import leaflet_style
from geoapp.scene import build_scene
from geoapp.timeline_scene import breakpoints, build_timeline_scene
from layers import REGISTRY

PERIOD = tuple(x.timestamp() for x in clock.PERIODS["crisis"])


@pytest.fixture(scope="module")
def timed(prepared):
    return build_timeline_scene(prepared, REGISTRY, lang="en")


@pytest.fixture(scope="module")
def data(timed):
    return schema.encode(timed, PERIOD[0], PERIOD, tuple(REGISTRY))


def _ids(scene) -> set[tuple[str, str]]:
    return {(f.layer, f.id.split("#track")[0]) for f in scene.features}


def features_at(timed, data, t):
    frame = schema.reference_frame(timed, data, t.timestamp())
    return [(f[0], f[1]) for f in frame["fixed"]] + [(m[0], m[1]) for m in frame["movers"]]


def test_time_filter_matches_the_layers_every_seven_hours(prepared, timed, data):
    t = clock.PERIODS["crisis"][0]
    while t <= clock.PERIODS["crisis"][1]:
        assert set(features_at(timed, data, t)) == _ids(build_scene(prepared, t, REGISTRY)), clock.iso(t)
        t += timedelta(hours=7)


@pytest.mark.parametrize("moment", ["1962-10-23T17:00Z", "1962-10-27T18:00Z", "1962-10-28T12:00Z"])
def test_browser_styles_are_the_images_styles(prepared, timed, data, moment):
    """Every style the browser picks at a moment is the translation of the style the moment path draws."""
    t = clock.parse_time(moment)
    scene = build_scene(prepared, t, REGISTRY)
    want = {}
    for f in scene.features:
        want.setdefault((f.layer, f.id), data["pool"].index(leaflet_style(f.style.with_(halo_km=0.0))))
    frame = schema.reference_frame(timed, data, t.timestamp())
    for layer, fid, ref in frame["fixed"]:
        assert want[(layer, fid)] == ref, (fid, moment)
    for layer, mid, _, runs, marker, halo in frame["movers"]:
        if marker is not None:
            assert want[(layer, mid)] == marker, (mid, moment)
            marker_feature = next(f for f in scene.features if f.id == mid)
            assert round(marker_feature.style.halo_km, 1) == halo, mid
        for index, ref, _ in runs:
            assert want[(layer, f"{mid}#track{index}")] == ref, (mid, index, moment)


@pytest.mark.parametrize("moment", ["1962-10-24T13:59Z", "1962-10-24T14:00Z", "1962-10-27T15:22Z",
                                    "1962-11-20T23:00Z", "1963-04-25T12:00Z"])
def test_time_filter_matches_at_boundaries(prepared, timed, data, moment):
    t = clock.parse_time(moment)
    assert set(features_at(timed, data, t)) == _ids(build_scene(prepared, t, REGISTRY))
    # a breakpoint lies between the minutes either side of 14:00Z on 24 October
    assert clock.parse_time("1962-10-24T14:00Z") in breakpoints(prepared)


def test_spans_are_ordered_and_disjoint(timed):
    for sp in timed.fixed:
        for (a, b), (c, _) in zip(sp.spans, sp.spans[1:], strict=False):
            assert a < b <= c


def test_quarantine_in_force_span_starts_at_1400z(timed):
    q = [sp for sp in timed.fixed if sp.feature.layer == "quarantine" and sp.feature.props["status"] == "in_force"]
    assert q and q[0].spans[0][0] == datetime(1962, 10, 24, 14, 0, tzinfo=UTC).timestamp()


def test_live_page_is_offline_and_small(timed):
    period = tuple(x.timestamp() for x in clock.PERIODS["crisis"])
    parts = live_parts(timed, clock.DEFAULT_MOMENT.timestamp(), period, tuple(REGISTRY))
    assert set(parts) == {"version", "head", "body", "script"}
    for part in ("head", "body", "script"):
        assert external_urls(parts[part]) == []
    assert 'id="cmc-timebar"' in parts["body"] and "CMCAtlas.init(" in parts["script"]
    data = schema.encode(timed, clock.DEFAULT_MOMENT.timestamp(), period, tuple(REGISTRY))
    size = len(json.dumps(data))
    assert size < 2_000_000, size


def test_each_key_moment_carries_its_focus_and_the_map_draws_what_it_names(prepared, timed, data):
    """Every key event reaches the browser with ``focus {bbox, features}`` (the others with null), and
    each feature it names is on the map at that moment, under the id the map gives it."""
    events = prepared.catalog.events
    assert len(data["events"]) == len(events)
    for enc, ev in zip(data["events"], events, strict=True):
        if not ev.key:
            assert enc["focus"] is None, ev.id
            continue
        assert enc["focus"] == {"bbox": list(ev.focus.bbox), "features": list(ev.focus.features)}, ev.id
        west, south, east, north = enc["focus"]["bbox"]
        assert south < north and (east - west) % 360 <= 180, ev.id
        frame = schema.reference_frame(timed, data, ev.time.timestamp())
        drawn = {f[1] for f in frame["fixed"]} | {m[1] for m in frame["movers"]}
        assert set(enc["focus"]["features"]) <= drawn, (ev.id, set(enc["focus"]["features"]) - drawn)
    assert json.loads(schema.to_json(data))["events"] == data["events"]

