"""The scene: what to draw at a moment, for any renderer (web map, GeoJSON, images).

A scene is the features of the chosen layers at one moment, each layer's place in the draw order and legend, the
caption (the latest event), the crisis clock and the labels of every cited source. Decisions that depend on the
layers (their order, what their legend titles say) are made here, so renderers never name a layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

from geoapp import clock, knowledge, style, vocab
from geoapp.i18n import t, term
from geoapp.labels import PlaceLabel, place_labels
from geoapp.layer import Context, Feature, Layer, LegendEntry
from geoapp.model import Event, StoryEntry
from geoapp.situation import Prepared, situation_at
from geoapp.style import Style

#: layers drawn from the chosen range figures: their legend title says whose figures they show (a print must)
RANGE_FIGURE_LAYERS = frozenset({"range_rings"})


class ClockLine(NamedTuple):
    """One row of the crisis clock: the place's name and the moment there in words."""

    label: str
    text: str


@dataclass(frozen=True)
class SceneClock:
    """The moment read in the atlas's four zones, by name (Washington names its zone, EDT or EST)."""

    washington: ClockLine
    havana: ClockLine
    moscow: ClockLine
    gmt: ClockLine

    @property
    def rows(self) -> tuple[ClockLine, ...]:
        """The rows in the order panels show them: Washington, Havana, Moscow, GMT."""
        return (self.washington, self.havana, self.moscow, self.gmt)


@dataclass(frozen=True)
class SceneLayer:
    """What a renderer needs to know about one chosen layer: its draw order (``z``, from ``Layer.order``: lower
    draws first, underneath), its title, the title its legend shows, and its legend entries."""

    id: str
    z: int
    title: str
    legend_title: str
    legend: tuple[LegendEntry, ...]


@dataclass
class Scene:
    """Everything a renderer needs for one moment."""

    t: datetime
    lang: str
    layers: tuple[str, ...]
    features: list[Feature]
    legend: list[tuple[str, tuple[LegendEntry, ...]]]
    caption: str
    clock: SceneClock
    source_labels: dict[str, str] = field(default_factory=dict)
    quarantine_in_force: bool = False  # whether any quarantine line is in force at the moment
    quarantine_suspended: bool = False  # whether the quarantine is held with its enforcement paused
    events: tuple[Event, ...] = ()  # the events of the last hours (the narrative), oldest first
    latest_event: Event | None = None  # the event the caption tells
    story: tuple[StoryEntry, ...] = ()  # the prologue and the epilogue (told at the ends of the time bar)
    range_figure: str | None = None  # which range figures the rings use (None: each weapon's default)
    source_short: dict[str, str] = field(default_factory=dict)  # author (year) per source id
    layer_info: tuple[SceneLayer, ...] = ()  # the chosen layers, as in ``layers``
    place_labels: list[PlaceLabel] = field(default_factory=list)  # names of countries, seas, cities (by zoom)
    view: str = "actual"  # what the map shows: what was there, what Washington knew, or the difference

    @property
    def title(self) -> str:
        """The map's title: the atlas's, and the view when it is not what was there (a print must say)."""
        return view_title(self.view, self.lang)

    @property
    def iso_time(self) -> str:
        """The moment as ISO 8601 UTC."""
        return clock.iso(self.t)



def scene_clock(moment: datetime, lang: str) -> SceneClock:
    """The moment in Washington (zone named), Havana, Moscow and GMT, each with its place's name."""
    def line(zone: str) -> ClockLine:
        return ClockLine(t(zone, lang), clock.format_moment(moment, lang, zone))

    return SceneClock(washington=line("washington"), havana=line("havana"), moscow=line("moscow"), gmt=line("gmt"))


def view_title(view: str, lang: str) -> str:
    """The atlas's title, with the view named when it is not what was there."""
    title = t("app_title", lang)
    return title if view == "actual" else f"{title}: {term('view', view, lang)}"


def view_legend(view: str, lang: str) -> list[tuple[str, tuple[LegendEntry, ...]]]:
    """The legend's section naming a view that is not what was there: in the known view, that only what Washington
    had identified is drawn; in the difference view, the ring round what it did not know."""
    if view == "actual":
        return []
    site = Style.point(style.SOVIET, symbol="▲", radius=9)
    entry = (LegendEntry.of("legend_unknown", style.unknown(site)) if view == "gap"
             else LegendEntry.of("legend_known", site))
    return [(f"{t('legend_view', lang)}: {term('view', view, lang)}", (entry,))]


