"""The viewport: which part of the globe an image shows, in Web Mercator (the live map's projection).

Bounding boxes are parsed and checked here, lon/lat becomes Mercator metres here, and a box is fitted to an
image's shape here. The command line and the app check a box with this module alone, without loading the
image renderer (matplotlib): a kiosk never needs it.

A snapshot asked without a view, at a key moment, shows that moment's area (:func:`key_view`), as the live map
does when its time bar reaches the moment.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from pyproj import Transformer

BBox = tuple[float, float, float, float]

#: The view a snapshot shows unless told: Cuba, the quarantine arc, Florida and Washington.
DEFAULT_BBOX: BBox = (-98.0, 12.0, -60.0, 41.0)
MAX_LAT = 85.0
#: A snapshot made this long after a key moment is still framed on it: a time bar stepping by whole hours
#: (or ``--at 16:00Z``) still gets the moment of 15:20. Beyond it the default view is kept.
KEY_HOLD = timedelta(hours=1)
#: The margin added round a key moment's area on each side (a fraction of its span), so that what the moment is
#: about stays clear of the image's edges and, mostly, of its title and legend boxes.
FOCUS_MARGIN = 0.12
WORLD_M = 2 * math.pi * 6378137.0  # one turn of the globe in Web Mercator metres

_MERC_PROJ = "+proj=merc +a=6378137 +b=6378137 +over +units=m +no_defs"
_MERC = Transformer.from_crs("EPSG:4326", _MERC_PROJ, always_xy=True)
_MERC_INV = Transformer.from_crs(_MERC_PROJ, "EPSG:4326", always_xy=True)


def project(lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator metres for lon/lat (longitudes past ±180 stay unwrapped, as the live map draws them)."""
    x, y = _MERC.transform(np.asarray(lons, dtype=float), np.clip(np.asarray(lats, dtype=float), -MAX_LAT, MAX_LAT))
    return np.asarray(x), np.asarray(y)


def unproject(xs: Sequence[float] | np.ndarray, ys: Sequence[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat in degrees for Web Mercator metres (the inverse of :func:`project`, longitudes unwrapped)."""
    lon, lat = _MERC_INV.transform(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def parse_bbox(text: str) -> BBox:
    """``west,south,east,north`` in degrees, checked; raises ValueError with a sentence."""
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"'{text}' should be four numbers west,south,east,north in degrees, "
                         "e.g. -90,15,-65,35") from None
    return check_bbox((w, s, e, n))


def check_bbox(b: Sequence[float]) -> BBox:
    """A bounding box made sane: south < north within ±85°, west < east, at most one turn of the globe."""
    w, s, e, n = (float(v) for v in b)
    if not all(math.isfinite(v) for v in (w, s, e, n)):
        raise ValueError("the box has a value that is not a number")
    if not (-MAX_LAT <= s < n <= MAX_LAT):
        raise ValueError(f"south ({s}) must be below north ({n}), both between -85 and 85 degrees")
    if not (w < e and e - w <= 360 and -540 <= w <= 540 and -540 <= e <= 540):
        raise ValueError(f"west ({w}) must be less than east ({e}), at most 360 degrees apart")
    return w, s, e, n


@dataclass(frozen=True)
class Frame:
    """The map's extent in Mercator metres, fitted to the image's shape around the asked box."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def lon_range(self) -> tuple[float, float]:
        """West and east edges in degrees (unwrapped)."""
        (w, e), _ = unproject([self.x0, self.x1], [0.0, 0.0])
        return float(w), float(e)

    @property
    def lat_range(self) -> tuple[float, float]:
        """South and north edges in degrees."""
        _, (s, n) = unproject([0.0, 0.0], [self.y0, self.y1])
        return float(s), float(n)

    def touches(self, x: np.ndarray, y: np.ndarray) -> bool:
        """Whether a shape's Mercator bounds (``x``, ``y`` arrays) overlap the frame."""
        return bool(len(x)) and x.max() >= self.x0 and x.min() <= self.x1 and y.max() >= self.y0 and y.min() <= self.y1

    def copies(self, x: np.ndarray, y: np.ndarray) -> list[float]:
        """The shifts (whole turns of the globe, in metres) that bring a shape into the frame: a track drawn with
        longitudes past -180 still shows in a view given as 150..230 degrees east."""
        return [k * WORLD_M for k in (0, -1, 1, -2, 2) if self.touches(x + k * WORLD_M, y)]


def fit_frame(bbox: BBox, width: int, height: int) -> Frame:
    """The smallest extent with the image's aspect that holds ``bbox`` whole (it grows, never crops)."""
    w, s, e, n = bbox
    xs, ys = project([w, e], [s, n])
    x0, x1, y0, y1 = float(xs[0]), float(xs[1]), float(ys[0]), float(ys[1])
    aspect = width / height
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    if dx / dy < aspect:
        dx = dy * aspect
    else:
        dy = dx / aspect
    ylim = float(project([0.0], [MAX_LAT])[1][0])
    cy = min(max(cy, -ylim + dy / 2), ylim - dy / 2) if dy < 2 * ylim else 0.0
    return Frame(cx - dx / 2, cx + dx / 2, cy - dy / 2, cy + dy / 2)


def focus_bbox(bbox: Sequence[float], margin: float = FOCUS_MARGIN) -> BBox:
    """A key moment's area (``Focus.bbox``) as a view: one written across the antimeridian (``west > east``, such
    as 164..-145) is unwrapped eastwards (164..215, as ``--bbox 150,40,200,75`` is written), and a ``margin``
    (a fraction of the span) is added on every side, within ±85° of latitude."""
    w, s, e, n = (float(v) for v in bbox)
    if w > e:
        e += 360.0
    dx, dy = (e - w) * margin, (n - s) * margin
    return check_bbox((w - dx, max(-MAX_LAT, s - dy), e + dx, min(MAX_LAT, n + dy)))


def key_view(moments: Iterable[tuple[datetime, Sequence[float]]], moment: datetime,
             hold: timedelta = KEY_HOLD) -> BBox | None:
    """The view a snapshot at ``moment`` shows when no view is asked, from the key moments ``(time, focus bbox)``:
    the latest at or before ``moment`` and less than ``hold`` before it (the moment the caption tells), framed
    on its area (:func:`focus_bbox`); None when there is none (the default view then)."""
    held = [(when, bbox) for when, bbox in moments if when <= moment < when + hold]
    if not held:
        return None
    return focus_bbox(max(held, key=lambda m: m[0])[1])
