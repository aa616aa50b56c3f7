"""The timeline scene as the browser receives it: the one contract between Python and the browser.

Python has decided everything before this point: which fixed feature shows in which spans of time,
and for every moving thing the style of each stretch of track, the marker style and halo at each
vertex, when it shows, when its marker goes and when its track fades (:mod:`geoapp.movers`). The
browser (``static/atlas/core.js``) only bisects, interpolates between vertices and picks styles by
reference. :func:`reference_frame` computes, in Python, what the browser must compute at a moment;
``tests/test_js_contract.py`` runs ``core.js`` under Node and compares the two.

Schema (``SCHEMA`` = 4); times are epoch seconds (integers), positions ``[lat, lon]`` (4 decimals,
longitudes unwrapped past ±180 along a track), ``ref`` an index into ``pool``:

``pool``
    values stored once: Leaflet-ready styles (``{"icon": {"html", "size"}}`` for markers, path
    options for lines and areas, circle options for halos), outlines and popup HTML.
``fixed``
    ``[{layer, id, kind: point|line|area, geometry: ref, style: ref, popup: ref, tooltip,
    spans: [[from, to), ...], halo: ref?, halo_m?, name?, name_zoom?}]``: shown while a span holds the
    moment; ``name`` (plain text) is written beside the marker from zoom ``name_zoom`` on, where it fits.
``movers``
    ``[{layer, id, t: [...], ll: [[lat, lon], ...], seg: [...], lines: [ref, ...], faded: [ref, ...]|null,
    mk: [...], markers: [ref, ...], halo_km: [...], halo: ref, show: [from, to], marker_until,
    fade_after|null, popup: ref, popups: [[from, ref], ...], tooltip, name?, name_zoom?}]``: ``seg[k]`` picks
    the style of segment k (vertex k to k+1) in ``lines`` (in ``faded`` after ``fade_after``), ``mk[i]`` the
    marker style at vertex i in ``markers``, ``halo_km[i]`` its halo radius (0: none); between vertices the last vertex
    passed decides. Shown while ``show[0] <= t <= show[1]``, the marker while ``t <= marker_until``. The
    popup is ``popup`` until the first of ``popups`` begins, then the last begun (a ship's names its latest
    report, never one from after the moment).
``events``, ``captions``, ``keys``, ``key_events``, ``key_labels``
    ``[{t, key, when, title, text, cite, focus}]`` (``when``: the time in words; ``cite``: its works, short, each once;
    ``focus``: where the map goes when the time bar reaches a key moment, ``{bbox: [west, south, east,
    north], features: [id, ...]}`` in degrees, ``west > east`` when the box crosses the antimeridian,
    ``features`` the ``id`` of ``fixed`` and ``movers`` items the moment is about, a site's, ship's,
    flight's, quarantine line's or the event's own (an id may name several ``fixed`` items, one for each
    look over time, such as a site under construction and then operational; a range ring's ``<site>#ring``
    is never listed); null for every event that is not key, and every key event has one);
    ``[[from, event index], ...]`` (the event the caption tells from that moment on); key moment
    times, their events' indices, and the day of each in words (for the time bar's ticks).
``story_steps``, ``story``, ``story_bounds``
    ``[[from, [event index, ...], latest 0|1], ...]``: the events the story tells from that moment on
    (newest first; ``latest``: nothing happened in the window, the latest event is told); the
    prologue and the epilogue ``[{part, when, title, text, cite}]``; until when the prologue and from
    when the epilogue are told on this period's time bar (the host sends new bounds with a new period).
``quarantine_steps``, ``quarantine_text``
    ``[[from, in_force|suspended|not], ...]`` and the sentence for each state.
``zones``
    the clock's rows ``[[place, IANA zone, label|null], ...]`` (null: the zone's own name, EDT or EST).
``zone_steps``
    ``{IANA zone: [[from, offset in seconds east of UTC, name], ...]}`` over the whole timeline, from
    ``clock.zone_steps``: the browser reads wall clocks from these, never from its own zone database.
``layer_titles``
    ``{layer id: title}``, for the text description of the map.
``place_labels``
    ``[{text, ll: [lat, lon], kind: country|sea|city, zoom}]``: names written on the map from zoom ``zoom``
    on, in order of precedence (an earlier name wins a place the later would overlap).
``view``, ``views``
    what the map shows (``actual``, ``known`` or ``gap``: :mod:`geoapp.knowledge`) and the switch's choices
    ``[[view, label], ...]``. In ``gap`` an event Washington did not know of carries ``unknown`` (a sentence).
``estimates``
    the chart of the US estimate against reality (``known`` and ``gap``, else null): ``{title, us_label,
    actual_label, note_label, lang, series: [{id, title, unit, us: [[from, value, low, high], ...], actual: [...], max,
    note}]}``, step series in epoch seconds (:mod:`geoapp.estimates`).
``moscow``
    what Moscow knew (``gap``, else empty): ``[{t, when, title, text, cite}]`` in time order; the panel tells
    the last one begun.
``labels``, ``lang``, ``version``, ``start``, ``end``, ``t0``, ``layers``
    the strings the time bar shows, the language, the content version, the period shown, the
    first moment and the layer ids in draw order.
"""

