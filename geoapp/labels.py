"""What the map writes: the names of countries, seas and cities, and the names beside its symbols, by zoom.

One rule for every renderer: the live map (through the timeline scene) and the images write the same names
from the same zoom levels. Where two names would overlap, the renderer keeps the one that comes first.
"""

from __future__ import annotations

from typing import TypedDict

from geoapp.model import Catalog

#: layer -> the zoom from which a feature's name is written beside its marker (absent: never). Ships and
#: aircraft move and are few, so they are named early; the sites of Cuba lie close together and are named
#: once the island fills the map. Events are told by the caption, rings and lines by the legend.
NAME_ZOOM: dict[str, int] = {"ships": 4, "flights": 4, "missile_sites": 7}


class PlaceLabel(TypedDict):
    """A name to write at a point from ``zoom`` on (``kind``: country, sea or city)."""

    text: str
    lon: float
    lat: float
    kind: str
    zoom: int


def name_zoom(layer: str, kind: str) -> int | None:
    """The zoom from which a feature of ``layer`` drawn as ``kind`` (point, line, area) is named (None: never).

    Only points are named: a moving ship or aircraft is a point, and its track carries no name of its own."""
    return NAME_ZOOM.get(layer) if kind == "point" else None


def place_labels(catalog: Catalog, lang: str) -> list[PlaceLabel]:
    """The names of ``labels.yaml`` in ``lang``, in their order of precedence."""
    return [PlaceLabel(text=lb.name.get(lang), lon=lb.lon, lat=lb.lat, kind=lb.kind, zoom=lb.min_zoom)
            for lb in catalog.labels]
