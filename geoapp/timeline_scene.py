"""The timeline scene: everything the map can show over the whole timeline, for a client that draws
every frame itself (the live slider, playback, the standalone HTML export).

Fixed things (sites, quarantine lines, range rings, events) change only at known moments, so each
such layer is built at every moment where something can change and identical features are merged
into spans ``[from, to)`` of epoch seconds. Moving things (ships, aircraft) come from the layers'
``movers`` as whole timed tracks with every drawing rule decided (:mod:`geoapp.movers`). At any
moment ``t`` the client shows the fixed features whose span holds ``t`` and evaluates the movers;
``geoapp.render.leaflet.schema`` is the JSON the browser receives and the reference of what it
must compute, and tests check both against :func:`geoapp.scene.build_scene`.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from geoapp import clock, estimates, knowledge
from geoapp.labels import PlaceLabel, place_labels
from geoapp.layer import Context, Feature, Layer, LegendEntry
from geoapp.model import Event
from geoapp.movers import Mover
from geoapp.scene import source_labels, view_legend, with_knowledge
from geoapp.situation import EVENT_WINDOW, Prepared, Situation, latest_event_index, situation_at

#: How many events of the moment the story tells at most, newest first.
STORY_MAX = 6


@dataclass
class Spanned:
    """A fixed feature and the spans of time ``[from, to)`` (epoch seconds) in which it is shown."""

    feature: Feature
    spans: list[list[float]] = field(default_factory=list)


@dataclass
class TimelineScene:
    """The whole timeline's scene for one language and range figure."""

    lang: str
    figure: str | None
    start: float
    end: float
    layers: tuple[str, ...]
    fixed: list[Spanned]
    movers: list[Mover]
    legend: list[tuple[str, str, tuple[LegendEntry, ...]]]
    events: list[dict]
    keys: list[dict]
    captions: list[tuple[float, int]]
    source_labels: dict[str, str]
    version: str = ""
    #: author (year) per source id, for the story beside the map
    source_short: dict[str, str] = field(default_factory=dict)
    #: the prologue and the epilogue: ``{part, when, title, text, sources}``
    story: list[dict] = field(default_factory=list)
    #: from each moment on (epoch seconds): the events the story tells (indices, newest first) and
    #: whether they are only the latest event (nothing happened in the window before the moment)
    story_steps: list[tuple[float, tuple[int, ...], bool]] = field(default_factory=list)
    #: from each moment on: the quarantine's state, ``in_force``, ``suspended`` or ``not``
    quarantine_steps: list[tuple[float, str]] = field(default_factory=list)
    #: the names of countries, seas and cities, in order of precedence (:func:`geoapp.labels.place_labels`)
    place_labels: list[PlaceLabel] = field(default_factory=list)
    #: what the map shows: ``actual``, ``known`` or ``gap`` (:mod:`geoapp.knowledge`)
    view: str = "actual"
    #: the chart of the US estimate against reality (``known`` and ``gap``; :func:`geoapp.estimates.chart`)
    estimates: dict | None = None
    #: what Moscow knew, in time order (``gap``): ``{t, when, title, text, cite}``
    moscow: list[dict] = field(default_factory=list)


def breakpoints(prepared: Prepared, view: str = "actual") -> list[datetime]:
    """Every moment at which a fixed layer can change: period starts and ends, events and their expiry, and in the
    known and difference views each reading of what Washington knew."""
    cat = prepared.catalog
    moments = {clock.TIMELINE_START}
    if view != "actual":
        moments.update(knowledge.moments(cat))
    for periods in [s.periods for s in cat.sites] + [q.periods for q in cat.quarantine]:
        for p in periods:
            moments.add(p.start)
            if p.end:
                moments.add(p.end)
    for e in cat.events:
        moments.add(e.time)
        moments.add(e.time + EVENT_WINDOW)
    return sorted(m for m in moments if clock.TIMELINE_START <= m <= clock.TIMELINE_END)


def _key(f: Feature) -> tuple:
    """What makes two features the same drawing (styles are frozen, so they compare and hash as they are)."""
    return (f.id, json.dumps(f.props, sort_keys=True, ensure_ascii=False, default=str), f.style, tuple(f.details))


