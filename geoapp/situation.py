"""The state of the crisis at a moment: a pure function of the catalog and a UTC time.

``prepare(catalog)`` computes the timed tracks of ships and aircraft once (sea routes are the only
slow part); ``situation_at(prepared, t)`` is then cheap (a bisect per site, line and the events) and
gives the sites and their statuses, the quarantine lines and the events of the moment. Where ships
and aircraft are at a moment is the business of :mod:`geoapp.movers`, which reads the tracks.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from geoapp.model import Catalog, Event, QuarantineLine, Site, StatusPeriod
from geoapp.routes import Track, flight_track, vessel_track

#: Events within this window before the moment are "current" (shown on the map and the panel).
EVENT_WINDOW = timedelta(hours=36)


@dataclass(frozen=True)
class Prepared:
    """A catalog with its timed tracks computed once.

    ``memo`` keeps what is derived from it once per language and range figure (the layers' movers), so
    that a scene at each moment does not derive it again.
    """

    catalog: Catalog
    vessel_tracks: dict[str, Track]
    flight_tracks: dict[str, Track]
    event_times: tuple[float, ...]
    key_moments: tuple[datetime, ...]
    memo: dict[tuple[str, ...], Any] = field(default_factory=dict, compare=False, repr=False)


def prepare(catalog: Catalog) -> Prepared:
    """Compute every vessel's and flight's timed track, and the index of events."""
    return Prepared(
        catalog=catalog,
        vessel_tracks={v.id: vessel_track(v) for v in catalog.vessels},
        flight_tracks={f.id: flight_track(f) for f in catalog.flights},
        event_times=tuple(e.time.timestamp() for e in catalog.events),
        key_moments=tuple(sorted({e.time for e in catalog.events if e.key})),
    )


@dataclass(frozen=True)
class SiteState:
    """A site that exists at the moment, with its status."""

    site: Site
    status: str
    since: datetime


@dataclass(frozen=True)
class QuarantineState:
    """A quarantine line's status at the moment."""

    line: QuarantineLine
    status: str


@dataclass(frozen=True)
class Situation:
    """Everything the atlas shows at one moment."""

    t: datetime
    sites: tuple[SiteState, ...]
    quarantine: tuple[QuarantineState, ...]
    events: tuple[Event, ...]
    latest_event: Event | None

    @property
    def quarantine_in_force(self) -> bool:
        """Whether any quarantine line is in force at this moment."""
        return any(q.status == "in_force" for q in self.quarantine)

    @property
    def quarantine_suspended(self) -> bool:
        """Whether the quarantine is held but its enforcement paused (30-31 October 1962)."""
        return not self.quarantine_in_force and any(q.status == "suspended" for q in self.quarantine)


def period_at(periods: tuple[StatusPeriod, ...], t: datetime) -> StatusPeriod | None:
    """The period in force at ``t``: the last one started at or before ``t`` and not ended."""
    current = None
    for p in periods:
        if p.start <= t:
            current = p
        else:
            break
    if current is not None and current.end is not None and t >= current.end:
        return None
    return current


def situation_at(prepared: Prepared, t: datetime) -> Situation:
    """The state of every site, vessel, flight, quarantine line and event at UTC moment ``t``."""
    t = t.astimezone(UTC)
    cat = prepared.catalog
    sites = []
    for s in cat.sites:
        p = period_at(s.periods, t)
        if p is not None:
            sites.append(SiteState(site=s, status=p.status, since=p.start))
    quarantine = []
    for q in cat.quarantine:
        p = period_at(q.periods, t)
        if p is not None:
            quarantine.append(QuarantineState(line=q, status=p.status))
    ts = t.timestamp()
    hi = bisect_right(prepared.event_times, ts)
    lo = bisect_right(prepared.event_times, ts - EVENT_WINDOW.total_seconds())
    events = cat.events[lo:hi]
    k = latest_event_index(cat.events, hi)
    latest = cat.events[k] if k is not None else None
    return Situation(t=t, sites=tuple(sites), quarantine=tuple(quarantine), events=tuple(events), latest_event=latest)


def latest_event_index(events: tuple[Event, ...], hi: int) -> int | None:
    """The event the caption tells when the first ``hi`` events have happened: the latest one, and
    among events at the same minute a key moment first."""
    if hi <= 0:
        return None
    k = hi - 1
    while k > 0 and events[k - 1].time == events[hi - 1].time:
        k -= 1
    same = range(k, hi)
    return next((j for j in same if events[j].key), hi - 1)


def step_moments(start: datetime, end: datetime, step: timedelta) -> list[datetime]:
    """Moments from ``start`` to ``end`` (both included when on the grid) every ``step``."""
    out = []
    t = start
    while t <= end:
        out.append(t)
        t += step
    return out
