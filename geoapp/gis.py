"""The atlas's timeline for GIS tools: the formats offered, and one way to build and write each.

The command line (``python -m geoapp export``), the app's download area and the Python API (``geoapp.load``) all
come here, so a GeoPackage, a KML, a GeoJSON or a CSV of the same period, language, layers and view holds the same
rows (:mod:`geoapp.render.timeline_table`) whichever way it was made.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from geoapp import clock
from geoapp.render.timeline_table import Timeline, build_timeline
from geoapp.situation import Prepared


class Format(NamedTuple):
    """A file format of the timeline: its file name's ending and its MIME type."""

    suffix: str
    mime: str


#: the formats, in the order they are offered
FORMATS: dict[str, Format] = {
    "gpkg": Format(".gpkg", "application/geopackage+sqlite3"),
    "kml": Format(".kml", "application/vnd.google-earth.kml+xml"),
    "kmz": Format(".kmz", "application/vnd.google-earth.kmz"),
    "geojson": Format(".geojson", "application/geo+json"),
    "csv": Format(".csv", "text/csv"),
}


def timeline(prepared: Prepared, lang: str = "en", view: str = "actual", layers: Iterable[str] | None = None,
             start: datetime | None = None, end: datetime | None = None, figure: str | None = None) -> Timeline:
    """The rows of ``layers`` (all by default) from ``start`` to ``end`` (the whole timeline by default) in a
    language and view, read off the timeline scene (:func:`geoapp.timeline_scene.build_timeline_scene`)."""
    from geoapp.timeline_scene import build_timeline_scene
    from layers import REGISTRY

    scene = build_timeline_scene(prepared, REGISTRY, lang=lang, figure=figure, view=view)
    return build_timeline(prepared, scene, layers, start.timestamp() if start else None,
                          end.timestamp() if end else None)


def write(tl: Timeline, fmt: str, path: Path) -> None:
    """Write the timeline to ``path`` in format ``fmt`` (a key of :data:`FORMATS`); a GeoPackage is written by
    GDAL, the others as bytes (:func:`to_bytes`)."""
    if fmt == "gpkg":
        from geoapp.render.gpkg import write_gpkg

        path.unlink(missing_ok=True)  # GDAL adds tables to a GeoPackage that is there: start from none
        write_gpkg(tl, path)
        return
    path.write_bytes(to_bytes(tl, fmt))


def to_bytes(tl: Timeline, fmt: str) -> bytes:
    """The file of the timeline in format ``fmt``, as the app downloads it (a CSV with a byte-order mark, so that
    a spreadsheet reads Japanese right)."""
    import json

    from geoapp.render import kml, timeline_table

    if fmt == "kml":
        return kml.to_kml(tl).encode("utf-8")
    if fmt == "kmz":
        return kml.to_kmz(tl)
    if fmt == "geojson":
        return json.dumps(timeline_table.to_feature_collection(tl), ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        return timeline_table.to_csv(tl).encode("utf-8-sig")
    if fmt == "gpkg":
        with tempfile.TemporaryDirectory(prefix="cmc-gpkg-") as tmp:
            path = Path(tmp) / "atlas.gpkg"
            write(tl, fmt, path)
            return path.read_bytes()
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(fmt: str, lang: str, view: str, start: datetime, end: datetime) -> str:
    """The name a download is saved under, e.g. ``cmc-atlas-1962-09-01T0000Z-1962-11-21T2300Z-en.gpkg``: the
    period, the language and the view when it is not what was there."""
    stamp = "-".join(clock.iso(m).replace(":", "") for m in (start, end))
    return f"cmc-atlas-{stamp}-{lang}{'' if view == 'actual' else '-' + view}{FORMATS[fmt].suffix}"
