"""Renderer-neutral styles: small declarative tables, translated once per renderer.

A style is a plain dict with keys among: ``shape`` (``point``, ``line``, ``area``), ``color``,
``fill``, ``fill_opacity``, ``weight``, ``dash`` (a dash pattern such as ``"6 4"`` or None),
``opacity``, ``radius`` (points, px), ``symbol`` (a short glyph for point markers) and
``halo_km`` (an uncertainty halo, drawn dashed, for estimated positions).

Tables keyed by a vocabulary (sides, site kinds and statuses, vessel kinds, quarantine statuses)
are built with :func:`geoapp.vocab.keyed_by`: a value of ``geoapp/vocab.py`` without its style
fails on import.
"""

from __future__ import annotations

from geoapp import vocab

# A colour-blind-safe palette (Okabe & Ito 2008, Tol), sides kept apart by hue and shape; tests/test_palette.py
# checks every pair that must be told apart under protanopia, deuteranopia and tritanopia.
SOVIET = "#c0392b"  # vermilion-red
US = "#0072b2"  # blue
CUBAN = "#009e73"  # bluish green
BLOC = "#e69f00"  # orange
CHARTER = "#882255"  # wine (Tol): apart from bloc orange under tritanopia
NEUTRAL = "#555555"

#: the basemap and the boxes on it, shared by the web map (render/web.py) and the images (render/static.py)
BASEMAP = {"sea": "#cfe0e8", "land": "#efe6cf", "coast": "#8a7a5c", "border": "#a8967a", "graticule": "#9fb7c4",
           "ink": "#1f1b16"}

SIDE_COLOR = vocab.keyed_by(vocab.SIDES, {"soviet": SOVIET, "us": US, "cuban": CUBAN, "bloc": BLOC, "charter": CHARTER})

#: status → how a site is drawn
SITE_STATUS = vocab.keyed_by(vocab.SITE_STATUSES, {
    "construction": {"fill_opacity": 0.35, "dash": "3 3", "opacity": 1.0},
    "operational": {"fill_opacity": 0.95, "dash": None, "opacity": 1.0},
    "dismantling": {"fill_opacity": 0.2, "dash": "1 3", "opacity": 0.9},
    "removed": {"fill_opacity": 0.05, "dash": "1 4", "opacity": 0.45},
})

#: site kind → marker glyph and size
SITE_KIND = vocab.keyed_by(vocab.SITE_KINDS, {
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
    "AIRBASE": {"symbol": "✈", "radius": 5},
})

#: quarantine status → line style
QUARANTINE_STATUS = vocab.keyed_by(vocab.QUARANTINE_STATUSES, {
    "planned": {"color": "#1a1a1a", "weight": 2, "dash": "2 8", "opacity": 0.6},
    "in_force": {"color": "#1a1a1a", "weight": 4, "dash": "14 6", "opacity": 0.95},
    "lifted": {"color": "#7a7a7a", "weight": 2, "dash": "2 6", "opacity": 0.5},
})

#: vessel kind → glyph
VESSEL_KIND = vocab.keyed_by(vocab.VESSEL_KINDS, {
    "cargo": "■", "tanker": "■", "passenger": "■", "submarine": "●", "carrier": "✚",
    "destroyer": "◆", "cruiser": "◆", "frigate": "◆",
})

#: weapon → ring colour (MRBM red, IRBM orange, Jupiter blue; checked in tests/test_palette.py)
RING_COLOR = {"r-12": "#c0392b", "r-14": "#e69f00", "jupiter": US, "il-28": "#cc79a7"}

#: estimated stretches and halos
ESTIMATE = {"dash": "4 6", "opacity": 0.55}
#: a position is drawn as an estimate past this precision (km)
ESTIMATE_THRESHOLD_KM = 5.0


def side_color(side: str) -> str:
    """The colour of a side (Soviet, US, Cuban, bloc, charter)."""
    return SIDE_COLOR.get(side, NEUTRAL)
