"""Styles (:class:`geoapp.style.Style`) in matplotlib's terms: one helper per geometry family (points, lines,
areas, halos), the palette, the fonts, and the draw order of layers.

Sizes in a style are the live map's CSS pixels at 1920×1080; :class:`Pens` turns them into points for the image
at hand. The renderer knows no layer by name: each layer's place in the draw order comes from the scene.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import matplotlib_fontja  # noqa: F401 - registers IPAexGothic with matplotlib's font manager
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geoapp import geo, style
from geoapp.layer import Feature
from geoapp.style import BASEMAP, Style
from geoapp.viewport import Frame, project

FONTS = ["DejaVu Sans", "IPAexGothic"]


class _NoBoldFallbackNote(logging.Filter):
    """IPAexGothic has one weight; bold Latin text lists it as a fallback, and matplotlib notes each time that it
    found no bold face. The note is expected, so it is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to find font weight" not in record.getMessage()


logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldFallbackNote())
SEA, LAND, COAST, BORDER, GRATICULE, INK = (BASEMAP[k] for k in ("sea", "land", "coast", "border", "graticule", "ink"))


def _css_rgba(css: str) -> tuple[float, float, float, float]:
    """A CSS ``rgba(r,g,b,a)`` colour as matplotlib's (r, g, b, a) in 0..1."""
    r, g, b, a = (float(v) for v in css[css.index("(") + 1:css.index(")")].split(","))
    return (r / 255, g / 255, b / 255, a)


BOX = _css_rgba(style.BOX)
HALO = style.HALO

#: matplotlib z-orders for the features: above the basemap (1 to 3), below the furniture (20 and up)
FEATURES_Z = (5.0, 19.0)

def rgba(color: str | None, alpha: float) -> tuple[float, float, float, float]:
    """A colour (``#rrggbb``, a name; dark grey when missing) with its opacity clamped to 0..1."""
    r, g, b, _ = to_rgba(color or "#333333")
    return (r, g, b, max(0.0, min(1.0, alpha)))


def mathtext_escape(text: str) -> str:
    """A glyph made safe inside mathtext (``$...$``), used to draw marker glyphs in the legend."""
    return "".join("\\" + c if c in "#$%&_{}^~\\" else c for c in text)


class Pens:
    """Converts the live map's CSS pixels to points for one image size."""

    def __init__(self, width: int, height: int, dpi: float):
        r = min(width / 1920, height / 1080)
        # 1 at 1920×1080 and in proportion above it (4K looks like full HD, only sharper); smaller images keep text
        # legible; and at print resolutions the smallest text stays about 6 pt on paper (dpi / 115).
        self.scale = max(r if r >= 1 else r ** 0.5, dpi / 115)
        self.dpi = dpi

    def pt(self, css_px: float) -> float:
        """Points for a length in the live map's CSS pixels at 1920×1080."""
        return css_px * self.scale * 72.0 / self.dpi

    def dashes(self, dash: str | None, weight_pt: float) -> Any:
        """A matplotlib line style for a CSS dash pattern such as ``"6 4"``."""
        if not dash:
            return "solid"
        parts = [float(v) for v in str(dash).replace(",", " ").split()]
        lw = max(weight_pt, 1e-3)
        return (0, tuple(self.pt(p) / lw for p in parts))


# -- draw order -------------------------------------------------------------------------------------------


class ZBand(NamedTuple):
    """The z-orders of one layer's artists: halos just under its markers and lines, glyphs just over them."""

    halo: float
    body: float
    glyph: float


def layer_zorders(orders: Iterable[tuple[str, int]]) -> dict[str, ZBand]:
    """A z-order band per layer from ``(layer id, Layer.order)`` pairs: lower orders draw underneath, as on the
    live map. Bands are one unit apart (closer with many layers) inside :data:`FEATURES_Z`."""
    pairs = list(orders)
    ranks = {z: i for i, z in enumerate(sorted({z for _, z in pairs}))}
    lo, hi = FEATURES_Z
    step = min(1.0, (hi - lo) / max(1, len(ranks) - 1))
    return {lid: zband(lo + ranks[z] * step, step) for lid, z in pairs}


def zband(body: float, step: float = 1.0) -> ZBand:
    """The band of a layer drawn at ``body``, whose neighbours are ``step`` away."""
    return ZBand(body - step / 2, body, body + step / 10)


# -- one helper per geometry family -------------------------------------------------------------------------


def halo(ax: Axes, pens: Pens, x: np.ndarray, y: np.ndarray, sty: Style, z: float) -> Any:
    """An uncertainty halo: the ring (Mercator ``x``, ``y``) filled faintly and outlined dashed."""
    lw = pens.pt(HALO["weight"])
    return ax.fill(x, y, facecolor=rgba(sty.color, HALO["fill_opacity"]),
                   edgecolor=rgba(sty.color, HALO["opacity"]), linewidth=lw,
                   linestyle=pens.dashes(HALO["dash"], lw), zorder=z)[0]


def marker_radius(sty: Style) -> float:
    """A point marker's radius in CSS pixels: the style's radius plus the outline."""
    return float(sty.radius) + 2