def build_timeline_scene(prepared: Prepared, registry: Mapping[str, Layer], lang: str = "en",
                         figure: str | None = None, view: str = "actual") -> TimelineScene:
    """Build the timeline scene of every layer in ``registry`` for ``lang``, range ``figure`` and ``view``."""
    view = knowledge.check_view(view)
    prepared = knowledge.prepare_view(prepared, view)
    figure = knowledge.figure_for(view, figure)
    ctx = Context(catalog=prepared.catalog, lang=lang, range_figure=figure, view=view)
    fixed_layers = [lyr for lyr in registry.values() if lyr.build is not None]
    end_ts = clock.TIMELINE_END.timestamp()
    moments = breakpoints(prepared, view)
    spanned: dict[tuple, Spanned] = {}
    order: list[tuple] = []
    for i, m in enumerate(moments):
        nxt = moments[i + 1].timestamp() if i + 1 < len(moments) else end_ts + 1
        sit = situation_at(prepared, m)
        for layer in fixed_layers:
            for f in with_knowledge(prepared, layer.features(prepared, sit, ctx), m, view, lang):
                k = _key(f)
                entry = spanned.get(k)
                if entry is None:
                    entry = spanned[k] = Spanned(feature=f)
                    order.append(k)
                if entry.spans and entry.spans[-1][1] == m.timestamp():
                    entry.spans[-1][1] = nxt
                else:
                    entry.spans.append([m.timestamp(), nxt])
    movers = [mv for lyr in registry.values() if lyr.movers is not None for mv in lyr.movers_of(prepared, ctx)]
    events = [{"t": e.time.timestamp(), "title": e.title.get(lang), "key": e.key, "text": e.text.get(lang),
               "when": clock.format_moment(e.time, lang), "sources": list(e.sources), "focus": focus_of(e),
               "unknown": knowledge.unknown_words(prepared.catalog, e.id, lang) if view == "gap" else None}
              for e in prepared.catalog.events]
    story = [{"part": s.part, "when": clock.format_date(s.date, lang), "title": s.title.get(lang),
              "text": s.text.get(lang), "sources": list(s.sources)} for s in prepared.catalog.story]
    keys = [ev for ev in events if ev["key"]]
    captions = caption_steps(prepared)
    scene = TimelineScene(
        story_steps=story_steps(prepared), quarantine_steps=quarantine_steps(prepared),
        lang=lang, figure=figure, start=clock.TIMELINE_START.timestamp(), end=end_ts,
        layers=tuple(registry), fixed=[spanned[k] for k in order], movers=movers,
        legend=[(lid, lyr.title.get(lang), lyr.legend) for lid, lyr in registry.items()]
        + [("view", title, entries) for title, entries in view_legend(view, lang)],
        events=events, keys=keys, captions=captions, source_labels=source_labels(prepared, lang=lang),
        source_short=source_labels(prepared, short=True, lang=lang), story=story,
        place_labels=place_labels(prepared.catalog, lang), view=view,
        estimates=estimates.chart(prepared.catalog, lang) if view != "actual" else None,
        moscow=([estimates.moscow_told(m, lang, source_labels(prepared, short=True, lang=lang))
                 for m in prepared.catalog.moscow] if view == "gap" else []),
    )
    digest = hashlib.sha1(f"{lang}|{figure}|{view}".encode())
    for k in order:
        digest.update(repr(k).encode())
    for mv in movers:
        digest.update(f"{mv.id}|{mv.details}".encode())
        for values in (mv.track.times, mv.track.lons, mv.track.lats):
            digest.update(array("d", values).tobytes())
    digest.update(json.dumps([events, story, scene.place_labels, scene.estimates, scene.moscow],
                             ensure_ascii=False).encode())
    scene.version = digest.hexdigest()[:12]
    return scene


def focus_of(e: Event) -> dict | None:
    """Where the map goes at a key moment, ``{bbox: [west, south, east, north], features: [id, ...]}``
    (``west > east`` crosses the antimeridian), or None for an event that is not key."""
    if e.focus is None:
        return None
    return {"bbox": list(e.focus.bbox), "features": list(e.focus.features)}


def caption_steps(prepared: Prepared) -> list[tuple[float, int]]:
    """From each event time on (epoch seconds), the index of the event the caption tells
    (:func:`geoapp.situation.latest_event_index` decides)."""
    events = prepared.catalog.events
    out: list[tuple[float, int]] = []
    for hi in range(1, len(events) + 1):
        ts = events[hi - 1].time.timestamp()
        idx = latest_event_index(events, hi)
        assert idx is not None
        if out and out[-1][0] == ts:
            out[-1] = (ts, idx)
        else:
            out.append((ts, idx))
    return out


def _steps(moments: list[datetime], value: Callable[[datetime], tuple]) -> list:
    """``[(epoch, value), ...]`` at each moment where the value changes (``value`` of the moment)."""
    out: list = []
    for m in moments:
        v = value(m)
        if not out or out[-1][1:] != v:
            out.append((m.timestamp(), *v))
    return out


def event_index(prepared: Prepared) -> dict[int, int]:
    """Each event's index in the catalog, by identity (kept on ``prepared.memo``)."""
    if ("event_index",) not in prepared.memo:
        prepared.memo[("event_index",)] = {id(e): i for i, e in enumerate(prepared.catalog.events)}
    index: dict[int, int] = prepared.memo[("event_index",)]
    return index


def story_told(prepared: Prepared, sit: Situation) -> tuple[tuple[int, ...], bool]:
    """The events the story tells in a situation (indices, newest first, at most :data:`STORY_MAX`: the
    events of the window before the moment), and whether they are only the latest event (the window is empty)."""
    index = event_index(prepared)
    if sit.events:
        return tuple(index[id(e)] for e in reversed(sit.events))[:STORY_MAX], False
    return ((index[id(sit.latest_event)],) if sit.latest_event else ()), True


def quarantine_state(sit: Situation) -> str:
    """The quarantine's state in a situation: ``in_force``, ``suspended`` or ``not``."""
    return "in_force" if sit.quarantine_in_force else "suspended" if sit.quarantine_suspended else "not"


def story_steps(prepared: Prepared) -> list[tuple[float, tuple[int, ...], bool]]:
    """What the story tells (:func:`story_told`) from each moment where it can change on."""
    moments = {clock.TIMELINE_START}
    for e in prepared.catalog.events:
        moments.update((e.time, e.time + EVENT_WINDOW))
    return _steps(sorted(m for m in moments if m >= clock.TIMELINE_START),
                  lambda m: story_told(prepared, situation_at(prepared, m)))


def quarantine_steps(prepared: Prepared) -> list[tuple[float, str]]:
    """The quarantine's state (:func:`quarantine_state`) from each moment where it can change on."""
    moments = {clock.TIMELINE_START}
    for q in prepared.catalog.quarantine:
        for p in q.periods:
            moments.add(p.start)
            if p.end:
                moments.add(p.end)
    return _steps(sorted(m for m in moments if m >= clock.TIMELINE_START),
                  lambda m: (quarantine_state(situation_at(prepared, m)),))