from __future__ import annotations

import functools
import html
import json
from datetime import UTC, datetime
from typing import Any

from geoapp import clock, movers, vocab
from geoapp import labels as labels_rule
from geoapp.i18n import t, term
from geoapp.render.leaflet.html import popup_block
from geoapp.render.leaflet.styles import halo_options, leaflet_style
from geoapp.scene import works
from geoapp.situation import Prepared, situation_at
from geoapp.timeline_scene import TimelineScene, event_index, quarantine_state, story_told

SCHEMA = 4

#: The strings the page around the map shows, by key (looked up in geoapp.i18n).
LABELS = ("play", "pause", "step_back", "step_fwd", "prev_key", "next_key", "moment", "speed", "speed_1h",
          "speed_6h", "speed_12h", "speed_1d", "loop", "idle_countdown", "app_title", "clock", "narrative", "latest",
          "no_events", "sources", "story_prologue", "story_epilogue", "jump_to", "legend", "describe_map",
          "story_sheet", "map_label", "timebar_label", "now_on_map", "appeared", "gone", "nothing_shown",
          "switch_lang", "close", "zoom_in", "zoom_out", "skip_to_content", "view", "view_help", "moscow_knew",
          "unknown_badge")
#: The clock's rows: the places, in the order the panel shows them.
CLOCK_ROWS = ("washington", "havana", "moscow", "gmt")
#: The quarantine's states (``TimelineScene.quarantine_steps``) and the sentence for each.
QUARANTINE_TEXT = {"in_force": "quarantine_in_force", "suspended": "quarantine_suspended", "not": "quarantine_not"}


#: East of this longitude (Kamchatka, Chukotka) the live map, centred on the Americas, draws a place a world to
#: the west, beside Alaska (lon - 360), as it draws the tracks that cross the antimeridian: a scene over the
#: Bering Strait then holds its markers on one side of the map.
FAR_EAST = 150.0


def drawn_lon(lon: float) -> float:
    """The longitude the live map draws ``lon`` at (see :data:`FAR_EAST`)."""
    return lon - 360.0 if lon > FAR_EAST else lon


def ll(lon: float, lat: float) -> list[float]:
    """A position as the browser takes it: ``[lat, lon]`` to 4 decimals (about 10 m)."""
    return [round(lat, 4), round(drawn_lon(lon), 4)]


