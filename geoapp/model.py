"""Frozen domain objects of the atlas: what the validated data files become.

Everything here is plain, immutable and renderer-neutral. Times are timezone-aware UTC
``datetime`` objects; the original text of a source time is kept beside it (``time_text``).
Positions are (lon, lat) in WGS84 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Text:
    """A text in both languages of the atlas (``vocab.LANGS``)."""

    en: str
    ja: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``en`` or ``ja``), falling back to English."""
        return self.ja if lang == "ja" and self.ja else self.en


@dataclass(frozen=True)
class Variant:
    """A reading from a source that disagrees with the drawn value (kept, not drawn)."""

    field: str
    value: object
    sources: tuple[str, ...]
    note: Text | None = None


@dataclass(frozen=True)
class StatusPeriod:
    """A site's status from ``start`` until ``end`` (None: until the next period or for ever)."""

    status: str
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class Site:
    """A fixed place with a life cycle: missile site, SAM site, airfield, port, HQ, base."""

    id: str
    name: Text
    kind: str
    side: str
    lon: float
    lat: float
    precision_km: float
    periods: tuple[StatusPeriod, ...]
    sources: tuple[str, ...]
    weapon: str | None = None
    first_photographed: datetime | None = None
    note: Text | None = None
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class RangeFigure:
    """One stated range of a weapon: who said it and how far."""

    figure: str
    km: float
    sources: tuple[str, ...]
    note: Text | None = None


@dataclass(frozen=True)
class Weapon:
    """A weapon system with its ranges as different parties stated them."""

    id: str
    name: Text
    kind: str
    side: str
    ranges: tuple[RangeFigure, ...]
    default: str
    sources: tuple[str, ...]
    note: Text | None = None

    def range_km(self, figure: str | None = None) -> RangeFigure:
        """The range figure named ``figure`` (e.g. ``soviet``, ``us_1962``), else the default."""
        wanted = figure or self.default
        for r in self.ranges:
            if r.figure == wanted:
                return r
        for r in self.ranges:
            if r.figure == self.default:
                return r
        return self.ranges[0]


@dataclass(frozen=True)
class QuarantineLine:
    """A quarantine line: an arc of a circle about a centre, with a status over time."""

    id: str
    name: Text
    center_lon: float
    center_lat: float
    radius_nmi: float
    bearing_from: float
    bearing_to: float
    precision_km: float
    periods: tuple[StatusPeriod, ...]
    sources: tuple[str, ...]
    note: Text | None = None
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Fix:
    """A timed position of a vessel."""

    time: datetime
    time_text: str
    lon: float
    lat: float
    precision_km: float
    observed: bool
    sources: tuple[str, ...]
    port: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Vessel:
    """A ship or submarine with its timed fixes."""

    id: str
    name: Text
    kind: str
    side: str
    fixes: tuple[Fix, ...]
    sources: tuple[str, ...]
    note: Text | None = None
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Vertex:
    """A timed point of a flight route."""

    time: datetime
    time_text: str
    lon: float
    lat: float
    precision_km: float
    label: Text | None = None


@dataclass(frozen=True)
class Flight:
    """An aircraft's route with timed vertices."""

    id: str
    name: Text
    kind: str
    side: str
    vertices: tuple[Vertex, ...]
    sources: tuple[str, ...]
    crew: Text | None = None  # who flew it, in every language (names spelt as data/glossary.yaml has them)
    representative: bool = False
    note: Text | None = None
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Place:
    """A named place: a city in reach of a ring, or where an event happened."""

    id: str
    name: Text
    lon: float
    lat: float
    precision_km: float
    country: str
    sources: tuple[str, ...]
    major_city: bool = False
    population: int | None = None


@dataclass(frozen=True)
class MapLabel:
    """A name written on the map (a country, a sea, a city) from ``min_zoom`` on, at ``lon``/``lat``."""

    id: str
    kind: str
    name: Text
    lon: float
    lat: float
    min_zoom: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Focus:
    """Where the map goes at a key moment: the area to frame and the features the moment is about.

    ``bbox`` is ``(west, south, east, north)`` in degrees; ``west > east`` when the area crosses the
    antimeridian. ``features`` are ids of things drawn on the map (sites, vessels, flights, quarantine
    lines, or the event itself)."""

    bbox: tuple[float, float, float, float]
    features: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """A dated happening of the crisis, with its original time zone kept."""

    id: str
    time: datetime
    time_text: str
    time_precision: str
    place: str
    title: Text
    text: Text
    sources: tuple[str, ...]
    key: bool = False
    variants: tuple[Variant, ...] = ()
    #: where the map goes when the time bar reaches this moment (key events only, each has one)
    focus: Focus | None = None


