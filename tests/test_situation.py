"""Tier 2 and 4: the state at a moment - boundaries, interpolation, ships at sea, the antimeridian."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from geoapp import clock, geo
from geoapp.catalog import prepared_catalog
from geoapp.situation import situation_at, step_moments


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


def test_vessel_never_drawn_beyond_its_fixes(mini_prepared):
    first = _utc(1962, 10, 20, 12)
    last = _utc(1962, 10, 24, 12)
    assert situation_at(mini_prepared, first - timedelta(hours=13)).vessels == ()
    assert situation_at(mini_prepared, last + timedelta(hours=13)).vessels == ()
    before = situation_at(mini_prepared, first - timedelta(hours=6)).vessels[0]
    assert (before.lon, before.lat) == (-60.0, 27.0)  # stands at the first fix, not moved
    after = situation_at(mini_prepared, last + timedelta(hours=6)).vessels[0]
    assert (round(after.lon, 6), round(after.lat, 6)) == (-70.0, 26.0)


def test_vessel_moves_between_fixes_and_track_grows(mini_prepared):
    a = situation_at(mini_prepared, _utc(1962, 10, 21, 12)).vessels[0]
    b = situation_at(mini_prepared, _utc(1962, 10, 23, 12)).vessels[0]
    assert -70.0 < b.lon < a.lon < -60.0
    assert len(b.track) >= len(a.track) >= 2
    assert a.estimated  # the first fix is an estimate


def test_flight_crossing_the_antimeridian_is_continuous(mini_prepared):
    s = situation_at(mini_prepared, _utc(1962, 10, 27, 9, 0))
    f = s.flights[0]
    lons = [p[0] for p in f.flown]
    assert all(abs(b - a) < 5 for a, b in zip(lons, lons[1:], strict=False))
    assert max(lons) > 180.0 or min(lons) < -180.0 or abs(f.lon) > 179  # continues past ±180


def test_split_antimeridian_gives_valid_geojson_longitudes():
    parts = geo.split_antimeridian([(178.0, 68.0), (182.0, 67.0), (190.0, 67.0)])
    assert len(parts) == 2
    assert all(-180 <= x <= 180 for p in parts for x, _ in p)
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0


def test_situation_at_real_data_every_six_hours_has_ships_at_sea(prepared):
    """Every vessel position drawn, at every 6-hour step of the crisis, lies at sea."""
    bad = []
    for t in step_moments(clock.PERIODS["crisis"][0], clock.PERIODS["crisis"][1], timedelta(hours=6)):
        for vs in situation_at(prepared, t).vessels:
            lon = (vs.lon + 180) % 360 - 180
            if geo.on_land(lon, vs.lat) and geo.km_to_coast(lon, vs.lat) > 10:
                bad.append((vs.vessel.id, clock.iso(t), round(lon, 2), round(vs.lat, 2)))
    assert bad == []


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
