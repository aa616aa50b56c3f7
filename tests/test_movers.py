"""Tier 2 and 4: moving things (geoapp.movers) - never beyond their fixes, along sea routes, across the
antimeridian, and drawn as estimates where the sources are estimates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from geoapp import clock, geo, movers, style
from geoapp.catalog import prepared_catalog
from geoapp.layer import Context
from geoapp.situation import step_moments
from layers import REGISTRY


def _utc(*a):
    return datetime(*a, tzinfo=UTC)


def _movers(prepared, layer):
    fn = REGISTRY[layer].movers
    assert fn is not None
    return fn(prepared, Context(catalog=prepared.catalog))


@pytest.fixture
def mini_prepared(mini):
    return prepared_catalog(mini)


def _frame(mover, t):
    return movers.frame_at(mover, t.timestamp())


def test_vessel_never_drawn_beyond_its_fixes(mini_prepared):
    ship = _movers(mini_prepared, "ships")[0]
    first, last = _utc(1962, 10, 20, 12), _utc(1962, 10, 24, 12)
    assert _frame(ship, first - timedelta(hours=13)) is None
    assert _frame(ship, last + timedelta(hours=13)) is None
    before = _frame(ship, first - timedelta(hours=6))
    assert (before.lon, before.lat) == (-60.0, 27.0)  # stands at the first fix, not moved
    after = _frame(ship, last + timedelta(hours=6))
    assert (round(after.lon, 6), round(after.lat, 6)) == (-70.0, 26.0)


def test_vessel_moves_between_fixes_and_track_grows(mini_prepared):
    ship = _movers(mini_prepared, "ships")[0]
    a, b = _frame(ship, _utc(1962, 10, 21, 12)), _frame(ship, _utc(1962, 10, 23, 12))
    assert -70.0 < b.lon < a.lon < -60.0
    points = [sum(len(r.coords) for r in f.runs) for f in (a, b)]
    assert points[1] >= points[0] >= 2
    assert ship.marker_states[a.marker] == "estimated" and a.halo_km > 0  # the first fix is an estimate
    assert any(r.estimated for r in a.runs)


def test_estimated_positions_are_paler_with_a_halo_and_estimated_stretches_dashed(mini_prepared):
    ship = _movers(mini_prepared, "ships")[0]
    est, rep = ship.marker_styles[1], ship.marker_styles[0]
    assert est.fill_opacity == style.ESTIMATED_MARKER_FILL < rep.fill_opacity
    assert ship.line_styles[1].dash == style.ESTIMATE["dash"] and ship.line_styles[0].dash is None


def test_a_landed_flight_fades_then_goes(mini_prepared):
    flight = _movers(mini_prepared, "flights")[0]
    end = datetime.fromtimestamp(flight.track.end, tz=UTC)
    flying = _frame(flight, end - timedelta(minutes=5))
    landed = _frame(flight, end + timedelta(hours=1))
    assert flying.marker is not None and not any(r.faded for r in flying.runs)
    assert landed.marker is None and landed.runs and all(r.faded for r in landed.runs)
    assert movers.run_style(flight, landed.runs[0]).opacity == style.FADED_OPACITY
    assert _frame(flight, end + timedelta(days=2, hours=1)) is None
    [marker] = [f for f in movers.features_at(flight, end - timedelta(minutes=5)) if f.geometry["type"] == "Point"]
    assert marker.props["status"] == "airborne"
    assert {f.props["status"] for f in movers.features_at(flight, end + timedelta(hours=1))} == {"landed"}


def test_flight_crossing_the_antimeridian_is_continuous(mini_prepared):
    flight = _movers(mini_prepared, "flights")[0]
    fr = _frame(flight, _utc(1962, 10, 27, 9, 0))
    lons = [c[0] for r in fr.runs for c in r.coords]
    assert all(abs(b - a) < 5 for a, b in zip(lons, lons[1:], strict=False))
    assert max(lons) > 180.0 or min(lons) < -180.0 or abs(fr.lon) > 179  # continues past ±180


def test_real_ships_are_at_sea_every_six_hours(prepared):
    """Every vessel position drawn, at every 6-hour step of the crisis, lies at sea."""
    ships = _movers(prepared, "ships")
    bad = []
    for t in step_moments(clock.PERIODS["crisis"][0], clock.PERIODS["crisis"][1], timedelta(hours=6)):
        for m in ships:
            fr = _frame(m, t)
            if fr is None:
                continue
            lon = (fr.lon + 180) % 360 - 180
            if geo.on_land(lon, fr.lat) and geo.km_to_coast(lon, fr.lat) > 10:
                bad.append((m.id, clock.iso(t), round(lon, 2), round(fr.lat, 2)))
    assert bad == []
