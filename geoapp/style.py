"""Renderer-neutral styles: the palette, small declarative tables, and the one :class:`Style` type.

A :class:`Style` is frozen and complete: it is made by :meth:`Style.point`, :meth:`Style.line` or
:meth:`Style.area`, which hold the only defaults, so that every renderer (the browser through
``render/leaflet/styles.py``, the images through ``render/image/draw.py``) draws the same thing and
none has defaults of its own. A misspelt field fails where the style is made.

Tables keyed by a vocabulary (sides, site kinds and statuses, vessel kinds, quarantine statuses)
are built with :func:`geoapp.vocab.keyed_by`: a value of ``geoapp/vocab.py`` without its style
fails on import.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from geoapp import vocab

Shape = Literal["point", "line", "area"]


@dataclass(frozen=True)
class Style:
    """How one feature is drawn.

    ``weight`` and ``radius`` are CSS pixels, ``dash`` a dash pattern such as ``"6 4"`` (None: solid),
    ``fill`` the fill colour (a point's is its ``color`` when None; an area is unfilled when None),
    ``symbol`` a short glyph inside a point marker, ``halo_km`` the radius of the uncertainty halo drawn
    round an estimated position (0: none), ``outline`` the colour of a dashed ring round a point marker (what
    Washington did not know, in the difference view; None: none).
    """

    shape: Shape
    color: str
    weight: float
    opacity: float
    dash: str | None = None
    fill: str | None = None
    fill_opacity: float = 0.0
    radius: float = 0.0
    symbol: str = ""
    halo_km: float = 0.0
    outline: str | None = None

    @classmethod
    def point(cls, color: str, *, fill: str | None = None, fill_opacity: float = 0.9, weight: float = 2,
              opacity: float = 1.0, radius: float = 7, symbol: str = "", dash: str | None = None,
              outline: str | None = None) -> Style:
        """A point marker: a disc of ``radius`` px with a glyph."""
        return cls("point", color, weight, opacity, dash, fill, fill_opacity, radius, symbol, outline=outline)

    @classmethod
    def line(cls, color: str, *, weight: float = 2, opacity: float = 0.9, dash: str | None = None) -> Style:
        """A line (tracks, quarantine arcs)."""
        return cls("line", color, weight, opacity, dash)

    @classmethod
    def area(cls, color: str, *, weight: float = 1.5, opacity: float = 0.9, dash: str | None = None,
             fill: str | None = None, fill_opacity: float = 0.05) -> Style:
        """An outlined area (range rings)."""
        return cls("area", color, weight, opacity, dash, fill, fill_opacity)

    @property
    def fill_color(self) -> str:
        """The colour the inside is filled with."""
        return self.fill or self.color

    def with_(self, **changes: Any) -> Style:
        """The same style with some fields changed (a table's entry, an estimate's look)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The style's fields, for a key or a file."""
        return asdict(self)

# A colour-blind-safe palette (Okabe & Ito 2008, Tol), sides kept apart by hue and shape; tests/test_palette.py
# checks every pair that must be told apart under protanopia, deuteranopia and tritanopia.
SOVIET = "#c0392b"  # vermilion-red
US = "#0072b2"  # blue
CUBAN = "#009e73"  # bluish green
BLOC = "#e69f00"  # orange
CHARTER = "#882255"  # wine (Tol): apart from bloc orange under tritanopia
NEUTRAL = "#555555"
FLIGHT = "#56b4e9"  # Okabe-Ito sky blue: apart from the US Navy blue for colour-blind readers
EVENT = "#6b4c1e"  # the ink of an event marker
EVENT_FILL = "#f7d774"  # its fill: a yellow apart from every side colour
WHITE = "#ffffff"

#: the basemap and the boxes on it, shared by the live map (as CSS variables) and the images
BASEMAP = {"sea": "#cfe0e8", "land": "#efe6cf", "coast": "#8a7a5c", "border": "#a8967a", "graticule": "#9fb7c4",
           "ink": "#1f1b16"}
#: the paper of the boxes over the map (legend, clock, image title boxes)
BOX = "rgba(250,246,236,.94)"
#: the page round the map; Streamlit's theme in .streamlit/config.toml says the same (tests/test_palette.py)
UI = {"primary": "#8b1e1e", "background": "#f4efe3", "secondary": "#e8e0cc", "text": "#1f1b16"}
#: the other tones of the time bar and boxes
CHROME = {"muted": "#5a4a33", "rule": "#cbbd9c", "hover": "#fff8e6", "focus": "#0072b2", "paper": "#ffffff",
          "source": "#444444", "overlay": "rgba(31,27,22,.88)"}
#: the names written on the map: countries, seas, cities and the names beside symbols
MAP_TEXT = {"landlabel": "#6b5a3e", "sealabel": "#2f5f75", "citylabel": "#1f1b16"}
#: the chart of the US estimate against reality: Washington's figure dashed blue, the real one solid dark red (each
#: 6:1 on white, told apart by the dash as well as the hue)
CHART = {"chart-us": "#1f5fbf", "chart-actual": "#b3261e"}
#: fonts with Japanese glyphs first
FONT_STACK = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'DejaVu Sans', sans-serif"

SIDE_COLOR = vocab.keyed_by(vocab.SIDES, {"soviet": SOVIET, "us": US, "cuban": CUBAN, "bloc": BLOC, "charter": CHARTER})

#: status → how a site is drawn
SITE_STATUS: dict[str, dict[str, Any]] = vocab.keyed_by(vocab.SITE_STATUSES, {
    "construction": {"fill_opacity": 0.35, "dash": "3 3", "opacity": 1.0},
    "operational": {"fill_opacity": 0.95, "dash": None, "opacity": 1.0},
    "dismantling": {"fill_opacity": 0.2, "dash": "1 3", "opacity": 0.9},
    "removed": {"fill_opacity": 0.05, "dash": "1 4", "opacity": 0.45},
})

#: site kind → marker glyph and size
SITE_KIND: dict[str, dict[str, Any]] = vocab.keyed_by(vocab.SITE_KINDS, {
    "MRBM": {"symbol": "▲", "radius": 9},
    "IRBM": {"symbol": "◆", "radius": 10},
    "SAM": {"symbol": "✶", "radius": 6},
    "FKR": {"symbol": "➤", "radius": 7},
    "LUNA": {"symbol": "▴", "radius": 6},
    "IL28": {"symbol": "✈", "radius": 7},
    "MIG21": {"symbol": "✈", "radius": 6},
    "WARHEADS": {"symbol": "☢", "radius": 7},
    "HQ": {"symbol": "★", "radius": 7},
    "COMMAND": {"symbol": "★", "radius": 6},
    "PORT": {"symbol": "⚓", "radius": 6},
    "NAVAL_BASE": {"symbol": "⚓", "radius": 7},
    "JUPITER": {"symbol": "▲", "radius": 9},
    "THOR": {"symbol": "▲", "radius": 8},
    "AIRBASE": {"symbol": "✈", "radius": 5},
})

#: quarantine status → line style
QUARANTINE_STATUS: dict[str, Style] = vocab.keyed_by(vocab.QUARANTINE_STATUSES, {
    "planned": Style.line("#1a1a1a", weight=2, dash="2 8", opacity=0.6),
    "in_force": Style.line("#1a1a1a", weight=4, dash="14 6", opacity=0.95),
    "suspended": Style.line("#1a1a1a", weight=3, dash="4 12", opacity=0.45),  # boarding paused, line still held
    "lifted": Style.line("#7a7a7a", weight=2, dash="2 6", opacity=0.5),
})

#: vessel kind → glyph
VESSEL_KIND = vocab.keyed_by(vocab.VESSEL_KINDS, {
    "cargo": "■", "tanker": "■", "passenger": "■", "submarine": "●", "carrier": "✚",
    "destroyer": "◆", "cruiser": "◆", "frigate": "◆",
})

#: weapon → ring colour. Rings take hues no side uses, so that over Cuba a ring is never read as a Soviet site or
#: track (all once one red): R-12 plum, R-14 violet (and dashed), the US Jupiter and Thor dark gold, apart from the
#: US Navy blue of the sites they are drawn round. Checked in tests/test_palette.py.
RING_COLOR = {"r-12": "#701070", "r-14": "#7036e2", "jupiter": "#8c6d00", "thor": "#8c6d00", "il-28": "#cc79a7"}

#: the ring round what Washington did not know at the moment (the difference view): black, dashed, apart from
#: every side's hue and from the halos of estimated positions (thin, in the marker's own colour)
UNKNOWN_OUTLINE = "#111111"

#: estimated stretches and halos
ESTIMATE = {"dash": "4 6", "opacity": 0.55}
#: a position is drawn as an estimate past this precision (km)
ESTIMATE_THRESHOLD_KM = 5.0
#: the uncertainty halo round an estimated position (its colour is the marker's)
HALO = {"weight": 1, "dash": "4 4", "fill_opacity": 0.06, "opacity": 0.6}
#: a marker whose position is an estimate is filled paler
ESTIMATED_MARKER_FILL = 0.45
#: a finished route (a landed flight) is drawn this faint while it stays on the map
FADED_OPACITY = 0.45
#: a track's opacity where reported
TRACK_OPACITY = 0.85


def side_color(side: str) -> str:
    """The colour of a side (Soviet, US, Cuban, bloc, charter)."""
    return SIDE_COLOR.get(side, NEUTRAL)


def track_style(color: str, weight: float = 2) -> Style:
    """The line of a track sailed or flown, where it joins reported positions."""
    return Style.line(color, weight=weight, opacity=TRACK_OPACITY)


def estimated(sty: Style) -> Style:
    """The same line where it rests on an estimate: dashed and paler."""
    return sty.with_(**ESTIMATE)


def faded(sty: Style) -> Style:
    """The same line once its journey is over."""
    return sty.with_(opacity=FADED_OPACITY)


def estimated_marker(sty: Style) -> Style:
    """A marker whose position is an estimate: filled paler (a halo is drawn round it)."""
    return sty.with_(fill_opacity=ESTIMATED_MARKER_FILL)


def unknown(sty: Style) -> Style:
    """A point marker of something Washington did not know at the moment: ringed (:data:`UNKNOWN_OUTLINE`)."""
    return sty.with_(outline=UNKNOWN_OUTLINE)


def css_variables() -> str:
    """The palette as CSS custom properties (``--cmc-sea``, ``--cmc-primary``, ...) for ``atlas.css``."""
    values = {**BASEMAP, "box": BOX, **UI, **CHROME, **MAP_TEXT, **CHART, "font": FONT_STACK}
    return ":root{" + ";".join(f"--cmc-{k}:{v}" for k, v in values.items()) + "}"
