"""Read the data files, validate every record, and build the frozen :class:`Catalog`.

Validation collects every problem before failing. Each problem names the file, the record id and
the field: ``vessels.yaml: kimovsk: fixes[2].time: not after the fix before it``. Nothing here
raises a Python traceback at a person: :class:`DataError` carries the list of problems.

This module loads the files and puts the catalog together: ids unique across files, events at
known places, every source reference in the bibliography, every text spelt as the glossary says
(:mod:`geoapp.io.texts`). What is plausible (speeds, statuses by kind, honest precision) is in
:mod:`geoapp.io.plausibility`. Field access is in
:mod:`geoapp.io.reader`, one parser per file in :mod:`geoapp.io.records`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from geoapp import clock
from geoapp.io import files, records, texts
from geoapp.io.reader import Problem, Reader
from geoapp.model import Catalog, Source
from geoapp.paths import DATA_DIR

__all__ = ["DATA_DIR", "DataError", "Problem", "load_catalog", "read_catalog"]

R = TypeVar("R")


class DataError(Exception):
    """The data did not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data; the first: {problems[0]}")


#: the folders of the data whose files are named with their folder (``sources/core.yaml``)
SUBFOLDERS = ("sources", "knowledge")
#: what Washington knew: one file per kind of thing, each record named by the thing's id
KNOWLEDGE_FILES = {"knowledge/sites.yaml": "site", "knowledge/vessels.yaml": "vessel", "knowledge/events.yaml": "event"}


#: the files that may hold no record (an atlas may have no event that Washington did not know of)
MAY_BE_EMPTY = ("knowledge/events.yaml",)


def _load_yaml(path: Path, problems: list[Problem]) -> list[dict]:
    """The records of one data file that have an id (:func:`geoapp.io.files.read_records`); a missing, unreadable
    or empty file, or bad YAML, is a problem."""
    name = path.name if path.parent.name not in SUBFOLDERS else f"{path.parent.name}/{path.name}"
    return files.read_records(path, name, problems, required=name not in MAY_BE_EMPTY)


def _unique(file: str, recs: list[dict], problems: list[Problem], seen: dict[str, str]) -> None:
    """Report each id of ``recs`` already in ``seen`` (id → file), then add them."""
    for rec in recs:
        rid = str(rec["id"])
        if rid in seen:
            problems.append(Problem(file, rid, "id", f"duplicate id (also in {seen[rid]})"))
        seen[rid] = file


def _parse(r: Reader, recs: list[dict], parser: Callable[..., R | None], *args: Any) -> list[R]:
    """Every record of one file that ``parser`` could build (the others left problems on ``r``)."""
    return [x for x in (parser(r, d, *args) for d in recs) if x is not None]


def _read_sources(data_dir: Path, problems: list[Problem]) -> dict[str, Source]:
    """The bibliography: every ``sources/*.yaml``, ids unique across them."""
    out: dict[str, Source] = {}
    seen: dict[str, str] = {}
    for path in sorted((data_dir / "sources").glob("*.yaml")):
        file = f"sources/{path.name}"
        recs = _load_yaml(path, problems)
        _unique(file, recs, problems, seen)
        out.update((s.id, s) for s in _parse(Reader(file, problems), recs, records.source))
    return out