class Pool:
    """Values stored once and referred to by index (styles, popups and outlines repeat)."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def ref(self, value: Any) -> int:
        """The index of ``value`` in the pool, adding it the first time."""
        key = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(value)
        return self._index[key]


def _outline(geometry: dict[str, Any]) -> tuple[str, list]:
    kind = {"Point": "point", "LineString": "line", "Polygon": "area"}[geometry["type"]]
    c = geometry["coordinates"]
    if kind == "point":
        return kind, ll(c[0], c[1])
    return kind, [ll(x, y) for x, y in (c if kind == "line" else c[0])]


def _named(name: str, layer: str, kind: str) -> dict[str, Any]:
    """The name written beside a marker and the zoom it is written from (plain text: the browser sets it as text)."""
    zoom = labels_rule.name_zoom(layer, kind)
    return {"name": name, "name_zoom": zoom} if zoom is not None and name else {}


def encode(scene: TimelineScene, t0: float, period: tuple[float, float], layers: tuple[str, ...]) -> dict[str, Any]:
    """The timeline scene as the JSON-ready dict the browser draws from (see the module docstring)."""
    lang, labels = scene.lang, scene.source_labels
    pool = Pool()
    fixed = []
    for sp in scene.fixed:
        f = sp.feature
        kind, outline = _outline(f.geometry)
        name = str(f.props.get("name", ""))
        item: dict[str, Any] = {
            "layer": f.layer, "id": f.id, "kind": kind, "geometry": pool.ref(outline),
            "style": pool.ref(leaflet_style(f.style)),
            "popup": pool.ref(popup_block(name, f.details, f.props.get("sources", []), lang, labels)),
            "tooltip": html.escape(name), "spans": [[int(a), int(b)] for a, b in sp.spans],
            **_named(name, f.layer, kind),
        }
        if kind == "point" and f.style.halo_km > 0:
            item["halo"] = pool.ref(halo_options(f.style.color))
            item["halo_m"] = round(f.style.halo_km * 1000)
        fixed.append(item)
    out_movers = []
    for m in scene.movers:
        tr = m.track
        name = str(m.props.get("name", ""))
        out_movers.append({
            "layer": m.layer, "id": m.id, "t": [int(x) for x in tr.times],
            "ll": [ll(lo, la) for lo, la in zip(tr.lons, tr.lats, strict=True)],
            "seg": list(m.segment_style), "lines": [pool.ref(leaflet_style(s)) for s in m.line_styles],
            "faded": ([pool.ref(leaflet_style(s)) for s in m.faded_line_styles]
                      if m.faded_line_styles is not None else None),
            "mk": list(m.vertex_marker), "markers": [pool.ref(leaflet_style(s)) for s in m.marker_styles],
            "halo_km": [round(h, 1) for h in m.halo_km], "halo": pool.ref(halo_options(m.marker_styles[0].color)),
            "show": [int(m.show_from), int(m.show_to)], "marker_until": int(m.marker_until),
            "fade_after": int(m.fade_after) if m.fade_after is not None else None,
            "popup": pool.ref(popup_block(name, list(m.details), m.props.get("sources", []), lang, labels)),
            "popups": [[int(ts), pool.ref(popup_block(name, list(d), m.props.get("sources", []), lang, labels))]
                       for ts, d in m.detail_steps],
            "tooltip": html.escape(name), **_named(name, m.layer, "point"),
        })
    short = scene.source_short

    def told(e: dict[str, Any]) -> dict[str, Any]:
        out = {"when": e["when"], "title": e["title"], "text": e["text"], "cite": works(e["sources"], short)}
        if e.get("unknown"):
            out["unknown"] = e["unknown"]
        return out

    return {
        "schema": SCHEMA, "lang": lang, "version": scene.version, "start": int(period[0]), "end": int(period[1]),
        "t0": int(t0), "layers": list(layers), "pool": pool.items, "fixed": fixed, "movers": out_movers,
        "events": [{"t": int(e["t"]), "key": e["key"], **told(e), "focus": e["focus"]} for e in scene.events],
        "captions": [[int(ts), i] for ts, i in scene.captions],
        "keys": [int(e["t"]) for e in scene.keys],
        "key_events": [i for i, e in enumerate(scene.events) if e["key"]],
        "layer_titles": {lid: title for lid, title, _ in scene.legend},
        "place_labels": [{"text": p["text"], "ll": ll(p["lon"], p["lat"]), "kind": p["kind"], "zoom": p["zoom"]}
                         for p in scene.place_labels],
        "key_labels": [clock.format_day(datetime.fromtimestamp(e["t"], tz=UTC), lang) for e in scene.keys],
        "story": [{"part": s["part"], **told(s)} for s in scene.story],
        "story_bounds": story_bounds_of(period),
        "story_steps": [[int(ts), list(idx), int(latest)] for ts, idx, latest in scene.story_steps],
        "quarantine_steps": [[int(ts), state] for ts, state in scene.quarantine_steps],
        "quarantine_text": {k: t(v, lang) for k, v in QUARANTINE_TEXT.items()},
        "zones": [[t(z, lang), clock.ZONE_NAMES[z], clock.zone_label(z, lang)] for z in CLOCK_ROWS],
        "zone_steps": zone_steps(),
        "labels": {k: t(k, lang) for k in LABELS},
        "view": scene.view, "views": [[v, term("view", v, lang)] for v in vocab.VIEWS],
        "estimates": scene.estimates, "moscow": scene.moscow,
    }


@functools.cache
def zone_steps() -> dict[str, list[list[int | str]]]:
    """Each clock's offsets over the whole timeline (``zone_steps`` in the schema), the same for every page."""
    return {clock.ZONE_NAMES[z]: [list(step) for step in clock.zone_steps(z)] for z in clock.ZONE_NAMES}


