"""The timeline as a GeoPackage that QGIS's Temporal Controller plays.

One table per layer, named by the layer's id, with ``valid_from`` and ``valid_to`` as DateTime fields (UTC):
in QGIS, a layer's Temporal properties set to "Separate Fields for Start and End Date/Time" with these two fields
is all the set-up needed. A layer of moving things has a second table, ``<layer>_tracks``, for the legs of track
(lines), so that every table holds one kind of geometry (the markers are points) and opens in one step. Each row
keeps its sources (``sources``: the ids, ``citations``: the works cited, in the export's language) and, where the
data has it, its precision (``precision_km``, ``estimated``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoapp.render.frames import timeline_frame
from geoapp.render.timeline_table import Timeline
from geoapp.scene import cite

if TYPE_CHECKING:
    import geopandas

#: how the values of a list (sources, cities in reach) are joined in a text field
LIST_SEPARATOR = "; "
#: the suffix of the table holding a layer's legs of track
TRACKS_SUFFIX = "_tracks"


def _text(value: Any) -> Any:
    """A list as one text (fields hold one value), anything else as it is."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _fields(frame: geopandas.GeoDataFrame, labels: dict[str, str]) -> geopandas.GeoDataFrame:
    """A layer's rows as fields a GeoPackage holds: no empty column, lists as text, the works cited beside the
    source ids, true-or-false columns as booleans."""
    import pandas as pd

    frame = frame.dropna(axis="columns", how="all").copy()
    frame.insert(list(frame.columns).index("sources") + 1, "citations",
                 [" | ".join(cite(s, labels) for s in refs) for refs in frame["sources"]])
    for col in frame.columns:
        if col == "geometry" or str(frame[col].dtype).startswith("datetime"):
            continue
        values = [v for v in frame[col] if v is not None]
        if values and all(isinstance(v, bool) for v in values):
            frame[col] = pd.array(list(frame[col]), dtype="boolean")
        else:
            frame[col] = [_text(v) for v in frame[col]]
    return frame


def tables(timeline: Timeline) -> dict[str, geopandas.GeoDataFrame]:
    """The tables of the GeoPackage by name, in the scene's draw order: a layer's rows, its moving things' legs
    of track apart."""
    frame = timeline_frame(timeline)
    labels = timeline.scene.source_labels
    out: dict[str, geopandas.GeoDataFrame] = {}
    for lid in timeline.layers:
        rows = frame[frame["layer"] == lid]
        if rows.empty:
            continue
        part = rows["part"] if "part" in rows.columns else None
        legs = part == "track" if part is not None else None
        if legs is not None and legs.any():
            out[lid] = _fields(rows[~legs], labels)
            out[lid + TRACKS_SUFFIX] = _fields(rows[legs], labels)
        else:
            out[lid] = _fields(rows, labels)
    return out


def write_gpkg(timeline: Timeline, path: Path) -> dict[str, int]:
    """Write the timeline's tables to the GeoPackage ``path`` (a new file); return each table's row count."""
    counts = {}
    for name, table in tables(timeline).items():
        kinds = set(table.geom_type)
        multi = any(k.startswith("Multi") for k in kinds) and len(kinds) > 1
        table.to_file(path, layer=name, driver="GPKG", engine="pyogrio", promote_to_multi=multi or None)
        counts[name] = len(table)
    return counts
