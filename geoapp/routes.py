"""Timed tracks: where a ship or aircraft is between its timed positions.

A ship between two fixes follows the geodesic when that stays at sea, otherwise a sea route from
the ``searoute`` marine network (through straits and round capes), at constant speed over the
interval. An aircraft flies the geodesic between timed vertices. Nothing is invented before the
first or after the last timed position. Longitudes are unwrapped (a track crossing the
antimeridian continues past ±180) so that interpolation and drawing never jump across the map.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import searoute

from geoapp import geo
from geoapp.model import Flight, Vessel
from geoapp.style import ESTIMATE_THRESHOLD_KM

#: How far inland (km) a densified sea leg may clip a coarse 1:50m coastline.
SEA_LEG_TOLERANCE_KM = 8.0
#: How far off shore a route point pulled off the land mask is put.
SEAWARD_KM = 15.0


@dataclass(frozen=True)
class Track:
    """A densified timed polyline: parallel tuples of epoch seconds, lon (unwrapped), lat.

    ``estimated[i]`` tells whether the stretch from point i to i+1 rests on an estimate.
    ``precision[i]`` is the position uncertainty (km) at point i.
    """

    times: tuple[float, ...]
    lons: tuple[float, ...]
    lats: tuple[float, ...]
    estimated: tuple[bool, ...]
    precision: tuple[float, ...]

    @property
    def start(self) -> float:
        return self.times[0]

    @property
    def end(self) -> float:
        return self.times[-1]

    def index_at(self, ts: float) -> int:
        """Index of the last point at or before ``ts`` (clamped to the track)."""
        return max(0, min(len(self.times) - 1, bisect_right(self.times, ts) - 1))

    def position_at(self, ts: float) -> tuple[float, float]:
        """Interpolated (lon, lat) at epoch ``ts``, clamped to the ends of the track."""
        if ts <= self.times[0]:
            return self.lons[0], self.lats[0]
        if ts >= self.times[-1]:
            return self.lons[-1], self.lats[-1]
        i = self.index_at(ts)
        t0, t1 = self.times[i], self.times[i + 1]
        f = 0.0 if t1 == t0 else (ts - t0) / (t1 - t0)
        return (self.lons[i] + f * (self.lons[i + 1] - self.lons[i]),
                self.lats[i] + f * (self.lats[i + 1] - self.lats[i]))

    def so_far(self, ts: float) -> list[tuple[float, float, bool]]:
        """The track flown up to ``ts``: (lon, lat, estimated-from-here) triples, ending at the position."""
        i = self.index_at(ts)
        pts = [(self.lons[k], self.lats[k], self.estimated[k]) for k in range(i + 1)]
        if self.times[0] < ts < self.times[-1]:
            lon, lat = self.position_at(ts)
            pts.append((lon, lat, self.estimated[i]))
        return pts


def sea_leg(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """Points from a to b at sea: the geodesic if it stays off land, else a searoute path.

    The path the map draws between two fixes; ``validate`` measures ship speeds along it, so each leg
    is computed once per process (cached).
    """
    return list(_sea_leg_cached(a, b))


@lru_cache(maxsize=4096)
def _sea_leg_cached(a: tuple[float, float], b: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    return tuple(_sea_leg(a, b))


def _sea_leg(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """Points from a to b at sea, computed (see :func:`sea_leg`)."""
    direct = geo.geodesic_path(a[0], a[1], b[0], b[1], max_km=40.0)
    if geo.distance_km(*a, *b) < 1.0 or not geo.segment_crosses_land(direct, tolerance_km=SEA_LEG_TOLERANCE_KM):
        return direct
    feature = searoute.searoute([a[0], a[1]], [b[0], b[1]])
    mids = [_seaward(c[0], c[1]) for c in feature["geometry"]["coordinates"]]
    path = [a, *mids, b]
    out = [a]
    for p, q in zip(path, path[1:], strict=False):
        out.extend(_repair(p, q, depth=6)[1:])
    return out


def _seaward(lon: float, lat: float) -> tuple[float, float]:
    """A route point moved off the land mask when the coarse network put it inland.

    The point is carried past the nearest coast along the geodesic from it, to sit
    ``SEAWARD_KM`` off shore (ellipsoidal, never in degrees).
    """
    if not geo.on_land(lon, lat) or geo.km_to_coast(lon, lat) <= SEA_LEG_TOLERANCE_KM:
        return (lon, lat)
    near = geo.nearest_coast_point(lon, lat)
    az, _, _ = geo.GEOD.inv(lon, lat, near[0], near[1])
    return geo.destination(near[0], near[1], az, SEAWARD_KM)


def _repair(a: tuple[float, float], b: tuple[float, float], depth: int) -> list[tuple[float, float]]:
    """a → b, split at seaward midpoints until no stretch runs over land (or depth runs out)."""
    line = geo.geodesic_path(a[0], a[1], b[0], b[1], max_km=20.0)
    if depth == 0 or not geo.segment_crosses_land(line, tolerance_km=SEA_LEG_TOLERANCE_KM):
        return [a, b]
    mid = line[len(line) // 2]
    m = _seaward(mid[0], mid[1])
    return _repair(a, m, depth - 1)[:-1] + _repair(m, b, depth - 1)


def _timed(points: list[tuple[float, float]], t0: float, t1: float) -> list[tuple[float, float, float]]:
    """Spread ``t0..t1`` along ``points`` in proportion to geodesic distance (constant speed)."""
    cum = geo.path_length_km(points)
    total = cum[-1] or 1.0
    return [(t0 + (t1 - t0) * c / total, p[0], p[1]) for p, c in zip(points, cum, strict=True)]


def _assemble(legs: list[tuple[list[tuple[float, float, float]], bool, float, float]]) -> Track:
    times: list[float] = []
    lons: list[float] = []
    lats: list[float] = []
    est: list[bool] = []
    prec: list[float] = []
    for pts, estimated, p0, p1 in legs:
        n = len(pts)
        for k, (t, lon, lat) in enumerate(pts):
            if times and k == 0:
                est[-1] = estimated
                continue  # shared end point of the previous leg
            times.append(t)
            lons.append(lon)
            lats.append(lat)
            est.append(estimated)
            prec.append(p0 + (p1 - p0) * (k / (n - 1) if n > 1 else 0))
    unwrapped = geo.unwrap(lons)
    # whole seconds, strictly increasing (zero-length legs nudged by a second), so that the times the
    # browser receives as integers order and interpolate exactly as here
    times = [float(round(x)) for x in times]
    for i in range(1, len(times)):
        if times[i] <= times[i - 1]:
            times[i] = times[i - 1] + 1.0
    return Track(tuple(times), tuple(unwrapped), tuple(lats), tuple(est), tuple(prec))


def vessel_track(vessel: Vessel) -> Track:
    """The vessel's timed track through all its fixes, by sea."""
    fixes = vessel.fixes
    if len(fixes) == 1:
        f = fixes[0]
        ts = f.time.timestamp()
        return Track((ts,), (f.lon,), (f.lat,), (not f.observed,), (f.precision_km,))
    legs = []
    for a, b in zip(fixes, fixes[1:], strict=False):
        pts = sea_leg((a.lon, a.lat), (b.lon, b.lat))
        timed = _timed(pts, a.time.timestamp(), b.time.timestamp())
        legs.append((timed, not (a.observed and b.observed), a.precision_km, b.precision_km))
    return _assemble(legs)


def flight_track(flight: Flight) -> Track:
    """The flight's timed track along geodesics between its vertices."""
    legs = []
    vs = flight.vertices
    for a, b in zip(vs, vs[1:], strict=False):
        pts = geo.geodesic_path(a.lon, a.lat, b.lon, b.lat, max_km=60.0)
        timed = _timed(pts, a.time.timestamp(), b.time.timestamp())
        legs.append((timed, flight.representative or max(a.precision_km, b.precision_km) > ESTIMATE_THRESHOLD_KM,
                     a.precision_km, b.precision_km))
    return _assemble(legs)
