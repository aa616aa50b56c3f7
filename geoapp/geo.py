"""Geodesy on the WGS84 ellipsoid and the land mask.

Rings, arcs and distances use ``pyproj.Geod`` (never buffers in degrees). Lines that cross the
antimeridian are unwrapped (longitudes continue past ±180) for drawing, and split for GeoJSON.
The land mask is Natural Earth 1:50m land (``static/vendor/world-atlas/land-50m.json``).
"""

from __future__ import annotations

import math
from functools import lru_cache

import shapely
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points

from geoapp.paths import LAND_TOPOJSON

GEOD = Geod(ellps="WGS84")
NMI_KM = 1.852


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km between two points on the ellipsoid."""
    _, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return metres / 1000.0


def destination(lon: float, lat: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lon, lat) along the initial ``bearing_deg`` (clockwise from north)."""
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing_deg, km * 1000.0)
    return lon2, lat2


def unwrap(lons: list[float]) -> list[float]:
    """Longitudes made continuous: a jump over ±180 continues past it (e.g. 179 → 181)."""
    if not lons:
        return []
    out = [lons[0]]
    for lon in lons[1:]:
        prev = out[-1]
        d = lon - (prev - 360.0 * round(prev / 360.0))
        d = (d + 180.0) % 360.0 - 180.0
        out.append(prev + d)
    return out


def geodesic_circle(lon: float, lat: float, radius_km: float, n: int = 180) -> list[tuple[float, float]]:
    """A closed ring of ``n`` points at ``radius_km`` about (lon, lat), longitudes unwrapped."""
    pts = [destination(lon, lat, 360.0 * i / n, radius_km) for i in range(n)]
    lons = unwrap([p[0] for p in pts])
    ring = list(zip(lons, [p[1] for p in pts], strict=True))
    ring.append(ring[0])
    return ring


def geodesic_arc(
    lon: float, lat: float, radius_km: float, bearing_from: float, bearing_to: float, step_deg: float = 2.0
) -> list[tuple[float, float]]:
    """Points at ``radius_km`` about (lon, lat) from ``bearing_from`` clockwise to ``bearing_to``."""
    span = (bearing_to - bearing_from) % 360.0 or 360.0
    n = max(2, int(math.ceil(span / step_deg)) + 1)
    pts = [destination(lon, lat, bearing_from + span * i / (n - 1), radius_km) for i in range(n)]
    lons = unwrap([p[0] for p in pts])
    return list(zip(lons, [p[1] for p in pts], strict=True))


def geodesic_path(lon1: float, lat1: float, lon2: float, lat2: float, max_km: float = 50.0) -> list[tuple]:
    """The geodesic from one point to another, densified every ``max_km`` (ends included)."""
    total = distance_km(lon1, lat1, lon2, lat2)
    n = int(total // max_km)
    mids = GEOD.npts(lon1, lat1, lon2, lat2, n) if n > 0 else []
    return [(lon1, lat1), *mids, (lon2, lat2)]


def path_length_km(coords: list[tuple[float, float]]) -> list[float]:
    """Cumulative geodesic length (km) along a polyline, starting at 0."""
    out = [0.0]
    for (a, b), (c, d) in zip(coords, coords[1:], strict=False):
        out.append(out[-1] + distance_km(a, b, c, d))
    return out


def split_antimeridian(coords: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split an (unwrapped or wrapped) polyline into parts with longitudes in [-180, 180].

    Used for GeoJSON output (RFC 7946 asks lines crossing the antimeridian to be cut).
    """
    if not coords:
        return []
    lons = unwrap([c[0] for c in coords])
    pts = list(zip(lons, [c[1] for c in coords], strict=True))
    parts: list[list[tuple[float, float]]] = [[]]
    for i, (lon, lat) in enumerate(pts):
        shift = 360.0 * math.floor((lon + 180.0) / 360.0)
        if i > 0:
            plon, plat = pts[i - 1]
            pshift = 360.0 * math.floor((plon + 180.0) / 360.0)
            if shift != pshift:
                edge = 180.0 + pshift if lon > plon else -180.0 + pshift
                f = (edge - plon) / (lon - plon)
                elat = plat + f * (lat - plat)
                parts[-1].append((edge - pshift, elat))
                parts.append([(edge - shift, elat)])
        parts[-1].append((lon - shift, lat))
    return [p for p in parts if len(p) >= 2] or [[(pts[0][0], pts[0][1])]]


def cut_antimeridian(poly):
    """A polygon that wraps across ±180 (read from TopoJSON as a band round the globe), cut in two.

    Its far-western longitudes (west of 90° W) are carried east by 360°, it is made valid, then split at 180° and the
    eastern part carried back, so that Chukotka, Wrangel Island and Fiji sit where they are.
    """
    minx, miny, maxx, _ = poly.bounds
    if maxx - minx <= 180.0 or miny < -60.0:  # Antarctica closes round the pole: keep it whole
        return poly if poly.is_valid else shapely.make_valid(poly)
    shifted = shapely.transform(poly, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < -90.0))
    shifted = shapely.make_valid(shifted)
    west = shapely.intersection(shifted, shapely.box(0.0, -90.0, 180.0, 90.0))
    east = shapely.intersection(shifted, shapely.box(180.0, -90.0, 540.0, 90.0))
    east = shapely.transform(east, lambda xy: xy - [360.0, 0.0])
    return shapely.GeometryCollection([west, east])


@lru_cache(maxsize=1)
def land():
    """Natural Earth 1:50m land as one prepared shapely MultiPolygon (loaded once)."""
    import geopandas as gpd

    frame = gpd.read_file(LAND_TOPOJSON)
    polys: list = []
    for raw in shapely.get_parts(frame.geometry.values):
        fixed = cut_antimeridian(raw)
        for part in shapely.get_parts(shapely.get_parts(fixed)):
            polys.extend(shapely.get_parts(part) if part.geom_type == "MultiPolygon" else
                         [part] if part.geom_type == "Polygon" else [])
    geom = shapely.MultiPolygon(polys)
    shapely.prepare(geom)
    return geom


@lru_cache(maxsize=1)
def coastline():
    """The land mask's outlines, as one prepared geometry."""
    geom = shapely.boundary(land())
    shapely.prepare(geom)
    return geom


def on_land(lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies on Natural Earth 1:50m land."""
    return land().contains(Point(lon, lat))


def nearest_coast_point(lon: float, lat: float) -> tuple[float, float]:
    """The nearest point of the land mask's coastline to (lon, lat)."""
    near = nearest_points(coastline(), Point(lon, lat))[0]
    return near.x, near.y


def km_to_coast(lon: float, lat: float) -> float:
    """Geodesic distance (km) from (lon, lat) to the nearest coastline of the land mask."""
    x, y = nearest_coast_point(lon, lat)
    return distance_km(lon, lat, x, y)


def segment_crosses_land(coords: list[tuple[float, float]], tolerance_km: float = 5.0) -> bool:
    """Whether a polyline runs over land further than ``tolerance_km`` from the coast.

    Points are sampled along it; the ends are allowed to sit on the coast (ports).
    """
    for lon, lat in coords[1:-1]:
        wlon = (lon + 180.0) % 360.0 - 180.0
        if on_land(wlon, lat) and km_to_coast(wlon, lat) > tolerance_km:
            return True
    return False
