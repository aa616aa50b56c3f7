"""Read the data files, validate every record, and build the frozen :class:`Catalog`.

Validation collects every problem before failing. Each problem names the file, the record id and
the field: ``vessels.yaml: kimovsk: fixes[2].time: not after the fix before it``. Nothing here
raises a Python traceback at a person: :class:`DataError` carries the list of problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from geoapp import clock, geo
from geoapp.model import (
    Catalog,
    Event,
    Fix,
    Flight,
    Place,
    QuarantineLine,
    RangeFigure,
    Site,
    Source,
    StatusPeriod,
    Text,
    Variant,
    Vertex,
    Vessel,
    Weapon,
)
from geoapp.paths import DATA_DIR
from geoapp.vocab import (
    FLIGHT_KINDS,
    LANGS,
    QUARANTINE_STATUSES,
    SIDES,
    SITE_KINDS,
    SITE_STATUSES,
    SOURCE_KINDS,
    VESSEL_KINDS,
)
from geoapp.vocab import TIME_PRECISIONS as PRECISIONS

#: How far a site may sit off the land mask, or a ship inside it (1:50m coastlines are coarse).
COAST_TOLERANCE_KM = 8.0


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class DataError(Exception):
    """The data did not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data; the first: {problems[0]}")


class _Reader:
    """Typed field access that records a Problem instead of raising."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def bad(self, rec: str, field: str, msg: str) -> None:
        self.problems.append(Problem(self.file, rec, field, msg))

    def str_(self, d: dict, rec: str, key: str, required: bool = True) -> str | None:
        v = d.get(key)
        if v is None or v == "":
            if required:
                self.bad(rec, key, "missing")
            return None
        if not isinstance(v, (str, int, float)):
            self.bad(rec, key, f"should be text, not {type(v).__name__}")
            return None
        return str(v)

    def num(self, d: dict, rec: str, key: str, lo: float, hi: float, required: bool = True) -> float | None:
        v = d.get(key)
        if v is None:
            if required:
                self.bad(rec, key, "missing")
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.bad(rec, key, f"should be a number, not {v!r}")
            return None
        if not lo <= float(v) <= hi:
            self.bad(rec, key, f"{v} is out of range [{lo}, {hi}]")
            return None
        return float(v)

    def text(self, d: dict, rec: str, key: str, required: bool = True) -> Text | None:
        v = d.get(key)
        if v is None:
            if required:
                self.bad(rec, key, "missing (needs en and ja)")
            return None
        if not isinstance(v, dict):
            self.bad(rec, key, "should be {en: ..., ja: ...}")
            return None
        missing = [lang for lang in LANGS if not str(v.get(lang) or "").strip()]
        if missing:
            self.bad(rec, key, f"missing language(s): {', '.join(missing)}")
            return None
        return Text(en=str(v["en"]).strip(), ja=str(v["ja"]).strip())

    def time(self, d: dict, rec: str, key: str, required: bool = True) -> tuple[datetime, str] | None:
        v = d.get(key)
        if v is None:
            if required:
                self.bad(rec, key, "missing")
            return None
        if isinstance(v, datetime):
            self.bad(rec, key, "write the time as a quoted string with its zone, e.g. \"1962-10-22T19:00-04:00\"")
            return None
        try:
            t = clock.parse_time(str(v))
        except clock.TimeError as exc:
            self.bad(rec, key, str(exc))
            return None
        if not clock.TIMELINE_START <= t <= clock.TIMELINE_END:
            self.bad(rec, key, f"{v} is outside the timeline ({clock.iso(clock.TIMELINE_START)} "
                     f"to {clock.iso(clock.TIMELINE_END)})")
            return None
        return t, str(v)

    def sources(self, d: dict, rec: str, key: str = "sources") -> tuple[str, ...]:
        v = d.get(key)
        if not v:
            self.bad(rec, key, "missing: every record needs at least one source")
            return ()
        if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
            self.bad(rec, key, "should be a list of source ids (e.g. dobbs-2008#ch.10)")
            return ()
        return tuple(s.strip() for s in v)

    def variants(self, d: dict, rec: str) -> tuple[Variant, ...]:
        out = []
        for i, v in enumerate(d.get("variants") or []):
            where = f"variants[{i}]"
            if not isinstance(v, dict):
                self.bad(rec, where, "should be a mapping {field, value, sources, note}")
                continue
            f = self.str_(v, rec, "field") or ""
            srcs = self.sources(v, rec, "sources")
            note = self.text(v, rec, "note", required=False) if v.get("note") else None
            out.append(Variant(field=f, value=v.get("value"), sources=srcs, note=note))
        return tuple(out)

    def periods(self, d: dict, rec: str, allowed: tuple[str, ...]) -> tuple[StatusPeriod, ...]:
        raw = d.get("periods")
        if not raw or not isinstance(raw, list):
            self.bad(rec, "periods", "missing: needs at least one {status, start}")
            return ()
        out: list[StatusPeriod] = []
        for i, p in enumerate(raw):
            where = f"periods[{i}]"
            if not isinstance(p, dict):
                self.bad(rec, where, "should be a mapping {status, start}")
                continue
            status = p.get("status")
            if status not in allowed:
                self.bad(rec, f"{where}.status", f"{status!r} is not one of {', '.join(allowed)}")
                continue
            start = self.time(p, rec, "start")
            end = self.time(p, rec, "end", required=False)
            if start is None:
                continue
            if end is not None and end[0] <= start[0]:
                self.bad(rec, f"{where}.end", "is not after its start")
            if out and start[0] < out[-1].start:
                self.bad(rec, f"{where}.start", "is before the period before it (periods go in time order)")
            out.append(StatusPeriod(status=status, start=start[0], end=end[0] if end else None))
        return tuple(out)


def _load_yaml(path: Path, problems: list[Problem]) -> list[dict]:
    name = path.name if path.parent.name != "sources" else f"sources/{path.name}"
    if not path.exists():
        problems.append(Problem(name, "-", "-", "file not found"))
        return []
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "-"
        problems.append(Problem(name, where, "-", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return []
    if doc is None:
        return []
    if not isinstance(doc, list):
        problems.append(Problem(name, "-", "-", "should be a list of records"))
        return []
    good = []
    for i, rec in enumerate(doc):
        if not isinstance(rec, dict) or not rec.get("id"):
            problems.append(Problem(name, f"#{i + 1}", "id", "record without an id"))
            continue
        good.append(rec)
    return good


def _unique(file: str, records: list[dict], problems: list[Problem], seen: dict[str, str]) -> None:
    for rec in records:
        rid = str(rec["id"])
        if rid in seen:
            problems.append(Problem(file, rid, "id", f"duplicate id (also in {seen[rid]})"))
        seen[rid] = file


def _read_sources(data_dir: Path, problems: list[Problem]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    seen: dict[str, str] = {}
    for path in sorted((data_dir / "sources").glob("*.yaml")):
        file = f"sources/{path.name}"
        r = _Reader(file, problems)
        recs = _load_yaml(path, problems)
        _unique(file, recs, problems, seen)
        for d in recs:
            rid = str(d["id"])
            kind = d.get("kind")
            if kind not in SOURCE_KINDS:
                r.bad(rid, "kind", f"{kind!r} is not one of {', '.join(sorted(SOURCE_KINDS))}")
            title = r.str_(d, rid, "title")
            author = r.str_(d, rid, "author")
            year = d.get("year")
            if year is None:
                r.bad(rid, "year", "missing")
            out[rid] = Source(
                id=rid, kind=str(kind), author=author or "", title=title or "", year=year or "",
                publisher=d.get("publisher"), url=d.get("url"), note=d.get("note"),
            )
    return out


def _site(r: _Reader, d: dict, weapons: set[str]) -> Site | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = d.get("kind")
    if kind not in SITE_KINDS:
        r.bad(rid, "kind", f"{kind!r} is not one of {', '.join(sorted(SITE_KINDS))}")
    side = d.get("side")
    if side not in SIDES:
        r.bad(rid, "side", f"{side!r} is not one of {', '.join(sorted(SIDES))}")
    lon = r.num(d, rid, "lon", -180, 180)
    lat = r.num(d, rid, "lat", -90, 90)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    weapon = d.get("weapon")
    if weapon is not None and weapon not in weapons:
        r.bad(rid, "weapon", f"{weapon!r} is not a weapon in weapons.yaml")
    periods = r.periods(d, rid, SITE_STATUSES)
    fp = r.time(d, rid, "first_photographed", required=False)
    sources = r.sources(d, rid)
    if lon is not None and lat is not None and not geo.on_land(lon, lat):
        off = geo.km_to_coast(lon, lat)
        if off > COAST_TOLERANCE_KM:
            r.bad(rid, "lon/lat", f"({lon}, {lat}) is at sea, {off:.0f} km from the coast; a site must be on land")
    if None in (name, lon, lat, prec) or kind not in SITE_KINDS or side not in SIDES or not periods:
        return None
    return Site(
        id=rid, name=name, kind=kind, side=side, lon=lon, lat=lat, precision_km=prec, periods=periods,
        sources=sources, weapon=weapon, first_photographed=fp[0] if fp else None,
        note=r.text(d, rid, "note", required=False), variants=r.variants(d, rid),
    )


def _weapon(r: _Reader, d: dict) -> Weapon | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    ranges = []
    for i, x in enumerate(d.get("ranges") or []):
        if not isinstance(x, dict):
            r.bad(rid, f"ranges[{i}]", "should be a mapping {figure, km, sources}")
            continue
        km = r.num(x, rid, "km", 0.1, 20000)
        fig = r.str_(x, rid, "figure")
        srcs = r.sources(x, rid)
        if km is not None and fig:
            ranges.append(RangeFigure(figure=fig, km=km, sources=srcs, note=r.text(x, rid, "note", False)))
    if not ranges:
        r.bad(rid, "ranges", "missing: needs at least one {figure, km, sources}")
        return None
    default = d.get("default")
    if default not in {x.figure for x in ranges}:
        r.bad(rid, "default", f"{default!r} is not one of the figures given in ranges")
        return None
    if name is None:
        return None
    return Weapon(
        id=rid, name=name, kind=str(d.get("kind", "")), side=str(d.get("side", "")), ranges=tuple(ranges),
        default=default, sources=r.sources(d, rid), note=r.text(d, rid, "note", False),
    )


def _quarantine(r: _Reader, d: dict) -> QuarantineLine | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    center = d.get("center") or {}
    clon = r.num(center, rid, "lon", -180, 180)
    clat = r.num(center, rid, "lat", -90, 90)
    radius = r.num(d, rid, "radius_nmi", 1, 5000)
    b0 = r.num(d, rid, "bearing_from", 0, 360)
    b1 = r.num(d, rid, "bearing_to", 0, 360)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    periods = r.periods(d, rid, QUARANTINE_STATUSES)
    sources = r.sources(d, rid)
    if None in (name, clon, clat, radius, b0, b1, prec) or not periods:
        return None
    return QuarantineLine(
        id=rid, name=name, center_lon=clon, center_lat=clat, radius_nmi=radius, bearing_from=b0,
        bearing_to=b1, precision_km=prec, periods=periods, sources=sources,
        note=r.text(d, rid, "note", False), variants=r.variants(d, rid),
    )


def _timed_points(r: _Reader, d: dict, rid: str, key: str) -> list[tuple[dict, datetime, str, float, float, float]]:
    raw = d.get(key)
    if not raw or not isinstance(raw, list):
        r.bad(rid, key, "missing: needs at least one timed position")
        return []
    out = []
    prev: datetime | None = None
    for i, p in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(p, dict):
            r.bad(rid, where, "should be a mapping {time, lon, lat, precision_km}")
            continue
        sub = _Reader(r.file, r.problems)
        n = len(r.problems)
        t = sub.time(p, rid, "time")
        lon = sub.num(p, rid, "lon", -180, 180)
        lat = sub.num(p, rid, "lat", -90, 90)
        prec = sub.num(p, rid, "precision_km", 0, 5000)
        for j in range(n, len(r.problems)):  # name the index in the field
            pr = r.problems[j]
            r.problems[j] = Problem(pr.file, pr.record, f"{where}.{pr.field}", pr.message)
        if t is None or None in (lon, lat, prec):
            continue
        if prev is not None and t[0] <= prev:
            r.bad(rid, f"{where}.time", f"{t[1]} is not after the one before it (positions go in time order)")
            continue
        prev = t[0]
        out.append((p, t[0], t[1], lon, lat, prec))
    return out


def _vessel(r: _Reader, d: dict) -> Vessel | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind, side = d.get("kind"), d.get("side")
    if kind not in VESSEL_KINDS:
        r.bad(rid, "kind", f"{kind!r} is not one of {', '.join(sorted(VESSEL_KINDS))}")
    if side not in SIDES:
        r.bad(rid, "side", f"{side!r} is not one of {', '.join(sorted(SIDES))}")
    fixes = []
    for i, (p, t, text, lon, lat, prec) in enumerate(_timed_points(r, d, rid, "fixes")):
        if geo.on_land(lon, lat):
            off = geo.km_to_coast(lon, lat)
            if off > COAST_TOLERANCE_KM:
                r.bad(rid, f"fixes[{i}].lon/lat", f"({lon}, {lat}) is on land, {off:.0f} km inland; ships are at sea")
        srcs = r.sources(p, rid) if p.get("sources") else ()
        if not srcs and not d.get("sources"):
            r.bad(rid, f"fixes[{i}].sources", "missing")
        fixes.append(Fix(
            time=t, time_text=text, lon=lon, lat=lat, precision_km=prec, observed=bool(p.get("observed", False)),
            sources=srcs or tuple(d.get("sources") or ()), port=p.get("port"),
            note=r.text(p, rid, "note", False),
        ))
    sources = r.sources(d, rid)
    if name is None or kind not in VESSEL_KINDS or side not in SIDES or not fixes:
        return None
    return Vessel(id=rid, name=name, kind=kind, side=side, fixes=tuple(fixes), sources=sources,
                  note=r.text(d, rid, "note", False), variants=r.variants(d, rid))


def _flight(r: _Reader, d: dict) -> Flight | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    kind = d.get("kind")
    if kind not in FLIGHT_KINDS:
        r.bad(rid, "kind", f"{kind!r} is not one of {', '.join(sorted(FLIGHT_KINDS))}")
    verts = [
        Vertex(time=t, time_text=text, lon=lon, lat=lat, precision_km=prec, label=r.text(p, rid, "label", False))
        for (p, t, text, lon, lat, prec) in _timed_points(r, d, rid, "vertices")
    ]
    if len(verts) < 2:
        r.bad(rid, "vertices", "a flight needs at least two timed vertices")
    sources = r.sources(d, rid)
    if name is None or kind not in FLIGHT_KINDS or len(verts) < 2:
        return None
    return Flight(
        id=rid, name=name, kind=kind, side=str(d.get("side", "us")), vertices=tuple(verts), sources=sources,
        crew=str(d.get("crew") or ""), representative=bool(d.get("representative", False)),
        note=r.text(d, rid, "note", False), variants=r.variants(d, rid),
    )


def _place(r: _Reader, d: dict) -> Place | None:
    rid = str(d["id"])
    name = r.text(d, rid, "name")
    lon = r.num(d, rid, "lon", -180, 180)
    lat = r.num(d, rid, "lat", -90, 90)
    prec = r.num(d, rid, "precision_km", 0, 5000)
    sources = r.sources(d, rid)
    if None in (name, lon, lat, prec):
        return None
    pop = d.get("population_1960")
    return Place(id=rid, name=name, lon=lon, lat=lat, precision_km=prec, country=str(d.get("country") or ""),
                 sources=sources, major_city=bool(d.get("major_city", False)),
                 population=int(pop) if isinstance(pop, (int, float)) else None)


def _event(r: _Reader, d: dict) -> Event | None:
    rid = str(d["id"])
    t = r.time(d, rid, "time")
    prec = d.get("time_precision", "minute")
    if prec not in PRECISIONS:
        r.bad(rid, "time_precision", f"{prec!r} is not one of {', '.join(sorted(PRECISIONS))}")
    title = r.text(d, rid, "title")
    text = r.text(d, rid, "text")
    place = r.str_(d, rid, "place")
    sources = r.sources(d, rid)
    if None in (t, title, text, place):
        return None
    return Event(id=rid, time=t[0], time_text=t[1], time_precision=str(prec), place=place, title=title,
                 text=text, sources=sources, key=bool(d.get("key", False)), variants=r.variants(d, rid))


def _check_refs(file: str, rid: str, field: str, refs: tuple[str, ...], sources: dict[str, Source],
                problems: list[Problem]) -> None:
    for ref in refs:
        sid = ref.split("#", 1)[0]
        if sid not in sources:
            problems.append(Problem(file, rid, field, f"source {sid!r} is not in the bibliography (data/sources/)"))


def read_catalog(data_dir: Path | str = DATA_DIR) -> tuple[Catalog | None, list[Problem]]:
    """Read and validate every data file; return the catalog (None if any problem) and the problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), "-", "-", "data folder not found")]
    sources = _read_sources(data_dir, problems)
    raw = {name: _load_yaml(data_dir / name, problems) for name in (
        "weapons.yaml", "sites.yaml", "quarantine.yaml", "vessels.yaml", "flights.yaml",
        "places.yaml", "cities.yaml", "events.yaml")}
    seen: dict[str, str] = {}
    for name in ("sites.yaml", "vessels.yaml", "flights.yaml", "quarantine.yaml", "weapons.yaml"):
        _unique(name, raw[name], problems, seen)
    _unique("events.yaml", raw["events.yaml"], problems, {})
    place_seen: dict[str, str] = {}
    _unique("places.yaml", raw["places.yaml"], problems, place_seen)
    _unique("cities.yaml", raw["cities.yaml"], problems, {})

    def build(name: str, fn, *args):
        r = _Reader(name, problems)
        return [x for x in (fn(r, d, *args) for d in raw[name]) if x is not None]

    weapons = {w.id: w for w in build("weapons.yaml", _weapon)}
    weapon_ids = {str(d["id"]) for d in raw["weapons.yaml"]}
    sites = build("sites.yaml", _site, weapon_ids)
    quarantine = build("quarantine.yaml", _quarantine)
    vessels = build("vessels.yaml", _vessel)
    flights = build("flights.yaml", _flight)
    places = {p.id: p for p in build("places.yaml", _place)}
    cities = {p.id: p for p in build("cities.yaml", _place)}
    events = build("events.yaml", _event)

    site_ids = {s.id for s in sites}
    for e in events:
        if e.place not in places and e.place not in cities and e.place not in site_ids:
            problems.append(Problem("events.yaml", e.id, "place",
                                    f"{e.place!r} is not a place (places.yaml, cities.yaml) or a site"))
    # every source reference resolves
    for file, recs in raw.items():
        for d in recs:
            rid = str(d["id"])
            _walk_sources(file, rid, "", d, sources, problems)

    if problems:
        return None, problems
    catalog = Catalog(
        sites=tuple(sites), weapons=weapons, quarantine=tuple(quarantine), vessels=tuple(vessels),
        flights=tuple(flights), places=places, cities=cities,
        events=tuple(sorted(events, key=lambda e: e.time)), sources=sources,
    )
    return catalog, []


def _walk_sources(file: str, rid: str, path: str, node: Any, sources: dict[str, Source],
                  problems: list[Problem]) -> None:
    """Check every ``sources`` list anywhere inside a record."""
    if isinstance(node, dict):
        for k, v in node.items():
            sub = f"{path}.{k}" if path else str(k)
            if k == "sources" and isinstance(v, list):
                _check_refs(file, rid, sub, tuple(str(s) for s in v), sources, problems)
            else:
                _walk_sources(file, rid, sub, v, sources, problems)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _walk_sources(file, rid, f"{path}[{i}]", v, sources, problems)


def load_catalog(data_dir: Path | str = DATA_DIR) -> Catalog:
    """The validated catalog; raises :class:`DataError` listing every problem when the data is wrong."""
    catalog, problems = read_catalog(data_dir)
    if catalog is None:
        raise DataError(problems)
    return catalog
