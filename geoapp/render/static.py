"""The scene as a still image (PNG, SVG, PDF) drawn with matplotlib, for print, slides and video.

It draws what the live map draws (the same features, styles and moment) on the embedded Natural Earth
basemap in Web Mercator, the live map's projection, and adds what a printed map needs: a title, the
moment in Washington time (zone named) and GMT, the latest event, a legend for the layers shown, a scale
bar (true at the map's centre latitude) and the sources of everything drawn. Text uses DejaVu Sans with
IPAexGothic (bundled by ``matplotlib-fontja``) for Japanese, so no glyph is missing.

No pyplot: figures are made with ``Figure`` and the Agg canvas, so this is safe inside Streamlit's threads.
The same inputs always give the same bytes (no dates or random ids in the files).
"""

from __future__ import annotations

import io
import logging
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib
import matplotlib_fontja  # noqa: F401 - registers IPAexGothic with matplotlib's font manager
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from pyproj import Transformer

from geoapp import geo
from geoapp.i18n import t
from geoapp.layer import Feature
from geoapp.scene import Scene
from geoapp.style import BASEMAP

matplotlib.rcParams["svg.hashsalt"] = "cmc-atlas"  # stable ids in SVG files
matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: the SVG shows the same without the fonts
matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType in PDF: Japanese text stays text

FONTS = ["DejaVu Sans", "IPAexGothic"]


