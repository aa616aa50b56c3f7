"""The basemap under every image: Natural Earth 1:50m land and country borders, clipped to the view, with a
graticule. Loading the outlines takes about 1.5 s, once per process (:func:`warm` does it ahead of time).
A small view that meets the box round Cuba, Florida and the Bahamas takes land and borders inside that box from
the 1:10m cut ``caribbean-10m.json`` (written by ``scripts/vendor_assets.py``) instead."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from geoapp import geo, paths
from geoapp.render.image.draw import BORDER, COAST, GRATICULE, LAND, Pens
from geoapp.viewport import MAX_LAT, Frame, project


@lru_cache(maxsize=1)
def _countries() -> Any:
    """Natural Earth 1:50m country outlines (lon/lat), mended at the antimeridian, as one geometry."""
    import geopandas as gpd

    frame = gpd.read_file(paths.COUNTRIES_TOPOJSON, layer="countries")
    lines = []
    for g in frame.geometry.values:
        if g is not None:
            lines.extend(shapely.get_parts(shapely.boundary(geo.cut_antimeridian(g))))
    return shapely.MultiLineString([ln for ln in lines if ln.geom_type == "LineString"])


#: The 1:10m cut of the region people zoom into, and the widest view (degrees of longitude) that uses it.
FINE_TOPOJSON = paths.VENDOR / "world-atlas" / "caribbean-10m.json"
FINE_SPAN = 20.0


@lru_cache(maxsize=1)
def _fine() -> tuple[tuple[float, float, float, float], Any, Any]:
    """The 1:10m cut: its box (west, south, east, north), its land (polygons) and its borders (lines)."""
    import geopandas as gpd

    box = tuple(json.loads(FINE_TOPOJSON.read_text(encoding="utf-8"))["bbox"])
    land, borders = (gpd.read_file(FINE_TOPOJSON, layer=name).geometry.values[0] for name in ("land", "borders"))
    return box, land, borders  # type: ignore[return-value]


def _finer(coarse: Any, fine: Any, fine_box: Any, view_box: Any) -> Any:
    """``coarse`` outside the fine box, ``fine`` (clipped to the view) inside it, as one geometry."""
    outside = shapely.difference(coarse, fine_box)
    inside = shapely.clip_by_rect(fine, *shapely.bounds(view_box))
    if shapely.get_dimensions(fine) == 2:  # land: one area, so that no seam is stroked where it meets the box
        return shapely.union_all([outside, inside])
    return shapely.GeometryCollection([outside, inside])


def warm() -> None:
    """Load the basemap's land and borders ahead of the first snapshot (about 1.5 s once per process)."""
    geo.land()
    _countries()


def _shifted(geom: Any, lon_range: tuple[float, float]) -> list[Any]:
    """The copies of a [-180, 180] geometry needed to cover a view that may run past ±180."""
    w, e = lon_range
    return [shapely.transform(geom, lambda xy, k=k: xy + [360.0 * k, 0.0]) if k else geom
            for k in (-1, 0, 1) if w < 180 + 360 * k and e > -180 + 360 * k]


def to_path(geom: Any) -> MplPath | None:
    """A matplotlib path (Mercator) for polygons or lines; polygon rings are closed, holes included."""
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    parts = shapely.get_parts(geom)
    while any(p.geom_type.startswith("Multi") or p.geom_type == "GeometryCollection" for p in parts):
        parts = shapely.get_parts(parts)  # down to single polygons and lines
    for part in parts:
        if part.is_empty:
            continue
        for ring in ([part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]):
            xy = np.asarray(ring.coords)
            if len(xy) < 2:
                continue
            x, y = project(xy[:, 0], xy[:, 1])
            verts.append(np.column_stack([x, y]))
            c = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            c[0] = MplPath.MOVETO
            if part.geom_type == "Polygon":
                c[-1] = MplPath.CLOSEPOLY
            codes.append(c)
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


@lru_cache(maxsize=16)
def basemap_paths(frame: Frame) -> tuple[MplPath | None, MplPath | None]:
    """Land and borders clipped to a frame (with a margin), as Mercator paths; cached per frame."""
    (w, e), (s, n) = frame.lon_range, frame.lat_range
    box = (w - 2, max(-89.0, s - 2), e + 2, min(89.0, n + 2))
    land = shapely.GeometryCollection([shapely.clip_by_rect(g, *box) for g in _shifted(geo.land(), (w, e))])
    borders = shapely.GeometryCollection([shapely.clip_by_rect(g, *box) for g in _shifted(_countries(), (w, e))])
    fine_box, fine_land, fine_borders = _fine()
    if e - w <= FINE_SPAN and w < fine_box[2] and e > fine_box[0] and s < fine_box[3] and n > fine_box[1]:
        cut, view = shapely.box(*fine_box), shapely.box(*box)
        land = _finer(shapely.union_all(shapely.get_parts(land)), fine_land, cut, view)
        borders = _finer(shapely.union_all(shapely.get_parts(borders)), fine_borders, cut, view)
    return to_path(land), to_path(borders)


def draw_basemap(ax: Axes, pens: Pens, frame: Frame) -> None:
    """The graticule (5°, 10° or 30° apart with the view's size), the land and the borders, under everything."""
    (w, e), (s, n) = frame.lon_range, frame.lat_range
    step = 5 if max(e - w, n - s) <= 60 else 10 if max(e - w, n - s) <= 160 else 30
    segs = []
    for lon in np.arange(math.floor(w / step) * step, e + step, step):
        x, y = project([lon, lon], [max(s, -MAX_LAT), min(n, MAX_LAT)])
        segs.append(np.column_stack([x, y]))
    for lat in np.arange(math.floor(s / step) * step, n + step, step):
        lons = np.linspace(w, e, 50)
        x, y = project(lons, np.full_like(lons, lat))
        segs.append(np.column_stack([x, y]))
    ax.add_collection(LineCollection(segs, colors=GRATICULE, linewidths=pens.pt(0.6), alpha=0.7, zorder=1))
    land, borders = basemap_paths(frame)
    if land is not None:
        ax.add_patch(PathPatch(land, facecolor=LAND, edgecolor=COAST, linewidth=pens.pt(0.8), zorder=2,
                               gid="cmc-land"))
    if borders is not None:
        lw = pens.pt(0.5)
        ax.add_patch(PathPatch(borders, facecolor="none", edgecolor=BORDER, linewidth=lw,
                               linestyle=pens.dashes("3 2", lw), zorder=3))
