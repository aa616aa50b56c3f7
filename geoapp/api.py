"""The atlas from Python, as GeoDataFrames: ``atlas = geoapp.load()``, then ``atlas.frame_at(moment)`` (the map at
a moment, the columns of ``python -m geoapp state``) and ``atlas.timeline()`` (every feature over the whole
timeline with ``valid_from`` and ``valid_to``). ``docs/api.md`` shows it at work.

Every frame is in EPSG:4326. A call the atlas cannot answer raises :class:`AtlasError` with the sentence the
command line prints for the same mistake; a data folder that does not validate raises :class:`geoapp.io.DataError`
listing its problems, as ``python -m geoapp validate`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoapp import clock, gis, knowledge, paths
from geoapp.catalog import prepared_catalog
from geoapp.i18n import t
from geoapp.render.timeline_table import Timeline
from geoapp.situation import Prepared
from geoapp.vocab import DEFAULT_VIEW, LANGS, VIEWS

if TYPE_CHECKING:
    import geopandas
    import pandas

#: what a moment may be given as: ISO 8601 text (a date alone is 12:00 GMT that day), a datetime or a pandas
#: Timestamp; without a zone it is read as UTC, as the command line reads ``--at 1962-10-27T16:00``
Moment = str | datetime


class AtlasError(ValueError):
    """A call the atlas cannot answer: a bad layer, time, view, language or format, told in a sentence."""


def _moment(value: Moment, name: str) -> datetime:
    """A moment of the timeline from text or a datetime (:data:`Moment`), checked as the command line checks it."""
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    try:
        return clock.parse_moment(text)
    except clock.TimeError as exc:
        raise AtlasError(f"{name}: {exc}") from exc


def _layers(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Layer ids from a comma-separated text or a list; None for all."""
    from layers import LAYER_IDS

    if value is None:
        return None
    asked = tuple(x.strip() for x in (value.split(",") if isinstance(value, str) else value) if str(x).strip())
    unknown = [x for x in asked if x not in LAYER_IDS]
    if unknown:
        raise AtlasError(t("cli_unknown_layer", "en", value=", ".join(unknown), choices=", ".join(LAYER_IDS)))
    return asked or None


def _lang(value: str) -> str:
    if value not in LANGS:
        raise AtlasError(f"unknown language {value!r}; choose one of {', '.join(LANGS)}")
    return value


def _view(value: str | None) -> str:
    try:
        return knowledge.check_view(value)
    except ValueError as exc:
        raise AtlasError(str(exc)) from exc


def _period(start: Moment | None, end: Moment | None) -> tuple[datetime, datetime]:
    """``start`` and ``end`` as moments of the timeline (its ends when not given), the end after the start."""
    first, last = clock.PERIODS["all"]
    first = _moment(start, "start") if start is not None else first
    last = _moment(end, "end") if end is not None else last
    if last <= first:
        raise AtlasError("end must come after start")
    return first, last


