"""The layer contract: the one place to read before adding a map layer.

A layer is an ``id``, a bilingual ``title``, a draw ``order`` (lower draws first, underneath),
a pure ``build(situation, ctx)`` that returns :class:`Feature` objects with renderer-neutral
styles, and its ``legend`` entries. Layers never import Streamlit, folium or matplotlib and never
read files; the registry lives in ``layers/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from geoapp.model import Catalog, Text
from geoapp.timeline import Prepared, Situation


@dataclass(frozen=True)
class Context:
    """What a layer needs besides the situation: language, range figure, the catalog."""

    catalog: Catalog
    lang: str = "en"
    range_figure: str | None = None  # None: each weapon's default figure


@dataclass
class Feature:
    """One thing to draw: GeoJSON-like geometry (lon/lat), properties and a neutral style.

    ``props`` always has ``layer``, ``id``, ``name``, ``kind``, ``sources``; ``status`` and
    ``time`` (ISO UTC) where they apply. ``details`` holds (label, value) rows for popups.
    """

    layer: str
    id: str
    geometry: dict[str, Any]
    props: dict[str, Any]
    style: dict[str, Any]
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a sample style and a label."""

    label: Text
    style: dict[str, Any]


@dataclass
class Mover:
    """Something that moves over time (a ship, an aircraft), sent whole to a client that draws frames.

    ``track`` is the timed polyline (epoch seconds, unwrapped lon, lat, estimated stretches,
    precision); the mover is shown from ``show_from`` to ``show_to`` (epoch seconds), its marker
    until ``marker_until``, and its track is faded after ``fade_after`` (if set).
    """

    layer: str
    id: str
    props: dict[str, Any]
    marker: dict[str, Any]
    track_style: dict[str, Any]
    track: Any
    show_from: float
    show_to: float
    marker_until: float
    fade_after: float | None = None
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Layer:
    """A map layer: identity, title, draw order, pure build function and legend.

    ``timed`` (optional) gives the layer's moving things over the whole timeline, for clients that
    draw every frame themselves; layers without it are sampled at the moments their state changes.
    """

    id: str
    title: Text
    order: int
    build: Callable[[Situation, Context], list[Feature]]
    legend: tuple[LegendEntry, ...] = ()
    timed: Callable[[Prepared, Context], list[Mover]] | None = None


def point(lon: float, lat: float) -> dict[str, Any]:
    """A GeoJSON Point geometry."""
    return {"type": "Point", "coordinates": [lon, lat]}


def line(coords: list[tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON LineString geometry (longitudes may be unwrapped past ±180)."""
    return {"type": "LineString", "coordinates": [[c[0], c[1]] for c in coords]}


def polygon(ring: list[tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON Polygon geometry with one outer ring."""
    return {"type": "Polygon", "coordinates": [[[c[0], c[1]] for c in ring]]}