def point(ax: Axes, pens: Pens, x: np.ndarray, y: np.ndarray, sty: Style, band: ZBand) -> list[Any]:
    """A point marker (a circle, dashed when the style says so) with its glyph on top, if it has one."""
    r = marker_radius(sty)
    op = sty.opacity
    out = [ax.scatter(x, y, s=(2 * pens.pt(r)) ** 2, marker="o", zorder=band.body,
                      facecolors=[rgba(sty.fill_color, sty.fill_opacity * op)],
                      edgecolors=[rgba(sty.color, op)], linewidths=pens.pt(2),
                      linestyles="dashed" if sty.dash else "solid")]
    if sty.outline:  # what Washington did not know: a dashed ring round the marker
        out.append(ax.scatter(x, y, s=(2 * pens.pt(r + 4.5)) ** 2, marker="o", zorder=band.body,
                              facecolors="none", edgecolors=[rgba(sty.outline, 1.0)], linewidths=pens.pt(2.5),
                              linestyles="dashed"))
    if sty.symbol:
        out.append(ax.text(float(x[0]), float(y[0]), sty.symbol, ha="center", va="center_baseline",
                           fontsize=pens.pt(11 if r < 10 else 12), color="white", family=FONTS, zorder=band.glyph,
                           alpha=op, path_effects=[patheffects.withStroke(linewidth=pens.pt(1.5),
                                                                          foreground=(0, 0, 0, 0.45))]))
    return out


def line(ax: Axes, pens: Pens, x: np.ndarray, y: np.ndarray, sty: Style, z: float) -> Any:
    """A line with round caps, dashed when the style says so."""
    lw = pens.pt(float(sty.weight))
    return ax.plot(x, y, color=rgba(sty.color, sty.opacity), linewidth=lw,
                   linestyle=pens.dashes(sty.dash, lw), solid_capstyle="round", zorder=z)[0]


def area(ax: Axes, pens: Pens, x: np.ndarray, y: np.ndarray, sty: Style, z: float) -> Any:
    """A ring filled at the style's fill opacity and outlined."""
    lw = pens.pt(float(sty.weight))
    return ax.fill(x, y, facecolor=rgba(sty.fill_color, sty.fill_opacity),
                   edgecolor=rgba(sty.color, sty.opacity), linewidth=lw,
                   linestyle=pens.dashes(sty.dash, lw), zorder=z)[0]


# -- one feature ----------------------------------------------------------------------------------------------


def _rings(geometry: Mapping[str, Any]) -> list[list]:
    """The coordinate runs of a line or area geometry: each line, or each ring of each polygon."""
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "LineString":
        return [coords]
    if kind in ("MultiLineString", "Polygon"):
        return list(coords)
    if kind == "MultiPolygon":
        return [r for poly in coords for r in poly]
    return []


def feature(ax: Axes, pens: Pens, frame: Frame, f: Feature, band: ZBand) -> tuple[list[Any], bool]:
    """Draw one feature in every copy of the world that falls in the frame; return its artists and whether any
    copy is in view."""
    sty, geom = f.style, f.geometry
    artists: list[Any] = []
    if geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        x, y = project([lon], [lat])
        hx = hy = None
        if sty.halo_km > 0:
            ring = geo.geodesic_circle(lon, lat, sty.halo_km, n=72)
            hx, hy = project([c[0] for c in ring], [c[1] for c in ring])
        shifts = frame.copies(hx if hx is not None else x, hy if hy is not None else y)
        for dx in shifts:
            if hx is not None:
                artists.append(halo(ax, pens, hx + dx, hy, sty, band.halo))
            artists.extend(point(ax, pens, x + dx, y, sty, band))
        return artists, any(frame.touches(x + dx, y) for dx in shifts)
    filled = geom.get("type") in ("Polygon", "MultiPolygon")
    draw = area if filled else line
    seen = False
    for coords in _rings(geom):
        if len(coords) < 2:
            continue
        x, y = project([c[0] for c in coords], [c[1] for c in coords])
        for dx in frame.copies(x, y):
            seen = seen or crosses(frame, x + dx, y, filled and sty.fill_opacity > 0)
            artists.append(draw(ax, pens, x + dx, y, sty, band.body))
    return artists, seen


def crosses(frame: Frame, x: np.ndarray, y: np.ndarray, filled: bool) -> bool:
    """Whether a line or a ring's outline (Mercator ``x``, ``y``) passes through the frame, or a filled ring
    covers part of it: what a reader can see, not only whose bounds overlap (a 2,400 km ring round England has
    bounds that reach the mid-Atlantic and an outline that does not). The legend and the sources go by it."""
    view = shapely.box(frame.x0, frame.y0, frame.x1, frame.y1)
    points = np.column_stack([x, y])
    shape = shapely.Polygon(points) if filled and len(points) >= 3 else shapely.LineString(points)
    return bool(shapely.intersects(view, shape))


def legend_handle(pens: Pens, sty: Style) -> Any:
    """A legend sample for a style: a line, an area swatch, or a point marker with its glyph."""
    color = sty.color
    lw = pens.pt(float(sty.weight))
    if sty.shape == "line":
        return Line2D([], [], color=rgba(color, sty.opacity), linewidth=lw, linestyle=pens.dashes(sty.dash, lw))
    if sty.shape == "area":
        return Patch(facecolor=rgba(color, 0.15), edgecolor=color, linewidth=lw, linestyle=pens.dashes(sty.dash, lw))
    r = marker_radius(sty)
    circle = Line2D([], [], linestyle="none", marker="o", markersize=1.6 * pens.pt(r),
                    markerfacecolor=rgba(sty.fill_color, sty.fill_opacity),
                    markeredgecolor=color, markeredgewidth=pens.pt(2))
    parts = [circle]
    if sty.outline:  # what Washington did not know: ringed
        parts.insert(0, Line2D([], [], linestyle="none", marker="o", markersize=1.6 * pens.pt(r + 4.5),
                               markerfacecolor="none", markeredgecolor=sty.outline, markeredgewidth=pens.pt(2)))
    if sty.symbol:
        parts.append(Line2D([], [], linestyle="none", marker=f"${mathtext_escape(sty.symbol)}$",
                            markersize=pens.pt(r * 0.95), markerfacecolor="white", markeredgecolor="white",
                            markeredgewidth=0))
    return parts[0] if len(parts) == 1 else tuple(parts)