class _NoBoldFallbackNote(logging.Filter):
    """IPAexGothic has one weight; bold Latin text lists it as a fallback, and matplotlib notes each time that it
    found no bold face. The note is expected, so it is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to find font weight" not in record.getMessage()


logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldFallbackNote())
SEA, LAND, COAST, BORDER, GRATICULE, INK = (BASEMAP[k] for k in ("sea", "land", "coast", "border", "graticule", "ink"))
BOX = (250 / 255, 246 / 255, 236 / 255, 0.94)

#: The view a snapshot shows unless told: Cuba, the quarantine arc, Florida and Washington.
DEFAULT_BBOX = (-98.0, 12.0, -60.0, 41.0)
MAX_LAT = 85.0
WORLD_M = 2 * math.pi * 6378137.0  # one turn of the globe in Web Mercator metres

#: Output choices offered in the app: (width px, height px, dpi, format).
PRESETS: dict[str, tuple[int, int, int, str]] = {
    "png_1080": (1920, 1080, 100, "png"),
    "png_4k": (3840, 2160, 200, "png"),
    "png_a4": (3508, 2480, 300, "png"),
    "svg": (1920, 1080, 100, "svg"),
    "pdf": (3508, 2480, 300, "pdf"),
}
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

_MERC = Transformer.from_crs("EPSG:4326", "+proj=merc +a=6378137 +b=6378137 +over +units=m +no_defs",
                             always_xy=True)
_MERC_INV = Transformer.from_crs("+proj=merc +a=6378137 +b=6378137 +over +units=m +no_defs", "EPSG:4326",
                                 always_xy=True)


def project(lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator metres for lon/lat (longitudes past ±180 stay unwrapped, as the live map draws them)."""
    x, y = _MERC.transform(np.asarray(lons, dtype=float), np.clip(np.asarray(lats, dtype=float), -MAX_LAT, MAX_LAT))
    return np.asarray(x), np.asarray(y)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees, checked; raises ValueError with a sentence."""
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"'{text}' should be four numbers west,south,east,north in degrees, "
                         "e.g. -90,15,-65,35") from None
    return check_bbox((w, s, e, n))


def check_bbox(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
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
        (w, e), _ = _MERC_INV.transform([self.x0, self.x1], [0.0, 0.0])
        return float(w), float(e)

    @property
    def lat_range(self) -> tuple[float, float]:
        """South and north edges in degrees."""
        _, (s, n) = _MERC_INV.transform([0.0, 0.0], [self.y0, self.y1])
        return float(s), float(n)


def fit_frame(bbox: tuple[float, float, float, float], width: int, height: int) -> Frame:
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


# -- the basemap ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries():
    """Natural Earth 1:50m country outlines (lon/lat), mended at the antimeridian, as one geometry."""
    import geopandas as gpd

    frame = gpd.read_file(geo.COUNTRIES_TOPOJSON, layer="countries")
    lines = []
    for g in frame.geometry.values:
        if g is not None:
            lines.extend(shapely.get_parts(shapely.boundary(geo.cut_antimeridian(g))))
    return shapely.MultiLineString([ln for ln in lines if ln.geom_type == "LineString"])


def _shifted(geom, lon_range: tuple[float, float]):
    """The copies of a [-180, 180] geometry needed to cover a view that may run past ±180."""
    w, e = lon_range
    return [shapely.transform(geom, lambda xy, k=k: xy + [360.0 * k, 0.0]) if k else geom
            for k in (-1, 0, 1) if w < 180 + 360 * k and e > -180 + 360 * k]


def _to_path(geom) -> MplPath | None:
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
def _basemap_paths(frame: Frame) -> tuple[MplPath | None, MplPath | None]:
    """Land and borders clipped to a frame (with a margin), as Mercator paths; cached per frame."""
    (w, e), (s, n) = frame.lon_range, frame.lat_range
    box = (w - 2, max(-89.0, s - 2), e + 2, min(89.0, n + 2))
    land = [shapely.clip_by_rect(g, *box) for g in _shifted(geo.land(), (w, e))]
    borders = [shapely.clip_by_rect(g, *box) for g in _shifted(_countries(), (w, e))]
    return _to_path(shapely.GeometryCollection(land)), _to_path(shapely.GeometryCollection(borders))


# -- styles -----------------------------------------------------------------------------------------------


def _mathtext_escape(text: str) -> str:
    """A glyph made safe inside mathtext (``$...$``), used to draw marker glyphs in the legend."""
    return "".join("\\" + c if c in "#$%&_{}^~\\" else c for c in text)


def _bold(lang: str) -> str:
    """Bold where the font has it: the bundled Japanese font (IPAexGothic) has one weight only."""
    return "normal" if lang == "ja" else "bold"


def _rgba(color: str | None, alpha: float) -> tuple[float, float, float, float]:
    r, g, b, _ = matplotlib.colors.to_rgba(color or "#333333")
    return (r, g, b, max(0.0, min(1.0, alpha)))


class _Pens:
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


# -- the map ----------------------------------------------------------------------------------------------


class StaticMap:
    """One image of the map: the basemap is drawn once; each scene's features and texts are added on top.

    ``draw(scene)`` then ``save(fmt)`` for a snapshot; for an animation, ``frame(scene)`` returns the RGB
    pixels and clears the scene's artists, keeping the basemap for the next frame.
    """

    def __init__(self, width: int = 1920, height: int = 1080, dpi: float = 100,
                 bbox: tuple[float, float, float, float] | None = None):
        self.width, self.height, self.dpi = int(width), int(height), float(dpi)
        self.bbox = check_bbox(bbox or DEFAULT_BBOX)
        self.frame_ = fit_frame(self.bbox, self.width, self.height)
        self.pens = _Pens(self.width, self.height, self.dpi)
        self.fig = Figure(figsize=(self.width / self.dpi, self.height / self.dpi), dpi=self.dpi, facecolor=SEA)
        self.canvas = FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()  # the figure's own colour is the sea
        ax.set_xlim(self.frame_.x0, self.frame_.x1)
        ax.set_ylim(self.frame_.y0, self.frame_.y1)
        ax.set_aspect("equal", adjustable="box")
        self.ax = ax
        self._dynamic: list[Any] = []
        self._draw_basemap()
        self._draw_scale_bar()

    # basemap, graticule and scale bar: once per image
    def _draw_basemap(self) -> None:
        p = self.pens
        (w, e), (s, n) = self.frame_.lon_range, self.frame_.lat_range
        step = 5 if max(e - w, n - s) <= 60 else 10 if max(e - w, n - s) <= 160 else 30
        segs = []
        for lon in np.arange(math.floor(w / step) * step, e + step, step):
            x, y = project([lon, lon], [max(s, -MAX_LAT), min(n, MAX_LAT)])
            segs.append(np.column_stack([x, y]))
        for lat in np.arange(math.floor(s / step) * step, n + step, step):
            lons = np.linspace(w, e, 50)
            x, y = project(lons, np.full_like(lons, lat))
            segs.append(np.column_stack([x, y]))
        self.ax.add_collection(LineCollection(segs, colors=GRATICULE, linewidths=p.pt(0.6), alpha=0.7, zorder=1))
        land, borders = _basemap_paths(self.frame_)
        if land is not None:
            self.ax.add_patch(PathPatch(land, facecolor=LAND, edgecolor=COAST, linewidth=p.pt(0.8), zorder=2,
                                        gid="cmc-land"))
        if borders is not None:
            lw = p.pt(0.5)
            self.ax.add_patch(PathPatch(borders, facecolor="none", edgecolor=BORDER, linewidth=lw,
                                        linestyle=p.dashes("3 2", lw), zorder=3))

    def _draw_scale_bar(self) -> None:
        """A bar of a round distance, true at the centre latitude (Mercator's scale changes with latitude)."""
        f, p = self.frame_, self.pens
        cy = (f.y0 + f.y1) / 2
        (lon_a, lon_b), (lat_c, _) = _MERC_INV.transform([f.x0, f.x0 + 100_000.0], [cy, cy])
        km_per_unit = geo.distance_km(lon_a, lat_c, lon_b, lat_c) / 100_000.0
        want_km = (f.x1 - f.x0) * km_per_unit / 6
        nice = max(v for v in (10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000) if v <= max(want_km, 10))
        length = nice / km_per_unit
        x0 = f.x0 + (f.x1 - f.x0) * 0.02
        y0 = f.y0 + (f.y1 - f.y0) * 0.1
        lw = p.pt(4)
        self.ax.plot([x0, x0 + length / 2], [y0, y0], color=INK, linewidth=lw, solid_capstyle="butt", zorder=20,
                     gid="cmc-scalebar")
        self.ax.plot([x0 + length / 2, x0 + length], [y0, y0], color="white", linewidth=lw, solid_capstyle="butt",
                     zorder=20, path_effects=[patheffects.withStroke(linewidth=lw + p.pt(1.5), foreground=INK)])
        hemi = "N" if lat_c >= 0 else "S"
        self._scale_text = (nice, abs(lat_c), hemi)
        self._scale_xy = (x0, y0)
        self._scale_len = length  # the bar's length in map metres (tests measure it)

    def _scale_label(self, lang: str) -> str:
        nice, lat, hemi = self._scale_text
        nmi = nice / geo.NMI_KM
        if lang == "ja":
            return f"{nice:,} km（{nmi:,.0f} 海里）・{'北緯' if hemi == 'N' else '南緯'}{lat:.0f}度で正確"
        return f"{nice:,} km ({nmi:,.0f} nmi), true at {lat:.0f}° {hemi}"

    # the scene: features, texts, legend
    def _add(self, artist: Any) -> Any:
        self._dynamic.append(artist)
        return artist

    def _in_view(self, x: np.ndarray, y: np.ndarray) -> bool:
        fr = self.frame_
        return bool(len(x)) and x.max() >= fr.x0 and x.min() <= fr.x1 and y.max() >= fr.y0 and y.min() <= fr.y1

    def _copies(self, x: np.ndarray, y: np.ndarray) -> list[float]:
        """The shifts (whole turns of the globe, in metres) that bring a shape into the image: a track drawn with
        longitudes past -180 still shows in a view given as 150..230 degrees east."""
        return [k * WORLD_M for k in (0, -1, 1, -2, 2) if self._in_view(x + k * WORLD_M, y)]

    def _feature(self, f: Feature) -> bool:
        """Draw one feature, in every copy of the world that falls in the image; return whether any did."""
        sty, p, ax = f.style, self.pens, self.ax
        geom = f.geometry
        kind = geom.get("type")
        z = {"range_rings": 5, "quarantine": 7, "ships": 8, "flights": 9, "missile_sites": 10, "events": 11}.get(
            f.layer, 6)
        if kind == "Point":
            lon, lat = geom["coordinates"][:2]
            x, y = project([lon], [lat])
            hx = hy = None
            if sty.get("halo_km"):
                ring = geo.geodesic_circle(lon, lat, float(sty["halo_km"]), n=72)
                hx, hy = project([c[0] for c in ring], [c[1] for c in ring])
            shifts = self._copies(hx if hx is not None else x, hy if hy is not None else y)
            r = float(sty.get("radius", 7)) + 2
            op = float(sty.get("opacity", 1.0))
            for dx in shifts:
                if hx is not None:
                    lw = p.pt(1)
                    self._add(ax.fill(hx + dx, hy, facecolor=_rgba(sty.get("color"), 0.06),
                                      edgecolor=_rgba(sty.get("color"), 0.6), linewidth=lw,
                                      linestyle=p.dashes("4 4", lw), zorder=z - 0.5)[0])
                self._add(ax.scatter(x + dx, y, s=(2 * p.pt(r)) ** 2, marker="o", zorder=z,
                                     facecolors=[_rgba(sty.get("fill") or sty.get("color"),
                                                       float(sty.get("fill_opacity", 0.9)) * op)],
                                     edgecolors=[_rgba(sty.get("color"), op)], linewidths=p.pt(2),
                                     linestyles="dashed" if sty.get("dash") else "solid"))
                if sty.get("symbol"):
                    self._add(ax.text(float(x[0] + dx), float(y[0]), sty["symbol"], ha="center",
                                      va="center_baseline", fontsize=p.pt(11 if r < 10 else 12), color="white",
                                      family=FONTS, zorder=z + 0.1, alpha=op,
                                      path_effects=[patheffects.withStroke(linewidth=p.pt(1.5),
                                                                           foreground=(0, 0, 0, 0.45))]))
            return any(self._in_view(x + dx, y) for dx in shifts)
        lines: list[list] = []
        if kind in ("LineString",):
            lines = [geom["coordinates"]]
        elif kind in ("MultiLineString", "Polygon"):
            lines = list(geom["coordinates"])
        elif kind == "MultiPolygon":
            lines = [r for poly in geom["coordinates"] for r in poly]
        lw = p.pt(float(sty.get("weight", 2)))
        op = float(sty.get("opacity", 0.9))
        seen = False
        for coords in lines:
            if len(coords) < 2:
                continue
            x, y = project([c[0] for c in coords], [c[1] for c in coords])
            for dx in self._copies(x, y):
                seen = True
                if kind in ("Polygon", "MultiPolygon"):
                    fill_op = float(sty.get("fill_opacity", 0.0) or 0.0)
                    self._add(ax.fill(x + dx, y, facecolor=_rgba(sty.get("fill") or sty.get("color"), fill_op),
                                      edgecolor=_rgba(sty.get("color"), op), linewidth=lw,
                                      linestyle=p.dashes(sty.get("dash"), lw), zorder=z)[0])
                else:
                    self._add(ax.plot(x + dx, y, color=_rgba(sty.get("color"), op), linewidth=lw,
                                      linestyle=p.dashes(sty.get("dash"), lw), solid_capstyle="round",
                                      zorder=z)[0])
        return seen

    def _text_box(self, x: float, y: float, text: str, size: float, *, ha: str = "left", va: str = "top",
                  weight: str = "normal", style: str = "normal", gid: str | None = None) -> Any:
        bbox = dict(boxstyle="round,pad=0.4", facecolor=BOX, edgecolor=COAST, linewidth=self.pens.pt(1))
        return self._add(self.fig.text(x, y, text, ha=ha, va=va, fontsize=size, fontweight=weight, fontstyle=style,
                                       family=FONTS, color=INK, bbox=bbox, zorder=30, gid=gid, linespacing=1.35))

    def _below(self, text: Any) -> float:
        """The figure height just below a boxed text, with a small gap: the next box starts there."""
        ext = text.get_window_extent(self.canvas.get_renderer())
        pad = 0.4 * text.get_fontsize() * self.dpi / 72  # the box's padding (boxstyle pad=0.4)
        gap = self.pens.pt(10) * self.dpi / 72
        return (ext.y0 - pad - gap) / self.height

    def _legend(self, scene: Scene) -> None:
        p = self.pens
        handles: list[Any] = []
        labels: list[str] = []
        heads: list[int] = []
        for lid, (title, entries) in zip(scene.layers, scene.legend, strict=True):
            if not entries:
                continue
            heads.append(len(labels))
            handles.append(Line2D([], [], linestyle="none"))
            if lid == "range_rings":  # a print must say whose range figures the rings show
                title = f"{title} ({t('figure_' + (scene.range_figure or 'default'), scene.lang)})"
            labels.append(title)
            for e in entries:
                handles.append(self._legend_handle(e.style))
                labels.append(e.label.get(scene.lang))
        if not handles:
            return
        head_font = {"family": FONTS, "weight": _bold(scene.lang), "size": p.pt(12)}
        leg = self.ax.legend(handles, labels, loc="lower right", bbox_to_anchor=(0.995, 0.085), fontsize=p.pt(11),
                             framealpha=0.94, facecolor=BOX[:3], edgecolor=COAST, borderpad=0.6, labelspacing=0.35,
                             handlelength=2.6, title=t("legend", scene.lang), title_fontproperties=head_font,
                             prop={"family": FONTS, "size": p.pt(11)}, handler_map={tuple: HandlerTuple(ndivide=1)},
                             alignment="left")
        for i in heads:
            leg.get_texts()[i].set_fontweight(_bold(scene.lang))
        leg.set_zorder(40)
        leg.set_gid("cmc-legend")
        self._add(leg)

    def _legend_handle(self, sty: dict[str, Any]) -> Any:
        p = self.pens
        color = sty.get("color", "#333")
        lw = p.pt(float(sty.get("weight", 2)))
        if sty.get("shape") == "line":
            return Line2D([], [], color=_rgba(color, float(sty.get("opacity", 0.9))), linewidth=lw,
                          linestyle=p.dashes(sty.get("dash"), lw))
        if sty.get("shape") == "area":
            return matplotlib.patches.Patch(facecolor=_rgba(color, 0.15), edgecolor=color, linewidth=lw,
                                            linestyle=p.dashes(sty.get("dash"), lw))
        r = float(sty.get("radius", 7)) + 2
        circle = Line2D([], [], linestyle="none", marker="o", markersize=1.6 * p.pt(r),
                        markerfacecolor=_rgba(sty.get("fill") or color, float(sty.get("fill_opacity", 0.9))),
                        markeredgecolor=color, markeredgewidth=p.pt(2))
        sym = sty.get("symbol")
        if not sym:
            return circle
        glyph = Line2D([], [], linestyle="none", marker=f"${_mathtext_escape(sym)}$", markersize=p.pt(r * 0.95),
                       markerfacecolor="white", markeredgecolor="white", markeredgewidth=0)
        return (circle, glyph)

    def draw(self, scene: Scene) -> StaticMap:
        """Add a scene: its features in draw order, then the title, moment, legend, scale label and sources."""
        p, lang = self.pens, scene.lang
        shown = [f for f in scene.features if self._feature(f)]
        when = scene.clock_lines[0][1]
        gmt = scene.clock_lines[3][1]
        y = 0.978  # below an animation's progress bar
        y = self._below(self._text_box(0.012, y, t("app_title", lang), p.pt(20), weight=_bold(lang),
                                       gid="cmc-title"))
        y = self._below(self._text_box(0.012, y, f"{when}\n{gmt}", p.pt(15), weight=_bold(lang), gid="cmc-moment"))
        if scene.caption:
            self._text_box(0.012, y, textwrap.fill(scene.caption, 46 if lang == "en" else 26), p.pt(13),
                           style="italic" if lang == "en" else "normal", gid="cmc-caption")
        self._legend(scene)
        x0, y0 = self._scale_xy
        self._add(self.ax.text(x0, y0 + (self.frame_.y1 - self.frame_.y0) * 0.012, self._scale_label(lang),
                               fontsize=p.pt(11), family=FONTS, color=INK, va="bottom", ha="left", zorder=21,
                               path_effects=[patheffects.withStroke(linewidth=p.pt(3), foreground="white")]))
        self._sources(scene, shown)
        return self

    def _sources(self, scene: Scene, shown: list[Feature]) -> None:
        """The works cited by what is drawn inside the image, then the basemap's credit, along the bottom edge."""
        lang, p = scene.lang, self.pens
        cited: dict[str, None] = {}
        for f in shown:
            for ref in f.props.get("sources", []):
                cited[ref.split("#")[0]] = None
        short = list(dict.fromkeys(scene.source_short.get(s, s) for s in cited))
        head = t("sources", lang) + (": " if lang == "en" else "：")
        tail = t("snapshot_credit", lang)
        chars = int(self.width / (p.pt(9.5) * self.dpi / 72) * 1.6) if lang == "en" else \
            int(self.width / (p.pt(9.5) * self.dpi / 72) * 0.95)
        body = ("; " if lang == "en" else "、").join(short)
        lines = textwrap.wrap(head + body, max(40, chars))
        if len(lines) > 3:
            lines = lines[:3]
            more = " … (see CSV)" if lang == "en" else "…（CSVを参照）"
            lines[-1] = lines[-1][: max(0, len(lines[-1]) - 12)] + more
        lines.append(tail)
        self._add(self.fig.text(0.5, 0.006, "\n".join(lines), ha="center", va="bottom", fontsize=p.pt(9.5),
                                family=FONTS, color=INK, zorder=30, gid="cmc-sources", linespacing=1.3,
                                bbox=dict(boxstyle="square,pad=0.35", facecolor=(1, 1, 1, 0.78), edgecolor="none")))

    def clear(self) -> None:
        """Remove the scene's artists, keeping the basemap and scale bar."""
        for a in self._dynamic:
            a.remove()
        self._dynamic.clear()

    def save(self, fmt: str = "png", title: str = "", moment: str = "") -> bytes:
        """The image as bytes (``png``, ``svg`` or ``pdf``), with no creation date so the same map gives the
        same file."""
        buf = io.BytesIO()
        meta: dict[str, Any]
        if fmt == "png":
            meta = {"Title": title, "Software": "cmc-atlas", "Description": moment, "Source": "Natural Earth",
                    "View": ",".join(f"{v:.3f}" for v in self.bbox)}
        elif fmt == "svg":
            meta = {"Date": None, "Title": title, "Description": moment, "Creator": "cmc-atlas"}
        elif fmt == "pdf":
            meta = {"CreationDate": None, "ModDate": None, "Title": title, "Subject": moment, "Creator": "cmc-atlas",
                    "Producer": "cmc-atlas"}
        else:
            raise ValueError(f"unknown image format {fmt!r}; use png, svg or pdf")
        self.fig.savefig(buf, format=fmt, dpi=self.dpi, metadata=meta, facecolor=SEA)
        return buf.getvalue()

    def progress(self, fraction: float) -> None:
        """A thin bar along the top edge: how far through its span an animation is (0 to 1)."""
        h = self.pens.pt(6) * self.dpi / 72 / self.height
        self._add(self.fig.add_artist(matplotlib.patches.Rectangle(
            (0, 1 - h), 1, h, transform=self.fig.transFigure, facecolor=(1, 1, 1, 0.6), edgecolor="none",
            zorder=50)))
        self._add(self.fig.add_artist(matplotlib.patches.Rectangle(
            (0, 1 - h), max(0.0, min(1.0, fraction)), h, transform=self.fig.transFigure, facecolor=INK,
            edgecolor="none", zorder=51, gid="cmc-progress")))

    def frame(self, scene: Scene, fraction: float | None = None) -> np.ndarray:
        """The scene drawn as an RGB array (height × width × 3), with the animation's progress bar when
        ``fraction`` is given; the scene's artists are then cleared."""
        if fraction is not None:
            self.progress(fraction)
        self.draw(scene)
        self.canvas.draw()
        rgb = np.asarray(self.canvas.buffer_rgba())[:, :, :3].copy()
        self.clear()
        return rgb


def warm() -> None:
    """Load the basemap's land and borders ahead of the first snapshot (about 1.5 s once per process)."""
    geo.land()
    _countries()


def render_image(scene: Scene, fmt: str = "png", width: int = 1920, height: int = 1080, dpi: float = 100,
                 bbox: tuple[float, float, float, float] | None = None) -> bytes:
    """One scene as a PNG, SVG or PDF file's bytes, ``width`` × ``height`` pixels at ``dpi``."""
    m = StaticMap(width, height, dpi, bbox).draw(scene)
    return m.save(fmt, title=t("app_title", scene.lang), moment=scene.iso_time)


