"""The scene as a CSV table: one row per feature, with its position and sources."""

from __future__ import annotations

import csv
import io

from geoapp.render.geojson import to_feature_collection
from geoapp.scene import Scene, cite

COLUMNS = ("layer", "id", "name", "kind", "status", "time", "lon", "lat", "precision_km", "estimated", "sources")


def _anchor(geometry: dict) -> tuple[float | None, float | None]:
    """A representative point: the point itself, a line's last vertex, a ring's centre is in props."""
    g = geometry
    if g["type"] == "Point":
        return tuple(g["coordinates"])  # type: ignore[return-value]
    if g["type"] == "LineString":
        return tuple(g["coordinates"][-1])  # type: ignore[return-value]
    if g["type"] == "MultiLineString":
        return tuple(g["coordinates"][-1][-1])  # type: ignore[return-value]
    return None, None


def to_csv(scene: Scene) -> str:
    """The scene as CSV (UTF-8): layer, id, name, kind, status, time, lon, lat, precision, sources."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for feat in to_feature_collection(scene)["features"]:
        p = feat["properties"]
        lon, lat = _anchor(feat["geometry"])
        if p.get("center_lon") is not None:
            lon, lat = p["center_lon"], p["center_lat"]
        w.writerow([p.get("layer"), p.get("id"), p.get("name"), p.get("kind"), p.get("status", ""),
                    p.get("time", ""), lon, lat, p.get("precision_km", ""), p.get("estimated", ""),
                    " | ".join(cite(s, scene.source_labels) for s in p.get("sources", []))])
    return buf.getvalue()
