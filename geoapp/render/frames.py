"""Exported features as GeoDataFrames (EPSG:4326): the Python API's tables and the GeoPackage's source.

A frame has a column per property found in its features, in the order they first appear (the columns of the
GeoJSON the command line prints), then ``geometry``; a property a feature lacks is empty (None). Lists (sources,
cities in reach) stay lists, as in the GeoJSON. geopandas is imported here only, when a frame is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geoapp.render.timeline_table import TIME_FIELDS, Timeline

if TYPE_CHECKING:
    import geopandas

#: the columns of a frame without features (every feature has them: ``geoapp.layer.Feature``)
EMPTY_COLUMNS = ("layer", "id", "name", "kind", "sources")
#: the coordinate reference system of every frame and file: longitude and latitude in degrees (WGS 84)
CRS = "EPSG:4326"


def columns_of(properties: Iterable[dict[str, Any]]) -> list[str]:
    """Every property name, in the order it first appears."""
    seen: dict[str, None] = {}
    for props in properties:
        for k in props:
            seen.setdefault(k, None)
    return list(seen)


def to_geodataframe(features: list[dict[str, Any]]) -> geopandas.GeoDataFrame:
    """GeoJSON features (``geometry`` and ``properties``) as a GeoDataFrame in EPSG:4326."""
    import geopandas
    from shapely.geometry import shape

    cols = columns_of(f["properties"] for f in features) or list(EMPTY_COLUMNS)
    data = {c: [f["properties"].get(c) for f in features] for c in cols}
    return geopandas.GeoDataFrame(data, columns=cols, geometry=[shape(f["geometry"]) for f in features], crs=CRS)


def timeline_frame(timeline: Timeline) -> geopandas.GeoDataFrame:
    """The timeline's rows as a GeoDataFrame: the moment's columns with ``valid_from`` and ``valid_to`` as UTC
    timestamps (``valid_to`` excluded: a row is shown from ``valid_from`` until just before ``valid_to``)."""
    import pandas as pd

    from geoapp.render.timeline_table import to_feature_collection

    frame = to_geodataframe(to_feature_collection(timeline)["features"])
    for name, values in zip(TIME_FIELDS, ([r.valid_from for r in timeline.rows],
                                          [r.valid_to for r in timeline.rows]), strict=True):
        frame[name] = pd.to_datetime(pd.Series(values, dtype="float64"), unit="s", utc=True)
    ordered = [c for c in frame.columns if c not in (*TIME_FIELDS, "geometry")] + [*TIME_FIELDS, "geometry"]
    return frame[ordered]
