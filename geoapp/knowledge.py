"""What Washington knew, and when: the one place where the three views of the map are decided.

- ``actual``: what was there (the catalog as it is).
- ``known``: only what US intelligence had identified by the moment, with the status it judged, the US
  range figures, and without the events it did not know of. This is a catalog of its own
  (:func:`known_catalog`) and a :class:`~geoapp.situation.Prepared` of its own (:func:`prepare_view`), so
  that every layer, scene and renderer draws it as it draws the actual one.
- ``gap``: everything, with what Washington did not know at the moment marked (:func:`known_at`), and
  explained in popups (:func:`rows`).

A US site, vessel, flight or quarantine line, and an event without a knowledge record, is known from the
moment it exists. Everything else is known from its first identified reading (``data/knowledge/``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from geoapp import clock, vocab
from geoapp.i18n import t
from geoapp.model import Catalog, Knowledge, Reading, StatusPeriod
from geoapp.routes import Track
from geoapp.situation import Prepared

#: the range figures the known view draws (Washington's own)
KNOWN_FIGURE = "us_1962"


def check_view(view: str | None) -> str:
    """A view name, the default when None; raises ValueError naming the choices for any other value."""
    view = view or vocab.DEFAULT_VIEW
    if view not in vocab.VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(vocab.VIEWS)}")
    return view


def element_id(feature_id: str) -> str:
    """The site, vessel, flight, line or event a feature is drawn for (``kimovsk#track0`` → ``kimovsk``)."""
    return feature_id.split("#", 1)[0]


def record(catalog: Catalog, eid: str) -> Knowledge | None:
    """What Washington knew of a thing, or None for a thing it knew of as it happened (US, public)."""
    return catalog.knowledge.get(eid)


def known_at(catalog: Catalog, eid: str, t: datetime) -> bool:
    """Whether Washington had identified the thing by ``t`` (always, for a thing without a record)."""
    k = record(catalog, eid)
    if k is None:
        return True
    since = k.identified_from
    return since is not None and since <= t


def figure_for(view: str, figure: str | None) -> str | None:
    """The range figures the rings show in a view: Washington's own in the known view, else the one chosen."""
    return KNOWN_FIGURE if view == "known" else figure


def us_periods(k: Knowledge) -> tuple[StatusPeriod, ...]:
    """A site's life as Washington judged it: from its first identified reading, a period at each change of
    the status the readings say."""
    out: list[StatusPeriod] = []
    for r in k.readings:
        if not r.identified or r.status is None:
            continue
        if not out or out[-1].status != r.status:
            out.append(StatusPeriod(status=r.status, start=r.time))
    return tuple(out)


def known_catalog(catalog: Catalog) -> Catalog:
    """The world as Washington saw it: sites and vessels it identified (sites with the status it judged),
    the events it knew of; its own forces, flights and lines as they were."""
    sites = []
    for s in catalog.sites:
        k = record(catalog, s.id)
        if k is None:
            sites.append(s)
            continue
        periods = us_periods(k)
        if periods:
            sites.append(replace(s, periods=periods))
    vessels = tuple(v for v in catalog.vessels if known_at(catalog, v.id, clock.TIMELINE_END))
    events = tuple(e for e in catalog.events if e.id not in catalog.knowledge)
    return replace(catalog, sites=tuple(sites), vessels=vessels, events=events)


def clip(track: Track, ts: float) -> Track:
    """The track from epoch ``ts`` on (the position at ``ts`` interpolated as its first point)."""
    if ts <= track.times[0]:
        return track
    if ts >= track.times[-1]:  # identified after its last report: it stands there
        return Track((ts,), track.lons[-1:], track.lats[-1:], track.estimated[-1:], track.precision[-1:])
    i = track.index_at(ts)
    lon, lat = track.position_at(ts)
    rest = slice(i + 1, None)
    return Track((ts, *track.times[rest]), (lon, *track.lons[rest]), (lat, *track.lats[rest]),
                 (track.estimated[i], *track.estimated[rest]), (track.precision[i], *track.precision[rest]))


def split(track: Track, ts: float) -> Track:
    """The same track with a vertex at epoch ``ts`` (interpolated) when ``ts`` falls inside a segment, so that
    what is decided per vertex (a marker's look) can change there."""
    if not track.times[0] < ts < track.times[-1] or ts in track.times:
        return track
    i = track.index_at(ts)
    lon, lat = track.position_at(ts)
    k = i + 1
    return Track((*track.times[:k], ts, *track.times[k:]), (*track.lons[:k], lon, *track.lons[k:]),
                 (*track.lats[:k], lat, *track.lats[k:]),
                 (*track.estimated[:k], track.estimated[i], *track.estimated[k:]),
                 (*track.precision[:k], track.precision[i], *track.precision[k:]))


def prepare_view(prepared: Prepared, view: str) -> Prepared:
    """The prepared catalog a view draws from: the actual one for ``actual`` and ``gap``; for ``known`` the
    known catalog, each vessel's track from the moment Washington identified it (made once, kept in memo)."""
    if check_view(view) != "known":
        return prepared
    key = ("view", "known")
    if key not in prepared.memo:
        cat = known_catalog(prepared.catalog)
        tracks = {}
        for v in cat.vessels:
            since = known_since(prepared.catalog, v.id)
            tracks[v.id] = clip(prepared.vessel_tracks[v.id], since.timestamp() if since else 0.0)
        prepared.memo[key] = Prepared(
            catalog=cat, vessel_tracks=tracks, flight_tracks=prepared.flight_tracks,
            event_times=tuple(e.time.timestamp() for e in cat.events),
            key_moments=tuple(sorted({e.time for e in cat.events if e.key})))
    known: Prepared = prepared.memo[key]
    return known


def known_since(catalog: Catalog, eid: str) -> datetime | None:
    """When Washington identified a thing with a record (None: never); for the rest, None (use its own start)."""
    k = record(catalog, eid)
    return k.identified_from if k is not None else None


def moments(catalog: Catalog) -> list[datetime]:
    """Every moment at which what Washington knew changed (each reading), for scenes that change there."""
    return sorted({r.time for k in catalog.knowledge.values() for r in k.readings})


def how_words(r: Reading, lang: str) -> str:
    """How a reading was learned, and when, in words: "U-2 photography, Sun 14 Oct 1962, 07:31 EDT"."""
    return t("knowledge_when_how", lang, how=t(f"how_{r.how}", lang), when=clock.format_moment(r.time, lang))


def _latest_identified(k: Knowledge, t_: datetime) -> Reading | None:
    told = None
    for r in k.readings:
        if r.time > t_:
            break
        if r.identified:
            told = r
    return told


def rows(catalog: Catalog, eid: str, moment: datetime, view: str, lang: str) -> list[tuple[str, str]]:
    """The rows a popup adds in a view, about what Washington knew of the thing at ``moment``: in ``known``, when
    and how it learned of it and what it took it for; in ``gap`` the same for what it knew, and for what it did
    not, what the thing was and when that came out. Nothing in ``actual``, nor for a thing known as it happened."""
    k = record(catalog, eid)
    if view == "actual" or k is None:
        return []
    out: list[tuple[str, str]] = []
    first = k.first_identified
    latest = _latest_identified(k, moment)
    if first is not None and latest is not None:
        out.append((t("known_since", lang), how_words(first, lang)))
        out.append((t("known_as", lang), latest.known_as.get(lang)))
        est = next((r.estimate for r in reversed(k.readings) if r.time <= moment and r.estimate), None)
        if est is not None:
            out.append((t("us_estimate", lang), est.get(lang)))
        if latest is not first:
            out.append((t("latest_reading", lang), how_words(latest, lang)))
    elif view == "gap":
        out.append((t("washington", lang), t("not_known_yet", lang)))
        seen = next((r for r in k.readings if not r.identified and r.time <= moment), None)
        if seen is not None:
            out.append((t("seen_not_recognised", lang), f"{how_words(seen, lang)}: {seen.known_as.get(lang)}"))
    if view == "gap" and k.unknown is not None:
        u = k.unknown
        out.append((t("never_known", lang), u.what.get(lang)))
        out.append((t("came_out", lang), f"{clock.format_date(u.revealed, lang)}: {u.revealed_how.get(lang)}"))
    return out


def props(catalog: Catalog, eid: str, moment: datetime, view: str, lang: str, name: str,
          since: datetime | None) -> dict[str, Any]:
    """What a feature carries in a view's data (GeoJSON, CSV): in ``known``, ``known_since`` (ISO UTC) and
    ``known_as`` (what the US took it for); in ``gap``, ``known`` (true or false at ``moment``). A thing known as
    it happened is known since its own start (``since``) under its own name."""
    if view == "actual":
        return {}
    k = record(catalog, eid)
    if view == "gap":
        return {"known": known_at(catalog, eid, moment)}
    if k is None:
        return {"known_since": clock.iso(since) if since else None, "known_as": name}
    first = k.first_identified
    latest = _latest_identified(k, moment) or first
    return {"known_since": clock.iso(first.time) if first else None,
            "known_as": latest.known_as.get(lang) if latest else name}


def unknown_words(catalog: Catalog, eid: str, lang: str) -> str | None:
    """For an event Washington did not know of, what it did not know and when that came out, in a sentence."""
    k = record(catalog, eid)
    if k is None or k.unknown is None:
        return None
    u = k.unknown
    return t("unknown_event", lang, what=u.what.get(lang), when=clock.format_date(u.revealed, lang),
             how=u.revealed_how.get(lang))
