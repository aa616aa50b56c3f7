"""The timed scene the browser filters: at every moment it shows exactly what the layers build."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from geoapp import clock
from geoapp.render.live import live_parts, scene_data
from geoapp.render.web import external_urls
from geoapp.scene import build_scene
from geoapp.timed import breakpoints, build_timed_scene, features_at
from layers import REGISTRY


@pytest.fixture(scope="module")
def timed(prepared):
    return build_timed_scene(prepared, REGISTRY, lang="en")


def _ids(scene) -> set[tuple[str, str]]:
    return {(f.layer, f.id.split("#track")[0]) for f in scene.features}


def test_time_filter_matches_the_layers_every_seven_hours(prepared, timed):
    t = clock.PERIODS["crisis"][0]
    while t <= clock.PERIODS["crisis"][1]:
        assert set(features_at(timed, t)) == _ids(build_scene(prepared, t, REGISTRY)), clock.iso(t)
        t += timedelta(hours=7)


@pytest.mark.parametrize("moment", ["1962-10-24T13:59Z", "1962-10-24T14:00Z", "1962-10-27T15:22Z",
                                    "1962-11-20T23:00Z", "1963-04-25T12:00Z"])
def test_time_filter_matches_at_boundaries(prepared, timed, moment):
    t = clock.parse_time(moment)
    assert set(features_at(timed, t)) == _ids(build_scene(prepared, t, REGISTRY))
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
    data = scene_data(timed, clock.DEFAULT_MOMENT.timestamp(), period, tuple(REGISTRY))
    size = len(json.dumps(data))
    assert size < 2_000_000, size
    assert all(len(m["t"]) == len(m["ll"]) == len(m["est"]) == len(m["prec"]) for m in data["movers"])
