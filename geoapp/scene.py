"""The scene: what to draw at a moment, for any renderer (web map, GeoJSON, images).

A scene is the features of the chosen layers at one moment, the legend for what is shown, the
caption (the latest event), the crisis clock and the labels of every cited source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from geoapp import clock
from geoapp.i18n import t
from geoapp.layer import Context, Feature, LegendEntry
from geoapp.timeline import Prepared, Situation, situation_at


@dataclass
class Scene:
    """Everything a renderer needs for one moment."""

    t: datetime
    lang: str
    layers: tuple[str, ...]
    features: list[Feature]
    legend: list[tuple[str, tuple[LegendEntry, ...]]]
    caption: str
    clock_lines: list[tuple[str, str]]
    source_labels: dict[str, str] = field(default_factory=dict)
    situation: Situation | None = None
    range_figure: str | None = None  # which range figures the rings use (None: each weapon's default)
    source_short: dict[str, str] = field(default_factory=dict)  # author (year) per source id

    @property
    def iso_time(self) -> str:
        """The moment as ISO 8601 UTC."""
        return clock.iso(self.t)


def clock_lines(t_: datetime, lang: str) -> list[tuple[str, str]]:
    """The moment in Washington (zone named), Havana, Moscow and GMT, as (label, text) rows."""
    return [
        (t("washington", lang), clock.format_moment(t_, lang, "washington")),
        (t("havana", lang), clock.format_moment(t_, lang, "havana")),
        (t("moscow", lang), clock.format_moment(t_, lang, "moscow")),
        (t("gmt", lang), clock.format_moment(t_, lang, "gmt")),
    ]


def build_scene(prepared: Prepared, moment: datetime, registry: dict, lang: str = "en",
                layers: tuple[str, ...] | None = None, range_figure: str | None = None) -> Scene:
    """Build the scene at ``moment`` for the chosen layers (all by default), in draw order."""
    chosen = tuple(lid for lid in registry if layers is None or lid in layers)
    sit = situation_at(prepared, moment)
    ctx = Context(catalog=prepared.catalog, lang=lang, range_figure=range_figure)
    features: list[Feature] = []
    legend = []
    for lid in chosen:
        layer = registry[lid]
        features.extend(layer.features(prepared, sit, ctx))
        legend.append((layer.title.get(lang), layer.legend))
    caption = sit.latest_event.title.get(lang) if sit.latest_event else ""
    return Scene(t=sit.t, lang=lang, layers=chosen, features=features, legend=legend, caption=caption,
                 clock_lines=clock_lines(sit.t, lang), source_labels=source_labels(prepared), situation=sit,
                 range_figure=range_figure, source_short=source_labels(prepared, short=True))


_LABELS: dict[tuple[int, bool], dict[str, str]] = {}


def source_labels(prepared: Prepared, short: bool = False) -> dict[str, str]:
    """Citations of every bibliography entry (``short``: author and year only), computed once per catalog."""
    key = (id(prepared.catalog), short)
    if key not in _LABELS:
        if not any(k[0] == key[0] for k in _LABELS):
            _LABELS.clear()
        _LABELS[key] = {sid: s.short_label() if short else s.label() for sid, s in prepared.catalog.sources.items()}
    return _LABELS[key]


def cite(ref: str, labels: dict[str, str]) -> str:
    """A readable citation for ``id#locator``: the label, plus the locator."""
    sid, _, loc = ref.partition("#")
    label = labels.get(sid, sid)
    return f"{label}, {loc}" if loc else label
