"""One parser per data file: a YAML record in, a frozen model record (or None) out.

Each parser reads its fields through a :class:`~geoapp.io.reader.Reader`, checks every closed
value against ``geoapp/vocab.py`` and returns None when the record cannot be built; the problems
are on the reader's list. Cross-references between files are checked in ``geoapp.io``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from geoapp import geo
from geoapp.io import plausibility
from geoapp.io.reader import Reader
from geoapp.model import (
    EstimatePoint,
    EstimateSeries,
    Event,
    Fix,
    Flight,
    Focus,
    Knowledge,
    MapLabel,
    MoscowReading,
    Place,
    QuarantineLine,
    RangeFigure,
    Reading,
    Site,
    Source,
    StoryEntry,
    Unknown,
    Vertex,
    Vessel,
    Weapon,
)
from geoapp.vocab import (
    CONFIDENCE,
    FLIGHT_KINDS,
    KNOWLEDGE_HOW,
    QUARANTINE_STATUSES,
    SIDES,
    SITE_KINDS,
    SITE_STATUSES,
    SOURCE_KINDS,
    STORY_PARTS,
    TIME_PRECISIONS,
    VESSEL_KINDS,
)

#: How far a site may sit off the land mask, or a ship inside it (1:50m coastlines are coarse).
COAST_TOLERANCE_KM = 8.0
#: The largest area a key moment's focus may frame (degrees): wider than half the globe is no focus.
FOCUS_MAX_WIDTH = 180.0
FOCUS_MAX_HEIGHT = 90.0
#: The smallest (degrees, about 5 km): a map cannot sensibly zoom closer.
FOCUS_MIN_SIZE = 0.05


def source(r: Reader, d: dict) -> Source:
    """A bibliography entry (``sources/*.yaml``)."""
    rid = str(d["id"])
    kind = r.choice(d, rid, "kind", SOURCE_KINDS)
    title = r.str_(d, rid, "title")
    author = r.str_(d, rid, "author")
    year = d.get("year")
    if year is None:
        r.bad(rid, "year", "missing")
    return Source(
        id=rid, kind=kind or "", author=author or "", title=title or "",
        year=year or "", publisher=r.str_(d, rid, "publisher", required=False),
        url=r.str_(d, rid, "url", required=False), note=r.str_(d, rid, "note", required=False),
        author_ja=r.str_(d, rid, "author_ja", required=False), title_ja=r.str_(d, rid, "title_ja", required=False),
        short=r.text(d, rid, "short", required=False),
    )


def weapon(r: Reader, d: dict) -> Weapon | None:
    """A weapon with its range figures (``weapons.yaml``); its kind is the kind of site that fields it."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = r.choice(d, rid, "kind", SITE_KINDS)
    side = r.choice(d, rid, "side", SIDES)
    sources = r.sources(d, rid)
    ranges = []
    for sub, x in r.entries(d.get("ranges") or [], rid, "ranges", "{figure, km, sources}"):
        km = sub.num(x, rid, "km", 0.1, 20000)
        fig = sub.str_(x, rid, "figure")
        srcs = sub.sources(x, rid)
        if km is not None and fig:
            ranges.append(RangeFigure(figure=fig, km=km, sources=srcs, note=sub.note(x, rid)))
    if not ranges:
        r.bad(rid, "ranges", "missing: needs at least one {figure, km, sources}")
        return None
    default = d.get("default")
    if not isinstance(default, str) or default not in {x.figure for x in ranges}:
        r.bad(rid, "default", f"{default!r} is not one of the figures given in ranges")
        return None
    if name is None or kind is None or side is None:
        return None
    return Weapon(id=rid, name=name, kind=kind, side=side, ranges=tuple(ranges), default=default, sources=sources,
                  note=r.note(d, rid))


def site(r: Reader, d: dict, weapons: set[str]) -> Site | None:
    """A fixed place with a life cycle (``sites.yaml``), on land; ``weapons`` are the weapon ids."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = r.choice(d, rid, "kind", SITE_KINDS)
    side = r.choice(d, rid, "side", SIDES)
    lon = r.num(d, rid, "lon", -180, 180)
    lat = r.num(d, rid, "lat", -90, 90)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    weapon_id = d.get("weapon")
    if weapon_id is not None and not isinstance(weapon_id, str):
        r.bad(rid, "weapon", f"should be a weapon id (text), not {type(weapon_id).__name__}")
        weapon_id = None
    elif weapon_id is not None and weapon_id not in weapons:
        r.bad(rid, "weapon", f"{weapon_id!r} is not a weapon in weapons.yaml")
    periods = r.periods(d, rid, SITE_STATUSES)
    fp = r.time(d, rid, "first_photographed", required=False)
    sources = r.sources(d, rid)
    if lon is not None and lat is not None and not geo.on_land(lon, lat):
        off = geo.km_to_coast(lon, lat)
        if off > COAST_TOLERANCE_KM:
            r.bad(rid, "lon/lat", f"({lon}, {lat}) is at sea, {off:.0f} km from the coast; a site must be on land")
    if prec is not None and plausibility.position_estimated(sources):
        _precision(r, rid, prec, "placed from a description (atlas-estimate)")
    if kind is not None and periods:
        _statuses_by_kind(r, rid, kind, d)
    if name is None or kind is None or side is None or lon is None or lat is None or prec is None or not periods:
        return None
    return Site(
        id=rid, name=name, kind=kind, side=side, lon=lon, lat=lat, precision_km=prec, periods=periods,
        sources=sources, weapon=weapon_id, first_photographed=fp[0] if fp else None,
        note=r.note(d, rid), variants=r.variants(d, rid),
    )


def quarantine(r: Reader, d: dict) -> QuarantineLine | None:
    """A quarantine line: an arc about a centre, with its status periods (``quarantine.yaml``)."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    center = d.get("center") or {}
    sub = r.at("center")
    if not isinstance(center, dict):
        r.bad(rid, "center", f"should be a mapping {{lon, lat}}, not {type(center).__name__}")
        center = {}
    clon = sub.num(center, rid, "lon", -180, 180)
    clat = sub.num(center, rid, "lat", -90, 90)
    radius = r.num(d, rid, "radius_nmi", 1, 5000)
    b0 = r.num(d, rid, "bearing_from", 0, 360)
    b1 = r.num(d, rid, "bearing_to", 0, 360)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    periods = r.periods(d, rid, QUARANTINE_STATUSES)
    sources = r.sources(d, rid)
    if (name is None or clon is None or clat is None or radius is None or b0 is None or b1 is None or prec is None
            or not periods):
        return None
    return QuarantineLine(
        id=rid, name=name, center_lon=clon, center_lat=clat, radius_nmi=radius, bearing_from=b0,
        bearing_to=b1, precision_km=prec, periods=periods, sources=sources,
        note=r.note(d, rid), variants=r.variants(d, rid),
    )


def _precision(r: Reader, rid: str, prec: float, why: str) -> None:
    """Report an estimated position whose ``precision_km`` would draw it as exact (no halo)."""
    msg = plausibility.precision_problem(prec, why)
    if msg:
        r.bad(rid, "precision_km", msg)


def _statuses_by_kind(r: Reader, rid: str, kind: str, d: dict) -> None:
    """Each period's status is one the site's kind may take (``plausibility.SITE_KIND_STATUSES``); an
    ``operational`` period of a kind whose weapons came in pieces cites the source that says they could be used."""
    allowed = plausibility.SITE_KIND_STATUSES[kind]
    raw = d.get("periods")
    for i, p in enumerate(raw if isinstance(raw, list) else []):
        status = p.get("status") if isinstance(p, dict) else None
        if status not in SITE_STATUSES:
            continue  # not a period, or not a status at all: reported by Reader.periods
        sub = r.at(f"periods[{i}]")
        if status not in allowed:
            sub.bad(rid, "status", f"{status!r} is not a status of a site of kind {kind} ({', '.join(allowed)}; "
                    f"data/README.md, 'What a status means')")
        elif status == "operational" and kind in plausibility.OPERATIONAL_NEEDS_SOURCE and not p.get("sources"):
            sub.bad(rid, "sources", f"missing: a {kind} site is operational only when a source says its weapons "
                    f"could be used from then (data/README.md, 'What a status means'); cite it on the period")


class _Point(NamedTuple):
    """A timed position as read: its reader (naming ``fixes[i].``), the raw mapping and the values."""

    r: Reader
    raw: dict
    time: datetime
    time_text: str
    lon: float
    lat: float
    precision_km: float


def _timed_points(r: Reader, d: dict, rid: str, key: str) -> list[_Point]:
    """The valid timed positions under ``key`` (``fixes``, ``vertices``), each after the one before."""
    raw = d.get(key)
    if not raw or not isinstance(raw, list):
        r.bad(rid, key, "missing: needs at least one timed position")
        return []
    out: list[_Point] = []
    for sub, p in r.entries(raw, rid, key, "{time, lon, lat, precision_km}"):
        t = sub.time(p, rid, "time")
        lon = sub.num(p, rid, "lon", -180, 180)
        lat = sub.num(p, rid, "lat", -90, 90)
        prec = sub.num(p, rid, "precision_km", 0, 5000)
        if t is None or lon is None or lat is None or prec is None:
            continue
        if out and t[0] <= out[-1].time:
            sub.bad(rid, "time", f"{t[1]} is not after the one before it (positions go in time order)")
            continue
        out.append(_Point(sub, p, t[0], t[1], lon, lat, prec))
    return out


def _speeds(rid: str, kind: str | None, pts: list[_Point],
            measure: Callable[[tuple[float, float], tuple[float, float]], float]) -> None:
    """Report each leg whose implied speed is outside the envelope of ``kind`` (``plausibility``), unless the
    point that ends it carries a ``speed_exception {sources, note}``; an exception on a plausible leg is
    reported as not needed, and so is one on the first point (no leg ends there)."""
    if pts and "speed_exception" in pts[0].raw:
        pts[0].r.bad(rid, "speed_exception", "not needed: no leg ends at the first point; put it on the point "
                     "that ends the fast or slow leg")
    for a, b in zip(pts, pts[1:], strict=False):
        problem = None
        if kind is not None:
            km = measure((a.lon, a.lat), (b.lon, b.lat))
            problem = plausibility.leg_speed_problem(kind, km, (b.time - a.time).total_seconds() / 3600,
                                                     since=a.r.prefix.rstrip("."))
        exc = b.raw.get("speed_exception")
        if exc is None:
            if problem:
                b.r.bad(rid, "time", problem)
            continue
        sub = b.r.at("speed_exception")
        if not isinstance(exc, dict):
            b.r.bad(rid, "speed_exception", "should be a mapping {sources, note}")
            continue
        sub.sources(exc, rid)
        sub.text(exc, rid, "note")
        if problem is None and kind is not None:
            b.r.bad(rid, "speed_exception", "not needed: the leg's speed is inside the envelope; remove it")


def vessel(r: Reader, d: dict) -> Vessel | None:
    """A ship or submarine with its timed fixes, all at sea (``vessels.yaml``)."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = r.choice(d, rid, "kind", VESSEL_KINDS)
    side = r.choice(d, rid, "side", SIDES)
    fixes = []
    pts = _timed_points(r, d, rid, "fixes")
    _speeds(rid, kind, pts, plausibility.sea_km)
    for pt in pts:
        p = pt.raw
        if geo.on_land(pt.lon, pt.lat):
            off = geo.km_to_coast(pt.lon, pt.lat)
            if off > COAST_TOLERANCE_KM:
                pt.r.bad(rid, "lon/lat", f"({pt.lon}, {pt.lat}) is on land, {off:.0f} km inland; ships are at sea")
        srcs = pt.r.sources(p, rid) if p.get("sources") else ()
        if not srcs and not d.get("sources"):
            pt.r.bad(rid, "sources", "missing")
        if not p.get("observed", False):
            _precision(pt.r, rid, pt.precision_km, "estimated (observed: false)")
        elif plausibility.position_estimated(srcs):
            _precision(pt.r, rid, pt.precision_km, "placed from a description (atlas-estimate)")
        fixes.append(Fix(
            time=pt.time, time_text=pt.time_text, lon=pt.lon, lat=pt.lat, precision_km=pt.precision_km,
            observed=bool(p.get("observed", False)), sources=srcs or tuple(d.get("sources") or ()),
            port=p.get("port"), note=pt.r.note(p, rid),
        ))
    sources = r.sources(d, rid)
    if name is None or kind is None or side is None or not fixes:
        return None
    return Vessel(id=rid, name=name, kind=kind, side=side, fixes=tuple(fixes), sources=sources,
                  note=r.note(d, rid), variants=r.variants(d, rid))


def flight(r: Reader, d: dict) -> Flight | None:
    """An aircraft's route with at least two timed vertices (``flights.yaml``)."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = r.choice(d, rid, "kind", FLIGHT_KINDS)
    side = r.choice(d, rid, "side", SIDES)
    pts = _timed_points(r, d, rid, "vertices")
    _speeds(rid, kind, pts, plausibility.air_km)
    verts = [
        Vertex(time=pt.time, time_text=pt.time_text, lon=pt.lon, lat=pt.lat, precision_km=pt.precision_km,
               label=pt.r.text(pt.raw, rid, "label", required=False))
        for pt in pts
    ]
    if len(verts) < 2:
        r.bad(rid, "vertices", "a flight needs at least two timed vertices")
    sources = r.sources(d, rid)
    if name is None or kind is None or side is None or len(verts) < 2:
        return None
    return Flight(
        id=rid, name=name, kind=kind, side=side, vertices=tuple(verts), sources=sources,
        crew=r.text(d, rid, "crew", required=False), representative=bool(d.get("representative", False)),
        note=r.note(d, rid), variants=r.variants(d, rid),
    )


def place(r: Reader, d: dict) -> Place | None:
    """A named place or a major city (``places.yaml``, ``cities.yaml``)."""
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    lon = r.num(d, rid, "lon", -180, 180)
    lat = r.num(d, rid, "lat", -90, 90)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    sources = r.sources(d, rid)
    if prec is not None and plausibility.position_estimated(sources):
        _precision(r, rid, prec, "placed from a description (atlas-estimate)")
    pop = r.num(d, rid, "population_1960", 0, 2e9, required=False)
    major = d.get("major_city", False)
    if not isinstance(major, bool):
        r.bad(rid, "major_city", f"should be true or false, not {major!r}")
        major = False
    if name is None or lon is None or lat is None or prec is None:
        return None
    return Place(id=rid, name=name, lon=lon, lat=lat, precision_km=prec, country=str(d.get("country") or ""),
                 sources=sources, major_city=major,
                 population=int(pop) if isinstance(pop, (int, float)) else None)


LABEL_KINDS = ("country", "sea", "city")


def label(r: Reader, d: dict, places: dict[str, Place]) -> MapLabel | None:
    """A name written on the map (``labels.yaml``): a city points at a place and takes its position and sources."""
    rid = str(d["id"])
    kind = r.choice(d, rid, "kind", LABEL_KINDS)
    zoom = r.num(d, rid, "min_zoom", 2, 11)
    if zoom is not None and zoom != int(zoom):
        r.bad(rid, "min_zoom", f"should be a whole zoom level from 2 to 11, not {zoom!r}")
    if "place" in d:
        pid = r.str_(d, rid, "place")
        where = places.get(pid or "")
        if pid is not None and where is None:
            r.bad(rid, "place", f"{pid!r} is not a place of places.yaml or cities.yaml")
        name = r.text(d, rid, "name", required=False) or (where.name if where else None)
        lon, lat, sources = (where.lon, where.lat, where.sources) if where else (None, None, ())
    else:
        name = r.text(d, rid, "name")
        lon = r.num(d, rid, "lon", -180, 180)
        lat = r.num(d, rid, "lat", -90, 90)
        sources = r.sources(d, rid)
    if kind is None or zoom is None or name is None or lon is None or lat is None:
        return None
    return MapLabel(id=rid, kind=kind, name=name, lon=lon, lat=lat, min_zoom=int(zoom), sources=sources)


def event(r: Reader, d: dict) -> Event | None:
    """A dated happening with its original time zone kept (``events.yaml``); its place is checked later."""
    rid = str(d["id"])
    t = r.time(d, rid, "time")
    prec = r.choice(d, rid, "time_precision", TIME_PRECISIONS, default="minute")
    title = r.text(d, rid, "title")
    text = r.text(d, rid, "text")
    place_id = r.str_(d, rid, "place")
    sources = r.sources(d, rid)
    key = d.get("key", False)
    if not isinstance(key, bool):
        r.bad(rid, "key", f"should be true or false, not {key!r}")
        key = False
    focus = None
    if "focus" in d:
        if isinstance(d["focus"], dict):
            focus = _focus(r.at("focus"), d["focus"], rid)
        else:
            r.bad(rid, "focus", "should be a mapping {bbox: [west, south, east, north], features: [id, ...]}")
        if not key:
            r.bad(rid, "focus", "only a key event (key: true) has a focus; remove it or make the event key")
    elif key:
        r.bad(rid, "focus", "missing: a key event needs a focus {bbox: [west, south, east, north], features: [...]}")
    if t is None or prec is None or title is None or text is None or place_id is None:
        return None
    return Event(id=rid, time=t[0], time_text=t[1], time_precision=prec, place=place_id, title=title,
                 text=text, sources=sources, key=key, variants=r.variants(d, rid), focus=focus)


def _focus(r: Reader, raw: dict, rid: str) -> Focus | None:
    """A key event's focus ``{bbox: [west, south, east, north], features: [id, ...]}``: the bbox in range and
    of a sensible size (``west > east`` crosses the antimeridian), the features a non-empty list of ids
    (that they name drawn records is checked in ``geoapp.io``)."""
    for k in sorted(set(raw) - {"bbox", "features"}):
        r.bad(rid, str(k), "unknown field: a focus has only bbox and features")
    bbox = _bbox(r, raw.get("bbox"), rid)
    feats = raw.get("features")
    if not isinstance(feats, list) or not feats:
        r.bad(rid, "features", "missing: a non-empty list of the ids of the features the moment is about")
        feats = None
    elif not all(isinstance(f, str) and f.strip() for f in feats):
        r.bad(rid, "features", "should be a list of ids (site, vessel, flight, quarantine line or this event)")
        feats = None
    elif len(set(feats)) != len(feats):
        r.bad(rid, "features", "an id is listed twice")
    if bbox is None or feats is None:
        return None
    return Focus(bbox=bbox, features=tuple(f.strip() for f in feats))


def _bbox(r: Reader, raw: object, rid: str) -> tuple[float, float, float, float] | None:
    """``[west, south, east, north]`` in degrees, south below north, at most ``FOCUS_MAX_WIDTH`` wide and
    ``FOCUS_MAX_HEIGHT`` high, at least ``FOCUS_MIN_SIZE`` each way; ``west > east`` crosses the antimeridian."""
    if raw is None:
        r.bad(rid, "bbox", "missing: [west, south, east, north] in degrees")
        return None
    if (not isinstance(raw, list) or len(raw) != 4
            or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in raw)):
        r.bad(rid, "bbox", f"should be four numbers [west, south, east, north], not {raw!r}")
        return None
    w, s, e, n = (float(x) for x in raw)
    ok = True
    for name, v, lim in (("west", w, 180), ("south", s, 90), ("east", e, 180), ("north", n, 90)):
        if not -lim <= v <= lim:
            r.bad(rid, "bbox", f"{name} {v:g} is out of range [{-lim}, {lim}]")
            ok = False
    if not ok:
        return None
    if s >= n:
        r.bad(rid, "bbox", f"south {s:g} is not below north {n:g}")
        return None
    width = e - w if w < e else e - w + 360  # west > east: the box crosses the antimeridian
    height = n - s
    if w == e:
        r.bad(rid, "bbox", f"west and east are the same ({w:g}): the box has no width")
        return None
    if width > FOCUS_MAX_WIDTH:
        across = " (west > east: it crosses the antimeridian)" if w > e else ""
        r.bad(rid, "bbox", f"{width:g}° wide{across}, more than {FOCUS_MAX_WIDTH:g}°: frame the area the moment "
              "is about")
        return None
    if height > FOCUS_MAX_HEIGHT:
        r.bad(rid, "bbox", f"{height:g}° high, more than {FOCUS_MAX_HEIGHT:g}°")
        return None
    if min(width, height) < FOCUS_MIN_SIZE:
        r.bad(rid, "bbox", f"{width:g}° by {height:g}°, less than {FOCUS_MIN_SIZE:g}° each way: too small to frame")
        return None
    return (w, s, e, n)


def story(r: Reader, d: dict) -> StoryEntry | None:
    """A happening of the prologue or the epilogue (``story.yaml``), dated ``YYYY-MM`` or ``YYYY-MM-DD``."""
    rid = str(d["id"])
    part = r.choice(d, rid, "part", STORY_PARTS)
    date = r.str_(d, rid, "date")
    if date is not None and not re.fullmatch(r"(19[0-9]{2})-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?", date):
        r.bad(rid, "date", f"{date!r} should be a day or a month, YYYY-MM-DD or YYYY-MM")
        date = None
    title = r.text(d, rid, "title")
    text = r.text(d, rid, "text")
    sources = r.sources(d, rid)
    if part is None or date is None or title is None or text is None:
        return None
    return StoryEntry(id=rid, part=part, date=date, title=title, text=text, sources=sources)


#: a day, a month or a year, as ``revealed`` and ``story.yaml`` write them
_DATE = r"(19[0-9]{2}|20[0-9]{2})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"


def _timed(r: Reader, d: dict, rid: str) -> tuple[datetime, str, str] | None:
    """A record's ``time`` (in the timeline) and ``time_precision`` (``day`` when absent is not assumed: it is read)."""
    t = r.time(d, rid, "time")
    prec = r.choice(d, rid, "time_precision", TIME_PRECISIONS, default="minute")
    if t is None or prec is None:
        return None
    return t[0], t[1], prec


def reading(r: Reader, d: dict, rid: str, kind: str) -> Reading | None:
    """One thing US intelligence learned of a site or a vessel (``knowledge/*.yaml``, an entry of ``readings``).
    A site's reading may say the status the US judged; a vessel's has none."""
    timed = _timed(r, d, rid)
    how = r.choice(d, rid, "how", KNOWLEDGE_HOW)
    known_as = r.text(d, rid, "known_as")
    confidence = r.choice(d, rid, "confidence", CONFIDENCE, sort=False)
    sources = r.sources(d, rid)
    status = None
    if kind == "site" and "status" in d:
        status = r.choice(d, rid, "status", SITE_STATUSES, sort=False)
    elif "status" in d:
        r.bad(rid, "status", f"only a site's reading says a status (this is a {kind})")
    identified = d.get("identified", True)
    if not isinstance(identified, bool):
        r.bad(rid, "identified", f"should be true or false, not {identified!r}")
        identified = True
    if timed is None or how is None or known_as is None or confidence is None:
        return None
    return Reading(time=timed[0], time_text=timed[1], time_precision=timed[2], how=how, known_as=known_as,
                   confidence=confidence, sources=sources, status=status,
                   estimate=r.text(d, rid, "estimate", required=False), identified=identified, note=r.note(d, rid))


def unknown(r: Reader, d: dict, rid: str) -> Unknown | None:
    """What Washington did not know of a thing during the crisis, and when and how it came out."""
    what = r.text(d, rid, "what")
    revealed = r.str_(d, rid, "revealed")
    if revealed is not None and not re.fullmatch(_DATE, revealed):
        r.bad(rid, "revealed", f"{revealed!r} should be a year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD")
        revealed = None
    how = r.text(d, rid, "revealed_how")
    confidence = r.choice(d, rid, "confidence", CONFIDENCE, sort=False)
    sources = r.sources(d, rid)
    if what is None or revealed is None or how is None or confidence is None:
        return None
    return Unknown(what=what, revealed=revealed, revealed_how=how, confidence=confidence, sources=sources)


def knowledge(r: Reader, d: dict, kind: str) -> Knowledge | None:
    """What Washington knew of one site, vessel or event (``knowledge/sites.yaml``, ``vessels.yaml``,
    ``events.yaml``): its readings in time order (a site's first says a status), and what it never knew.
    An event's record says only what was unknown."""
    rid = str(d["id"])
    raw = d.get("readings", [])
    if kind == "event" and raw:
        r.bad(rid, "readings", "an event's record says only what Washington did not know (unknown)")
        raw = []
    if not isinstance(raw, list):
        r.bad(rid, "readings", "should be a list of readings (or [] when it was never identified)")
        raw = []
    out: list[Reading] = []
    for sub, x in r.entries(raw, rid, "readings", "{time, how, known_as, confidence, sources}"):
        rd = reading(sub, x, rid, kind)
        if rd is None:
            continue
        if out and rd.time < out[-1].time:
            sub.bad(rid, "time", "is before the reading before it (readings go in time order)")
        if kind == "site" and not out and rd.status is None:
            sub.bad(rid, "status", "missing: a site's first reading says the status the US judged")
        out.append(rd)
    hidden = None
    if "unknown" in d:
        if isinstance(d["unknown"], dict):
            hidden = unknown(r.at("unknown"), d["unknown"], rid)
        else:
            r.bad(rid, "unknown", "should be a mapping {what, revealed, revealed_how, confidence, sources}")
    elif not out:
        r.bad(rid, "unknown", "missing: a thing Washington never identified says what it did not know")
    if kind == "event" and hidden is None:
        return None
    return Knowledge(id=rid, readings=tuple(out), unknown=hidden)


def _points(r: Reader, d: dict, rid: str, key: str) -> tuple[EstimatePoint, ...]:
    """One side of an estimate series (``us`` or ``actual``): points in time order."""
    raw = d.get(key)
    if not raw or not isinstance(raw, list):
        r.bad(rid, key, "missing: needs at least one {time, value, confidence, sources}")
        return ()
    out: list[EstimatePoint] = []
    for sub, x in r.entries(raw, rid, key, "{time, value, confidence, sources}"):
        timed = _timed(sub, x, rid)
        value = sub.num(x, rid, "value", 0, 1e7)
        low = sub.num(x, rid, "low", 0, 1e7, required=False)
        high = sub.num(x, rid, "high", 0, 1e7, required=False)
        confidence = sub.choice(x, rid, "confidence", CONFIDENCE, sort=False)
        sources = sub.sources(x, rid)
        if timed is None or value is None or confidence is None:
            continue
        if (low is not None and low > value) or (high is not None and high < value):
            sub.bad(rid, "value", f"{value:g} is outside its own range (low {low}, high {high})")
        if out and timed[0] <= out[-1].time:
            sub.bad(rid, "time", "is not after the point before it (points go in time order)")
        out.append(EstimatePoint(time=timed[0], time_text=timed[1], time_precision=timed[2], value=value,
                                 confidence=confidence, sources=sources, low=low, high=high, note=sub.note(x, rid)))
    return tuple(out)


def estimate_series(r: Reader, d: dict) -> EstimateSeries | None:
    """A count over time as Washington believed it and as it was (``estimates.yaml``)."""
    rid = str(d["id"])
    title = r.text(d, rid, "title")
    unit = r.text(d, rid, "unit")
    us = _points(r, d, rid, "us")
    actual = _points(r, d, rid, "actual")
    if title is None or unit is None or not us or not actual:
        return None
    return EstimateSeries(id=rid, title=title, unit=unit, us=us, actual=actual, note=r.note(d, rid))


def moscow_reading(r: Reader, d: dict) -> MoscowReading | None:
    """What Moscow knew or believed of US preparations at a moment (``moscow.yaml``)."""
    rid = str(d["id"])
    timed = _timed(r, d, rid)
    how = r.choice(d, rid, "how", KNOWLEDGE_HOW)
    title = r.text(d, rid, "title")
    text = r.text(d, rid, "text")
    confidence = r.choice(d, rid, "confidence", CONFIDENCE, sort=False)
    sources = r.sources(d, rid)
    if timed is None or how is None or title is None or text is None or confidence is None:
        return None
    return MoscowReading(id=rid, time=timed[0], time_text=timed[1], time_precision=timed[2], how=how, title=title,
                         text=text, confidence=confidence, sources=sources)