def _check_refs(file: str, rid: str, field: str, refs: tuple[str, ...], sources: dict[str, Source],
                problems: list[Problem]) -> None:
    """Report each reference (``id`` or ``id#locator``) whose id is not in the bibliography."""
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
        "places.yaml", "cities.yaml", "events.yaml", "story.yaml", "glossary.yaml", "labels.yaml",
        "estimates.yaml", "moscow.yaml", *KNOWLEDGE_FILES)}
    seen: dict[str, str] = {}
    for name in ("sites.yaml", "vessels.yaml", "flights.yaml", "quarantine.yaml", "weapons.yaml"):
        _unique(name, raw[name], problems, seen)
    _unique("events.yaml", raw["events.yaml"], problems, {})
    _unique("story.yaml", raw["story.yaml"], problems, {})
    _unique("glossary.yaml", raw["glossary.yaml"], problems, {})
    _unique("labels.yaml", raw["labels.yaml"], problems, {})
    for name in ("estimates.yaml", "moscow.yaml", *KNOWLEDGE_FILES):
        _unique(name, raw[name], problems, {})
    # an event's place is a place, a city or a site: one id must name one of them only
    place_seen = {str(d["id"]): "sites.yaml" for d in raw["sites.yaml"]}
    _unique("places.yaml", raw["places.yaml"], problems, place_seen)
    _unique("cities.yaml", raw["cities.yaml"], problems, place_seen)

    def build(name: str, parser: Callable[..., R | None], *args: Any) -> list[R]:
        return _parse(Reader(name, problems), raw[name], parser, *args)

    weapons = {w.id: w for w in build("weapons.yaml", records.weapon)}
    weapon_ids = {str(d["id"]) for d in raw["weapons.yaml"]}
    sites = build("sites.yaml", records.site, weapon_ids)
    quarantine = build("quarantine.yaml", records.quarantine)
    vessels = build("vessels.yaml", records.vessel)
    flights = build("flights.yaml", records.flight)
    places = {p.id: p for p in build("places.yaml", records.place)}
    cities = {p.id: p for p in build("cities.yaml", records.place)}
    events = build("events.yaml", records.event)
    labels = build("labels.yaml", records.label, {**places, **cities})
    story = build("story.yaml", records.story)
    knowledge = {k.id: k for name, kind in KNOWLEDGE_FILES.items() for k in build(name, records.knowledge, kind)}
    _check_knowledge(raw, problems)
    estimates = build("estimates.yaml", records.estimate_series)
    moscow = build("moscow.yaml", records.moscow_reading)
    terms = build("glossary.yaml", texts.term)
    texts.check_glossary(terms, problems)
    for name, recs in raw.items():
        if name != "glossary.yaml":
            texts.check_texts(name, recs, terms, problems)
            texts.check_names(name, recs, terms, problems)

    site_ids = {s.id for s in sites}
    for e in events:
        if e.place not in places and e.place not in cities and e.place not in site_ids:
            problems.append(Problem("events.yaml", e.id, "place",
                                    f"{e.place!r} is not a place (places.yaml, cities.yaml) or a site"))
    # a key moment's focus names features drawn on the map: sites, vessels, flights, quarantine lines, itself
    drawn = {str(d["id"]): name for name in ("sites.yaml", "vessels.yaml", "flights.yaml", "quarantine.yaml")
             for d in raw[name]}
    for e in events:
        for i, fid in enumerate(e.focus.features if e.focus else ()):
            if fid not in drawn and fid != e.id:
                problems.append(Problem("events.yaml", e.id, f"focus.features[{i}]", _not_drawn(fid, raw)))
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
        story=tuple(sorted(story, key=lambda s: s.date)), labels=tuple(labels), knowledge=knowledge,
        estimates=tuple(estimates), moscow=tuple(sorted(moscow, key=lambda m: m.time)),
    )
    return catalog, []


def _check_knowledge(raw: dict[str, list[dict]], problems: list[Problem]) -> None:
    """Every Soviet, Cuban, bloc or charter site and vessel has a knowledge record, no US one has, each record
    names a thing of its file's kind, and a site's first reading comes once the site is there."""
    for name, kind in KNOWLEDGE_FILES.items():
        things = {str(d["id"]): d for d in raw[f"{kind}s.yaml"]}
        told = {str(d["id"]) for d in raw[name]}
        for d in raw[name]:
            rid = str(d["id"])
            thing = things.get(rid)
            if thing is None:
                problems.append(Problem(name, rid, "id", f"{rid!r} is not {_article(kind)} {kind} in {kind}s.yaml"))
            elif kind != "event" and thing.get("side") == "us":
                problems.append(Problem(name, rid, "id", "a US " + kind + " needs no record: Washington knew its own"))
            elif kind == "site":
                _after_start(name, rid, d, thing, problems)
        if kind == "event":
            continue
        for rid, thing in things.items():
            if thing.get("side") != "us" and rid not in told:
                problems.append(Problem(name, rid, "-", f"missing: every {kind} that is not US says what Washington "
                                        "knew of it (readings, or [] and what it did not know)"))


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _after_start(name: str, rid: str, d: dict, site: dict, problems: list[Problem]) -> None:
    """A site's first reading is not before the site's first period (Washington cannot see what is not there)."""
    try:
        first_reading = clock.parse_time(str(d["readings"][0]["time"]))
        first_period = clock.parse_time(str(site["periods"][0]["start"]))
    except (KeyError, IndexError, TypeError, clock.TimeError):
        return  # the parsers have said what is wrong
    if first_reading < first_period:
        problems.append(Problem(name, rid, "readings[0].time", f"{d['readings'][0]['time']} is before the site is "
                                f"there ({site['periods'][0]['start']}, sites.yaml): Washington cannot have seen it"))


def _not_drawn(fid: str, raw: dict[str, list[dict]]) -> str:
    """Why ``fid`` cannot be a focus feature: what it is instead, or that nothing has that id."""
    what = f"{fid!r} is not a site, vessel, flight or quarantine line, nor this event"
    base = fid.split("#", 1)[0]
    if base != fid and any(str(d["id"]) == base for name in ("sites.yaml", "vessels.yaml", "flights.yaml")
                           for d in raw[name]):
        return f"{what}: name the record itself, {base!r}"
    if any(str(d["id"]) == fid for d in raw["events.yaml"]):
        return f"{what}: a focus names no event but its own; name the site, ship or flight the moment is about"
    for name in ("places.yaml", "cities.yaml"):
        if any(str(d["id"]) == fid for d in raw[name]):
            return f"{what}: it is in {name}, which is not drawn as a feature"
    return what


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
