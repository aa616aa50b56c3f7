"""The whole timeline as rows of a table: every feature with the span of time ``[valid_from, valid_to)`` in which
the map shows it. The rows of the Python API's ``Atlas.timeline`` and of the GIS exports (GeoPackage, KML,
GeoJSON, CSV) all come from here.

Nothing here decides what is shown when: the rows are read off :func:`geoapp.timeline_scene.build_timeline_scene`.
A fixed feature (a site, a line, a ring, an event) gives one row per span of its ``Spanned`` entry. A moving thing
(a ship, an aircraft) is a :class:`geoapp.movers.Mover` whose rules are already decided; it gives

- ``position`` rows: its marker at each vertex of its timed track, from that vertex's time to the next one's
  (within the mover's ``show_from``, ``show_to`` and ``marker_until``), with the marker's state, precision and
  whether the position is an estimate, as :func:`geoapp.movers.features_at` gives them at a moment;
- ``track`` rows: each leg of the track sailed or flown, shown from the moment it has been covered until the
  mover leaves the map, with the id of the run of track it belongs to (``<id>#track<k>``, as at a moment).

Times are epoch seconds (UTC) here; files and data frames carry them as UTC datetimes. Every row is cut to the
period asked for.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from geoapp import knowledge
from geoapp.layer import Feature, line, point
from geoapp.movers import Mover
from geoapp.render.geojson import export_geometry
from geoapp.render.tables import COLUMNS, feature_row
from geoapp.scene import with_knowledge
from geoapp.situation import Prepared
from geoapp.timeline_scene import TimelineScene

#: the time fields every row carries (UTC; ``valid_to`` is excluded: the row is shown until just before it)
TIME_FIELDS = ("valid_from", "valid_to")
#: the CSV's columns: the moment CSV's (``geoapp.render.tables.COLUMNS``) with the span after ``status``
CSV_COLUMNS = (*COLUMNS[:5], *TIME_FIELDS, *COLUMNS[5:])


@dataclass(frozen=True)
class TimedRow:
    """A feature and the span of time ``[valid_from, valid_to)`` (epoch seconds, UTC) in which it is shown."""

    feature: Feature
    valid_from: float
    valid_to: float

    @property
    def properties(self) -> dict[str, Any]:
        """The row's properties as exported: the feature's (as the moment GeoJSON has them, without empty values)
        and its span as ISO 8601 UTC times."""
        props = {k: v for k, v in self.feature.properties.items() if v is not None}
        return {**props, "valid_from": iso_seconds(self.valid_from), "valid_to": iso_seconds(self.valid_to)}


@dataclass(frozen=True)
class Timeline:
    """The rows of the chosen layers over a period, with the scene they come from (its movers, for the exports
    that draw whole timed tracks, and its source labels)."""

    scene: TimelineScene
    layers: tuple[str, ...]
    start: float
    end: float
    rows: list[TimedRow]

    @property
    def movers(self) -> list[Mover]:
        """The moving things of the chosen layers that are on the map at some moment of the period."""
        return [mv for mv in self.scene.movers if mv.layer in self.layers
                and mv.show_from < self.end and mv.show_to >= self.start]


def iso_seconds(ts: float) -> str:
    """Epoch seconds as ISO 8601 UTC to the second (``1962-10-27T16:00:00Z``): the form GDAL reads as a DateTime."""
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cut(a: float, b: float, start: float, end: float) -> tuple[float, float] | None:
    """``[a, b)`` cut to ``[start, end]``; None when nothing of it is left."""
    lo, hi = max(a, start), min(b, end)
    return (lo, hi) if lo < hi else None


def fixed_rows(scene: TimelineScene, layers: Iterable[str], start: float, end: float) -> list[TimedRow]:
    """A row per span of each fixed feature of ``layers`` (the spans of the timeline scene, cut to the period)."""
    chosen = set(layers)
    rows = []
    for sp in scene.fixed:
        if sp.feature.layer not in chosen:
            continue
        for a, b in sp.spans:
            cut = _cut(a, b, start, end)
            if cut:
                rows.append(TimedRow(sp.feature, *cut))
    return rows


def mover_rows(prepared: Prepared, scene: TimelineScene, mover: Mover, start: float, end: float) -> list[TimedRow]:
    """A moving thing as ``position`` and ``track`` rows (see the module's docstring), cut to the period; in the
    known and difference views with what the view adds to their data at the moment each row begins."""
    tr = mover.track
    n = len(tr.times)
    shown_from, shown_to = max(mover.show_from, start), min(mover.show_to, end)
    marker_to = min(mover.marker_until, shown_to)
    out: list[Feature] = []
    spans: list[tuple[float, float]] = []
    for i in range(n):
        a = tr.times[i] if i else -math.inf  # before its first vertex it stands there (movers.position)
        b = tr.times[i + 1] if i + 1 < n else math.inf
        cut = _cut(a, b, shown_from, marker_to)
        if cut is None:
            continue
        state = mover.marker_states[mover.vertex_marker[i]]
        out.append(Feature(layer=mover.layer, id=mover.id, geometry=point(tr.lons[i], tr.lats[i]),
                           props={**mover.props, "status": state, "time": iso_seconds(tr.times[i]),
                                  "part": "position", "precision_km": round(tr.precision[i], 1),
                                  "estimated": bool(tr.estimated[i])},
                           style=mover.marker_styles[mover.vertex_marker[i]], details=list(mover.details_at(cut[0]))))
        spans.append(cut)
    for k, (first, last, sty) in enumerate(mover.runs):
        for leg in range(first, last):
            cut = _cut(tr.times[leg + 1], math.inf, shown_from, shown_to)  # drawn once covered, never ahead
            if cut is None:
                continue
            state = mover.marker_states[mover.vertex_marker[leg]]
            out.append(Feature(layer=mover.layer, id=f"{mover.id}#track{k}",
                               geometry=line([(tr.lons[leg], tr.lats[leg]), (tr.lons[leg + 1], tr.lats[leg + 1])]),
                               props={**mover.props, "status": state, "time": iso_seconds(tr.times[leg + 1]),
                                      "part": "track", "estimated": bool(tr.estimated[first])},
                               style=mover.line_styles[sty], details=list(mover.details_at(cut[0]))))
            spans.append(cut)
    if scene.view == "actual":
        return [TimedRow(f, a, b) for f, (a, b) in zip(out, spans, strict=True)]
    return [row for f, (a, b) in zip(out, spans, strict=True) for row in _with_knowledge(prepared, scene, f, a, b)]


def _with_knowledge(prepared: Prepared, scene: TimelineScene, f: Feature, a: float, b: float) -> list[TimedRow]:
    """A mover's row in the known or difference view: what the view adds to its data
    (:func:`geoapp.scene.with_knowledge`) at each moment it can change (each reading of what Washington knew),
    the row cut there when it does."""
    view_prepared = knowledge.prepare_view(prepared, scene.view)
    key = ("knowledge_moments",)
    if key not in view_prepared.memo:
        view_prepared.memo[key] = sorted(m.timestamp() for m in knowledge.moments(view_prepared.catalog))
    cuts = [a, *(m for m in view_prepared.memo[key] if a < m < b), b]
    rows: list[TimedRow] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        moment = datetime.fromtimestamp(lo, tz=UTC)
        g = with_knowledge(view_prepared, [f], moment, scene.view, scene.lang)[0]
        if rows and rows[-1].feature.props == g.props:
            rows[-1] = TimedRow(rows[-1].feature, rows[-1].valid_from, hi)
        else:
            rows.append(TimedRow(g, lo, hi))
    return rows


def build_timeline(prepared: Prepared, scene: TimelineScene, layers: Iterable[str] | None = None,
                   start: float | None = None, end: float | None = None) -> Timeline:
    """The rows of ``layers`` (all the scene's by default, kept in the scene's draw order) over ``[start, end]``
    (the whole timeline by default), ordered by layer, then by the moment each row begins."""
    chosen = tuple(lid for lid in scene.layers if layers is None or lid in set(layers))
    lo = scene.start if start is None else start
    hi = scene.end if end is None else end
    rows = fixed_rows(scene, chosen, lo, hi)
    for mv in scene.movers:
        if mv.layer in chosen:
            rows.extend(mover_rows(prepared, scene, mv, lo, hi))
    order = {lid: i for i, lid in enumerate(chosen)}
    rows.sort(key=lambda r: (order[r.feature.layer], r.valid_from))
    return Timeline(scene=scene, layers=chosen, start=lo, end=hi, rows=rows)


def to_feature_collection(timeline: Timeline) -> dict[str, Any]:
    """The timeline as a GeoJSON FeatureCollection: a feature per row, with ``valid_from`` and ``valid_to``."""
    scene = timeline.scene
    return {
        "type": "FeatureCollection",
        "properties": {"lang": scene.lang, "view": scene.view, "layers": list(timeline.layers),
                       "start": iso_seconds(timeline.start), "end": iso_seconds(timeline.end)},
        "features": [{"type": "Feature", "id": r.feature.id, "geometry": export_geometry(r.feature.geometry),
                      "properties": r.properties} for r in timeline.rows],
    }


def to_csv(timeline: Timeline) -> str:
    """The timeline as CSV text: one row per feature and span, the moment CSV's columns with the span beside them
    (the caller encodes it; the downloads use UTF-8 with a BOM for spreadsheets)."""
    scene = timeline.scene
    titles = {lid: title for lid, title, _ in scene.legend}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in timeline.rows:
        feat = {"geometry": export_geometry(r.feature.geometry), "properties": r.properties}
        cells = feature_row(feat, titles, scene.source_labels, scene.lang)
        w.writerow([*cells[:5], iso_seconds(r.valid_from), iso_seconds(r.valid_to), *cells[5:]])
    return buf.getvalue()
