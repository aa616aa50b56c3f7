"""Tier 2 and 4: the state at a moment - boundaries of periods, the quarantine, key moments, the antimeridian.
(Ships and aircraft between their fixes: tests/test_movers.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from geoapp import geo
from geoapp.catalog import prepared_catalog
from geoapp.situation import situation_at


def _utc(*a):
    return datetime(*a, tzinfo=UTC)


@pytest.fixture
def mini_prepared(mini):
    return prepared_catalog(mini)


def test_quarantine_in_force_at_1400z_on_24_october_not_a_minute_before(mini_prepared):
    assert not situation_at(mini_prepared, _utc(1962, 10, 24, 13, 59)).quarantine_in_force
    assert situation_at(mini_prepared, _utc(1962, 10, 24, 14, 0)).quarantine_in_force
    s = situation_at(mini_prepared, _utc(1962, 11, 21, 12, 0))
    assert [q.status for q in s.quarantine] == ["lifted"]
    assert situation_at(mini_prepared, _utc(1962, 10, 23, 12, 0)).quarantine == ()


def test_site_statuses_follow_periods(mini_prepared):
    assert situation_at(mini_prepared, _utc(1962, 9, 1)).sites == ()
    assert situation_at(mini_prepared, _utc(1962, 10, 14)).sites[0].status == "construction"
    assert situation_at(mini_prepared, _utc(1962, 10, 26)).sites[0].status == "operational"


def test_split_antimeridian_gives_valid_geojson_longitudes():
    parts = geo.split_antimeridian([(178.0, 68.0), (182.0, 67.0), (190.0, 67.0)])
    assert len(parts) == 2
    assert all(-180 <= x <= 180 for p in parts for x, _ in p)
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0


def test_real_maultsby_route_crosses_the_antimeridian(prepared):
    flights = {f.id: f for f in prepared.catalog.flights}
    maultsby = next(f for fid, f in flights.items() if "maultsby" in fid)
    lons = [v.lon for v in maultsby.vertices]
    assert min(lons) < -150 and max(lons) > 150
    track = prepared.flight_tracks[maultsby.id]
    assert all(abs(b - a) < 10 for a, b in zip(track.lons, track.lons[1:], strict=False))


def test_real_key_moments_and_quarantine(prepared):
    assert len(prepared.key_moments) >= 10
    assert not situation_at(prepared, _utc(1962, 10, 24, 13, 59)).quarantine_in_force
    assert situation_at(prepared, _utc(1962, 10, 24, 14, 0)).quarantine_in_force