class Atlas:
    """The atlas's data, validated, with what it shows at any moment or over any period as GeoDataFrames."""

    def __init__(self, prepared: Prepared, data_dir: Path):
        self.prepared = prepared
        #: the data folder read
        self.data_dir = data_dir
        self._timelines: dict[tuple[str, str], Any] = {}

    def __repr__(self) -> str:
        cat = self.prepared.catalog
        return (f"<Atlas {self.data_dir}: {len(cat.sites)} sites, {len(cat.vessels)} vessels, "
                f"{len(cat.flights)} flights, {len(cat.events)} events, {len(cat.sources)} sources>")

    @property
    def layers(self) -> tuple[str, ...]:
        """The layer ids, in menu order: the values ``layers=`` takes."""
        from layers import LAYER_IDS

        return LAYER_IDS

    @property
    def views(self) -> tuple[str, ...]:
        """What a map can show (``view=``): ``actual``, ``known`` (what Washington knew) and ``gap`` (both)."""
        return VIEWS

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages (``lang=``)."""
        return LANGS

    @property
    def periods(self) -> dict[str, tuple[datetime, datetime]]:
        """The named periods of the time bar (UTC), e.g. ``atlas.periods["crisis"]``, to pass as start and end."""
        return dict(clock.PERIODS)

    @property
    def sources(self) -> pandas.DataFrame:
        """The bibliography as a DataFrame indexed by source id: kind, author, title, year, publisher, url, and
        the citation as the exports write it in each language (``label_en``, ``label_ja``)."""
        import pandas as pd

        rows = [{"id": s.id, "kind": s.kind, "author": s.author, "title": s.title, "year": s.year,
                 "publisher": s.publisher, "url": s.url, **{f"label_{lang}": s.label(lang) for lang in LANGS}}
                for s in self.prepared.catalog.sources.values()]
        return pd.DataFrame(rows).set_index("id")

    def events(self, lang: str = "en") -> geopandas.GeoDataFrame:
        """Every event of the timeline, in time order, where it happened: id, time (UTC), the time as the source
        wrote it, its precision, title, text, place, whether it is a key moment, and its source ids."""
        import geopandas
        import pandas as pd
        from shapely.geometry import Point

        lang = _lang(lang)
        cat = self.prepared.catalog
        rows, points = [], []
        for e in cat.events:
            place = cat.place(e.place)
            rows.append({"id": e.id, "time": e.time, "time_original": e.time_text, "time_precision": e.time_precision,
                         "title": e.title.get(lang), "text": e.text.get(lang), "place": e.place, "key": e.key,
                         "sources": list(e.sources)})
            points.append(Point(place.lon, place.lat) if place is not None else None)
        frame = geopandas.GeoDataFrame(rows, geometry=points, crs="EPSG:4326")
        frame["time"] = pd.to_datetime(frame["time"], utc=True)
        return frame

    def frame_at(self, moment: Moment, lang: str = "en", layers: str | Iterable[str] | None = None,
                 view: str = DEFAULT_VIEW) -> geopandas.GeoDataFrame:
        """The map at ``moment`` as a GeoDataFrame (EPSG:4326) with the columns of the GeoJSON that
        ``python -m geoapp state --at`` prints: a row per feature, ``layer`` and ``id`` first."""
        from geoapp.render.frames import to_geodataframe
        from geoapp.render.geojson import to_feature_collection
        from geoapp.scene import build_scene
        from layers import REGISTRY

        at = _moment(moment, "moment")
        scene = build_scene(self.prepared, at, REGISTRY, lang=_lang(lang), layers=_layers(layers), view=_view(view))
        return to_geodataframe(to_feature_collection(scene)["features"])

    def timeline_rows(self, lang: str = "en", layers: str | Iterable[str] | None = None, view: str = DEFAULT_VIEW,
                      start: Moment | None = None, end: Moment | None = None) -> Timeline:
        """The timeline's rows before they are a frame (what the file exports are written from)."""
        from geoapp.render.timeline_table import build_timeline
        from geoapp.timeline_scene import build_timeline_scene
        from layers import REGISTRY

        lang, view, chosen = _lang(lang), _view(view), _layers(layers)
        first, last = _period(start, end)
        key = (lang, view)
        if key not in self._timelines:  # the scene of a language and view is built once (a few seconds)
            self._timelines[key] = build_timeline_scene(self.prepared, REGISTRY, lang=lang, view=view)
        return build_timeline(self.prepared, self._timelines[key], chosen, first.timestamp(), last.timestamp())

    def timeline(self, lang: str = "en", layers: str | Iterable[str] | None = None, view: str = DEFAULT_VIEW,
                 start: Moment | None = None, end: Moment | None = None) -> geopandas.GeoDataFrame:
        """Every feature over the period (the whole timeline by default) as one GeoDataFrame: the columns of
        :meth:`frame_at` with ``valid_from`` and ``valid_to`` (UTC timestamps; a row is shown from ``valid_from``
        until just before ``valid_to``, cut to the period). A ship or an aircraft is a timed track: a
        ``part="position"`` row per vertex (its marker there until the next vertex) and a ``part="track"`` row per
        leg (shown once sailed or flown)."""
        from geoapp.render.frames import timeline_frame

        return timeline_frame(self.timeline_rows(lang, layers, view, start, end))

    def at(self, frame: geopandas.GeoDataFrame, moment: Moment) -> geopandas.GeoDataFrame:
        """The rows of a timeline frame shown at ``moment`` (``valid_from <= moment < valid_to``)."""
        import pandas as pd

        ts = pd.Timestamp(_moment(moment, "moment"))
        return frame[(frame["valid_from"] <= ts) & (ts < frame["valid_to"])]

    def export(self, path: str | Path, format: str | None = None, lang: str = "en",
               layers: str | Iterable[str] | None = None, view: str = DEFAULT_VIEW, start: Moment | None = None,
               end: Moment | None = None) -> Path:
        """Write the timeline to a file, as ``python -m geoapp export`` does: ``format`` is one of ``gpkg``,
        ``kml``, ``kmz``, ``geojson``, ``csv`` (by default, the file name's ending). Returns the path."""
        path = Path(path)
        fmt = format or next((k for k, f in gis.FORMATS.items() if f.suffix == path.suffix.lower()), None)
        if fmt not in gis.FORMATS:
            raise AtlasError(f"unknown format {format or path.suffix!r}; choose one of {', '.join(gis.FORMATS)}")
        gis.write(self.timeline_rows(lang, layers, view, start, end), fmt, path)
        return path


def load(data_dir: str | Path | None = None) -> Atlas:
    """The atlas of ``data_dir`` (the atlas's own ``data/`` by default), validated; raises
    :class:`geoapp.io.DataError` listing every problem when the data is wrong."""
    folder = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    return Atlas(prepared_catalog(folder), folder)