def story_bounds_of(period: tuple[float, float]) -> list[int]:
    """Until when the prologue is told and from when the epilogue, for a time bar over ``period`` (epoch s)."""
    a, b = (datetime.fromtimestamp(x, tz=UTC) for x in period)
    return [int(x.timestamp()) for x in clock.story_bounds(a, b)]


def to_json(data: dict[str, Any]) -> str:
    """The data as compact JSON safe to place inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def reference_frame(scene: TimelineScene, data: dict[str, Any], ts: float,
                    layers: tuple[str, ...] | None = None) -> dict[str, Any]:
    """What the browser must show at epoch ``ts``, computed in Python from the scene's decisions.

    The shape is that of ``CMCCore.frameSummary`` in ``core.js``: fixed features as
    ``[layer, id, style ref]``; movers as ``[layer, id, [lat, lon], [[run, style ref, points], ...],
    marker ref or None, halo km]``. ``data`` (from :func:`encode`) only supplies the references.
    """
    shown = set(scene.layers if layers is None else layers)
    fixed = [[sp.feature.layer, sp.feature.id, data["fixed"][k]["style"]] for k, sp in enumerate(scene.fixed)
             if sp.feature.layer in shown and any(int(a) <= ts < int(b) for a, b in sp.spans)]
    out = []
    for k, m in enumerate(scene.movers):
        if m.layer not in shown:
            continue
        fr = movers.frame_at(m, ts)
        if fr is None:
            continue
        enc = data["movers"][k]
        runs = [[r.index, (enc["faded"] if r.faded else enc["lines"])[r.style], len(r.coords)] for r in fr.runs]
        marker = enc["markers"][fr.marker] if fr.marker is not None else None
        out.append([m.layer, m.id, [fr.lat, drawn_lon(fr.lon)], runs, marker, round(fr.halo_km, 1)])
    return {"fixed": fixed, "movers": out}


def reference_panel(prepared: Prepared, lang: str, ts: float) -> dict[str, Any]:
    """What the panels beside the map must tell at epoch ``ts`` (the shape of ``CMCCore.panelSummary``):
    the caption's event, the story's events (newest first) and whether only the latest is told, the
    quarantine's state, and the four clock rows' words. Computed at the moment itself, not from the steps."""
    moment = datetime.fromtimestamp(ts, tz=UTC)
    sit = situation_at(prepared, moment)
    story, latest = story_told(prepared, sit)
    index = event_index(prepared)
    return {"caption": index[id(sit.latest_event)] if sit.latest_event else None, "story": list(story),
            "latest": latest, "quarantine": quarantine_state(sit),
            "clock": [clock.format_moment(moment, lang, z) for z in CLOCK_ROWS]}
