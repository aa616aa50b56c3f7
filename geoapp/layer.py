"""The layer contract: the one place to read before adding a map layer.

A layer is an ``id``, a bilingual ``title``, a draw ``order`` (lower draws first, underneath),
its ``legend`` entries, and either a pure ``build(situation, ctx)`` that returns the
:class:`Feature` objects of one moment (things that change only at known moments: sites, lines,
rings, events), or ``movers(prepared, ctx)`` that describes its moving things once for the whole
timeline (:class:`geoapp.movers.Mover`, with every drawing rule decided). Layers never import
Streamlit, folium or matplotlib and never
read files; the registry lives in ``layers/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geoapp.i18n import t
from geoapp.model import Catalog, Text
from geoapp.situation import Prepared, Situation
from geoapp.style import Style

if TYPE_CHECKING:
    from geoapp.movers import Mover


@dataclass(frozen=True)
class Context:
    """What a layer needs besides the situation: language, range figure, the catalog, and the view
    (``actual``, ``known``, ``gap``: :mod:`geoapp.knowledge`)."""

    catalog: Catalog
    lang: str = "en"
    range_figure: str | None = None  # None: each weapon's default figure
    view: str = "actual"


@dataclass(frozen=True)
class Feature:
    """One thing to draw: GeoJSON-like geometry (lon/lat), properties and its :class:`Style`.

    ``props`` always has ``name``, ``kind``, ``sources``; ``status`` and ``time`` (ISO UTC) where they
    apply (``layer`` and ``id`` are the feature's own fields: :attr:`properties` adds them).
    ``details`` holds (label, value) rows for popups.
    """

    layer: str
    id: str
    geometry: dict[str, Any]
    props: dict[str, Any]
    style: Style
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def properties(self) -> dict[str, Any]:
        """The properties as exported (GeoJSON, CSV): layer and id first, then ``props``."""
        return {"layer": self.layer, "id": self.id, **self.props}


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a sample style and a label. A ``detail`` row (one kind among several drawn alike,
    such as each kind of site) may be left out of a legend that has no room for it, as in a small image."""

    label: Text
    style: Style
    detail: bool = False

    @classmethod
    def of(cls, key: str, style: Style, detail: bool = False) -> LegendEntry:
        """The row whose label is the UI string ``key`` of ``geoapp/i18n.py`` in every language."""
        return cls(Text(t(key, "en"), t(key, "ja")), style, detail)


@dataclass(frozen=True)
class Layer:
    """A map layer: identity, title, draw order, legend, and ``build`` or ``movers`` (not both)."""

    id: str
    title: Text
    order: int
    menu: int = 0  # place in the layer menus and the legend (draw order is ``order``)
    build: Callable[[Situation, Context], list[Feature]] | None = None
    legend: tuple[LegendEntry, ...] = ()
    movers: Callable[[Prepared, Context], list[Mover]] | None = None

    def __post_init__(self) -> None:
        if (self.build is None) == (self.movers is None):
            raise ValueError(f"layer {self.id!r} needs either build or movers, not both and not neither")

    def movers_of(self, prepared: Prepared, ctx: Context) -> list[Mover]:
        """The layer's moving things for this language and range figure (derived once per catalog)."""
        assert self.movers is not None
        key = ("movers", self.id, ctx.lang, ctx.range_figure or "", ctx.view)
        if key not in prepared.memo:
            prepared.memo[key] = self.movers(prepared, ctx)
        return list(prepared.memo[key])

    def features(self, prepared: Prepared, situation: Situation, ctx: Context) -> list[Feature]:
        """What the layer draws at the situation's moment (movers evaluated at that moment)."""
        if self.movers is not None:
            from geoapp.movers import features_at

            return [f for m in self.movers_of(prepared, ctx) for f in features_at(m, situation.t)]
        assert self.build is not None
        return self.build(situation, ctx)


def point(lon: float, lat: float) -> dict[str, Any]:
    """A GeoJSON Point geometry."""
    return {"type": "Point", "coordinates": [lon, lat]}


def line(coords: list[tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON LineString geometry (longitudes may be unwrapped past ±180)."""
    return {"type": "LineString", "coordinates": [[c[0], c[1]] for c in coords]}


def polygon(ring: list[tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON Polygon geometry with one outer ring."""
    return {"type": "Polygon", "coordinates": [[[c[0], c[1]] for c in ring]]}
