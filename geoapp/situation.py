"""The state of the crisis at a moment: a pure function of the catalog and a UTC time.

``prepare(catalog)`` computes the timed tracks once (sea routes are the only slow part);
``situation_at(prepared, t)`` is then cheap (a few bisects per vessel and flight) and is what
every layer, the CLI and the app read.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from geoapp.model import Catalog, Event, Flight, QuarantineLine, Site, StatusPeriod, Vessel
from geoapp.routes import Track, flight_track, vessel_track

#: A vessel with fixes is shown from this long before its first fix to this long after its last,
#: standing at that fix (never moved beyond what the fixes say).
FIX_GRACE = timedelta(hours=12)
#: Events within this window before the moment are "current" (shown on the map and the panel).
EVENT_WINDOW = timedelta(hours=36)


@dataclass(frozen=True)
class Prepared:
    """A catalog with its timed tracks computed once."""

    catalog: Catalog
    vessel_tracks: dict[str, Track]
    flight_tracks: dict[str, Track]
    event_times: tuple[float, ...]
    key_moments: tuple[datetime, ...]


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
class VesselState:
    """Where a vessel is at the moment and the track it has sailed so far."""

    vessel: Vessel
    lon: float
    lat: float
    precision_km: float
    estimated: bool
    track: tuple[tuple[float, float, bool], ...]
    last_fix_time: datetime
    at_fix: bool


@dataclass(frozen=True)
class FlightState:
    """How much of a flight has been flown at the moment."""

    flight: Flight
    lon: float
    lat: float
    flown: tuple[tuple[float, float, bool], ...]
    airborne: bool
    done: bool


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
    vessels: tuple[VesselState, ...]
    flights: tuple[FlightState, ...]
    quarantine: tuple[QuarantineState, ...]
    events: tuple[Event, ...]
    latest_event: Event | None

    @property
    def quarantine_in_force(self) -> bool:
        """Whether any quarantine line is in force at this moment."""
        return any(q.status == "in_force" for q in self.quarantine)


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


def _vessel_state(v: Vessel, track: Track, t: datetime) -> VesselState | None:
    ts = t.timestamp()
    first, last = v.fixes[0], v.fixes[-1]
    if t < first.time - FIX_GRACE or t > last.time + FIX_GRACE:
        return None
    lon, lat = track.position_at(ts)
    i = track.index_at(ts)
    inside = track.start <= ts <= track.end
    # the last fix at or before t
    k = max(0, bisect_right([f.time for f in v.fixes], t) - 1)
    at_fix = not inside or any(abs((f.time - t).total_seconds()) < 1800 for f in v.fixes)
    return VesselState(
        vessel=v, lon=lon, lat=lat, precision_km=track.precision[i],
        estimated=track.estimated[i] if inside and len(track.times) > 1 else not v.fixes[k].observed,
        track=tuple(track.so_far(ts)), last_fix_time=v.fixes[k].time, at_fix=at_fix,
    )


def _flight_state(f: Flight, track: Track, t: datetime) -> FlightState | None:
    ts = t.timestamp()
    if ts < track.start:
        return None
    lon, lat = track.position_at(ts)
    return FlightState(flight=f, lon=lon, lat=lat, flown=tuple(track.so_far(ts)),
                       airborne=ts <= track.end, done=ts > track.end)


def situation_at(prepared: Prepared, t: datetime) -> Situation:
    """The state of every site, vessel, flight, quarantine line and event at UTC moment ``t``."""
    t = t.astimezone(UTC)
    cat = prepared.catalog
    sites = []
    for s in cat.sites:
        p = period_at(s.periods, t)
        if p is not None:
            sites.append(SiteState(site=s, status=p.status, since=p.start))
    vessels = [st for v in cat.vessels if (st := _vessel_state(v, prepared.vessel_tracks[v.id], t))]
    flights = [fs for f in cat.flights if (fs := _flight_state(f, prepared.flight_tracks[f.id], t))]
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
    return Situation(t=t, sites=tuple(sites), vessels=tuple(vessels), flights=tuple(flights),
                     quarantine=tuple(quarantine), events=tuple(events), latest_event=latest)


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