@dataclass(frozen=True)
class StoryEntry:
    """A happening told before the timeline starts (prologue) or after it ends (epilogue): dated by day or
    month (``date`` as written, ``YYYY-MM`` or ``YYYY-MM-DD``), never placed on the map or the time bar."""

    id: str
    part: str
    date: str
    title: Text
    text: Text
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A bibliography entry."""

    id: str
    kind: str
    author: str
    title: str
    year: int | str
    publisher: str | None = None
    url: str | None = None
    note: str | None = None
    author_ja: str | None = None  # how a Japanese reader knows the author, where it differs
    title_ja: str | None = None  # the work's Japanese title, shown to Japanese readers
    short: Text | None = None  # the work as a reader is told of it in a line, in every language

    def label(self, lang: str = "en") -> str:
        """The work as a reader sees it: author, title (year); in Japanese the short citation written in Japanese
        (an English description means nothing to a Japanese reader), else the Japanese title where known."""
        if lang == "ja" and self.short:
            return self.short.ja
        if lang == "ja" and (self.title_ja or self.author_ja):
            return f"{self.author_ja or self.author}『{self.title_ja or self.title}』({self.year})"
        return f"{self.author}, {self.title} ({self.year})"

    def short_label(self, lang: str = "en") -> str:
        """The citation shown beside the story and in an image's footer: the short form written in the data
        (``short``), else author (year)."""
        if self.short:
            return self.short.get(lang)
        return f"{(self.author_ja if lang == 'ja' else None) or self.author} ({self.year})"


@dataclass(frozen=True)
class Reading:
    """One thing US intelligence learned of a site or a vessel at ``time``: how, what it took it for, and (a
    site) the status it judged from then on. ``identified`` is False when the thing was seen but not recognised
    for what it was (it then stays unknown: the known view does not draw it)."""

    time: datetime
    time_text: str
    time_precision: str
    how: str
    known_as: Text
    confidence: str
    sources: tuple[str, ...]
    status: str | None = None
    estimate: Text | None = None
    identified: bool = True
    note: Text | None = None


@dataclass(frozen=True)
class Unknown:
    """What Washington did not know of a thing during the crisis, and when (``revealed``: ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``) and how it came out."""

    what: Text
    revealed: str
    revealed_how: Text
    confidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    """What Washington knew of one site, vessel or event (``id`` is its id), reading by reading."""

    id: str
    readings: tuple[Reading, ...] = ()
    unknown: Unknown | None = None

    @property
    def first_identified(self) -> Reading | None:
        """The reading in which US intelligence first recognised the thing (None: never in the timeline)."""
        return next((r for r in self.readings if r.identified), None)

    @property
    def identified_from(self) -> datetime | None:
        """When US intelligence first recognised the thing (None: never during the atlas's timeline)."""
        first = self.first_identified
        return first.time if first is not None else None


@dataclass(frozen=True)
class EstimatePoint:
    """One figure of an estimate series, holding from ``time`` until the next point: ``value`` is drawn,
    ``low``/``high`` the range a source gives."""

    time: datetime
    time_text: str
    time_precision: str
    value: float
    confidence: str
    sources: tuple[str, ...]
    low: float | None = None
    high: float | None = None
    note: Text | None = None


@dataclass(frozen=True)
class EstimateSeries:
    """A count over time as Washington believed it (``us``) and as it was (``actual``)."""

    id: str
    title: Text
    unit: Text
    us: tuple[EstimatePoint, ...]
    actual: tuple[EstimatePoint, ...]
    note: Text | None = None


@dataclass(frozen=True)
class MoscowReading:
    """What Moscow, or the Soviet command in Cuba, knew or believed of US preparations at ``time``."""

    id: str
    time: datetime
    time_text: str
    time_precision: str
    how: str
    title: Text
    text: Text
    confidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    """Every validated record of the atlas, indexed by id."""

    sites: tuple[Site, ...]
    weapons: dict[str, Weapon]
    quarantine: tuple[QuarantineLine, ...]
    vessels: tuple[Vessel, ...]
    flights: tuple[Flight, ...]
    places: dict[str, Place]
    cities: dict[str, Place]
    events: tuple[Event, ...]
    sources: dict[str, Source]
    story: tuple[StoryEntry, ...] = ()  # the prologue and the epilogue, by date
    labels: tuple[MapLabel, ...] = ()  # names written on the map, in order of precedence
    #: what Washington knew of each Soviet, Cuban, bloc or charter site and vessel, and the events it did not know of
    knowledge: dict[str, Knowledge] = field(default_factory=dict)
    estimates: tuple[EstimateSeries, ...] = ()  # the US count against the real one, by series
    moscow: tuple[MoscowReading, ...] = ()  # what Moscow knew of US preparations, in time order

    def place(self, place_id: str) -> Place | Site | None:
        """A place, city or site by id (events may point at any of them)."""
        if place_id in self.places:
            return self.places[place_id]
        if place_id in self.cities:
            return self.cities[place_id]
        for s in self.sites:
            if s.id == place_id:
                return s
        return None
