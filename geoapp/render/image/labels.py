"""Names on a picture: the countries, seas and cities, and the names beside the vessels, aircraft and sites drawn,
from the same zoom levels as the live map (:mod:`geoapp.labels`), each placed where it covers no other name and
no marker, else left out (the live map's ``placement.js`` does the same in the browser)."""

from __future__ import annotations

import math
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox, IdentityTransform

from geoapp import labels as rule
from geoapp import style
from geoapp.layer import Feature
from geoapp.render.image.draw import FONTS, Pens, marker_radius
from geoapp.scene import Scene
from geoapp.viewport import Frame, project

#: the width of the Web Mercator world in metres, and a Leaflet tile's side in CSS pixels
WORLD_M = 2 * math.pi * 6378137.0
TILE = 256
GAP = 3  # CSS px between a symbol and its name
#: kind of name -> (CSS px, weight, style, colour), as in atlas.css
LOOK = {"country": (13, "bold", "normal", style.MAP_TEXT["landlabel"]),
        "sea": (13, "normal", "italic", style.MAP_TEXT["sealabel"]),
        "city": (12, "bold", "normal", style.MAP_TEXT["citylabel"]),
        "name": (11, "normal", "normal", style.MAP_TEXT["citylabel"])}


def equivalent_zoom(frame: Frame, width: int, pens: Pens) -> float:
    """The live map's zoom level that shows as much ground per CSS pixel as this picture does."""
    css_width = width / pens.scale
    return math.log2(css_width * WORLD_M / (TILE * (frame.x1 - frame.x0)))


def draw_labels(ax: Axes, pens: Pens, frame: Frame, scene: Scene, shown: list[Feature], width: int) -> list[Any]:
    """Write the names the zoom calls for, in order of precedence (countries and seas, cities, then the names of
    what is drawn), each only where it fits; returns the artists added."""
    fig = ax.get_figure()
    renderer = fig.canvas.get_renderer()  # type: ignore[union-attr, attr-defined]
    zoom = equivalent_zoom(frame, width, pens)
    px = pens.dpi / 72.0  # display pixels per point
    to_px = ax.transData.transform
    view = ax.get_window_extent(renderer)
    taken: list[Bbox] = []
    markers: list[Bbox] = []
    named: list[tuple[str, float, float, float]] = []
    for f in shown:
        g = f.geometry
        if g.get("type") != "Point":
            continue
        x, y = project([g["coordinates"][0]], [g["coordinates"][1]])
        cx, cy = to_px((float(x[0]), float(y[0])))
        r = pens.pt(marker_radius(f.style)) * px
        markers.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
        z = rule.name_zoom(f.layer, "point")
        name = str(f.props.get("name", ""))
        if z is not None and z <= zoom and name:
            named.append((name, cx, cy, r))
    out: list[Any] = []
    halo = patheffects.withStroke(linewidth=pens.pt(3), foreground=style.CHROME["paper"])

    def text(s: str, kind: str, xy: tuple[float, float], ha: str, va: str) -> Any:
        size, weight, slant, colour = LOOK[kind]
        return ax.annotate(s, xy=xy, xycoords="figure pixels", ha=ha, va=va, fontsize=pens.pt(size),
                           fontweight=weight, fontstyle=slant, color=colour, family=FONTS, zorder=30,
                           annotation_clip=False, path_effects=[halo])

    def fits(box: Bbox, clear_of_markers: bool) -> bool:
        if box.x0 < view.x0 or box.y0 < view.y0 or box.x1 > view.x1 or box.y1 > view.y1:
            return False
        if any(box.overlaps(b) for b in taken):
            return False
        return not (clear_of_markers and any(box.overlaps(b) for b in markers))

    def place(s: str, kind: str, cx: float, cy: float, r: float | None) -> bool:
        """Centred (r is None) or beside a symbol of radius r (display px): the first spot that fits."""
        gap = GAP * pens.scale * px
        if r is None:
            spots = [((cx, cy + k * 1.2 * pens.pt(LOOK[kind][0]) * px), "center", "center", True) for k in (0, -1, 1)]
            spots.append(((cx, cy), "center", "center", False))
        else:
            spots = [((cx + r + gap, cy), "left", "center", True), ((cx - r - gap, cy), "right", "center", True),
                     ((cx, cy + r + gap), "center", "bottom", True), ((cx, cy - r - gap), "center", "top", True)]
        for xy, ha, va, clear in spots:
            a = text(s, kind, xy, ha, va)
            box = a.get_window_extent(renderer)
            if fits(box, clear):
                taken.append(box)
                out.append(a)
                if not clear:
                    a.set_zorder(4)  # a name that has to lie on markers goes under them, as on the live map
                return True
            a.remove()
        return False

    cities = []
    for pl in scene.place_labels:
        if pl["zoom"] > zoom:
            continue
        x, y = project([pl["lon"]], [pl["lat"]])
        cx, cy = to_px((float(x[0]), float(y[0])))
        if pl["kind"] == "city":
            cities.append((pl["text"], cx, cy))
        else:
            place(pl["text"], pl["kind"], cx, cy, None)
    dot = 3 * pens.scale * px
    for s, cx, cy in cities:
        if place(s, "city", cx, cy, dot):
            out.append(ax.scatter([cx], [cy], s=(2 * dot / px) ** 2, transform=IdentityTransform(),
                                  color=style.MAP_TEXT["citylabel"], edgecolors=style.CHROME["paper"],
                                  linewidths=pens.pt(1.5), zorder=30))
    for s, cx, cy, r in named:
        place(s, "name", cx, cy, r)
    return out