def starts(prepared: Prepared) -> dict[str, datetime]:
    """When each site, vessel, flight, line and event begins (what Washington knew as it happened is known from
    then), computed once per catalog (kept on ``prepared.memo``)."""
    key = ("starts",)
    if key not in prepared.memo:
        cat = prepared.catalog
        out: dict[str, datetime] = {}
        out.update((s.id, s.periods[0].start) for s in cat.sites)
        out.update((q.id, q.periods[0].start) for q in cat.quarantine)
        out.update((v.id, v.fixes[0].time) for v in cat.vessels)
        out.update((f.id, f.vertices[0].time) for f in cat.flights)
        out.update((e.id, e.time) for e in cat.events)
        prepared.memo[key] = out
    found: dict[str, datetime] = prepared.memo[key]
    return found


def with_knowledge(prepared: Prepared, features: list[Feature], moment: datetime, view: str,
                   lang: str) -> list[Feature]:
    """The features with what a view adds to their data (:func:`geoapp.knowledge.props`)."""
    if view == "actual":
        return features
    begun = starts(prepared)
    out = []
    for f in features:
        eid = knowledge.element_id(f.id)
        extra = knowledge.props(prepared.catalog, eid, moment, view, lang, str(f.props.get("name", "")),
                                begun.get(eid))
        out.append(replace(f, props={**f.props, **extra}))
    return out


def legend_title(layer: Layer, lang: str, range_figure: str | None) -> str:
    """The title a layer's legend shows: its title, and for layers drawn from range figures, whose figures."""
    title = layer.title.get(lang)
    if layer.id in RANGE_FIGURE_LAYERS:
        title = f"{title} ({term('figure', range_figure or vocab.DEFAULT_RANGE_FIGURE, lang)})"
    return title


def build_scene(prepared: Prepared, moment: datetime, registry: Mapping[str, Layer], lang: str = "en",
                layers: tuple[str, ...] | None = None, range_figure: str | None = None,
                view: str = "actual") -> Scene:
    """Build the scene at ``moment`` for the chosen layers (all by default), in the registry's order (which is
    draw order, ``Layer.order``), in a view (:mod:`geoapp.knowledge`); each layer's ``z`` is its ``Layer.order``."""
    view = knowledge.check_view(view)
    prepared = knowledge.prepare_view(prepared, view)
    range_figure = knowledge.figure_for(view, range_figure)
    chosen = tuple(lid for lid in registry if layers is None or lid in layers)
    sit = situation_at(prepared, moment)
    ctx = Context(catalog=prepared.catalog, lang=lang, range_figure=range_figure, view=view)
    features: list[Feature] = []
    info: list[SceneLayer] = []
    for lid in chosen:
        layer = registry[lid]
        features.extend(layer.features(prepared, sit, ctx))
        info.append(SceneLayer(id=lid, z=layer.order, title=layer.title.get(lang),
                               legend_title=legend_title(layer, lang, range_figure), legend=layer.legend))
    caption = sit.latest_event.title.get(lang) if sit.latest_event else ""
    features = with_knowledge(prepared, features, sit.t, view, lang)
    return Scene(t=sit.t, lang=lang, layers=chosen, features=features, view=view,
                 legend=[(i.title, i.legend) for i in info] + view_legend(view, lang), caption=caption,
                 clock=scene_clock(sit.t, lang),
                 source_labels=source_labels(prepared, lang=lang), quarantine_in_force=sit.quarantine_in_force,
                 quarantine_suspended=sit.quarantine_suspended,
                 events=sit.events, latest_event=sit.latest_event, story=prepared.catalog.story,
                 range_figure=range_figure,
                 source_short=source_labels(prepared, short=True, lang=lang), layer_info=tuple(info),
                 place_labels=place_labels(prepared.catalog, lang))


def source_labels(prepared: Prepared, short: bool = False, lang: str = "en") -> dict[str, str]:
    """Citations of every bibliography entry in a language (``short``: author and year only), computed once
    per catalog (kept on ``prepared.memo``)."""
    key = ("source_labels", lang, "short" if short else "full")
    if key not in prepared.memo:
        prepared.memo[key] = {sid: s.short_label(lang) if short else s.label(lang)
                              for sid, s in prepared.catalog.sources.items()}
    labels: dict[str, str] = prepared.memo[key]
    return labels


def cite(ref: str, labels: dict[str, str]) -> str:
    """A citation for ``id#locator`` with its locator (the data downloads keep where in a work a fact is)."""
    sid, _, loc = ref.partition("#")
    label = labels.get(sid, sid)
    return f"{label}, {loc}" if loc else label


def works(refs: Iterable[str], labels: dict[str, str]) -> list[str]:
    """The works cited by ``id#locator`` references, each once, in order, without locators: what a reader
    sees in popups, panels and pictures (a line number in a file means nothing to them)."""
    return list(dict.fromkeys(labels.get(ref.partition("#")[0], ref.partition("#")[0]) for ref in refs))
