"""The scene as a GeoJSON FeatureCollection (RFC 7946: lines cut at the antimeridian)."""

from __future__ import annotations

import json
from typing import Any

from geoapp import geo
from geoapp.scene import Scene


def export_geometry(g: dict[str, Any]) -> dict[str, Any]:
    """A feature's geometry as files carry it: longitudes in [-180, 180] (a line crossing the antimeridian cut
    into a MultiLineString), coordinates to 5 decimals (about a metre). Every export shares it."""
    if g["type"] == "LineString":
        parts = geo.split_antimeridian([tuple(c) for c in g["coordinates"]])
        if len(parts) == 1:
            return {"type": "LineString", "coordinates": [[round(x, 5), round(y, 5)] for x, y in parts[0]]}
        return {"type": "MultiLineString",
                "coordinates": [[[round(x, 5), round(y, 5)] for x, y in p] for p in parts]}
    if g["type"] == "Point":
        x, y = g["coordinates"]
        return {"type": "Point", "coordinates": [round((x + 180) % 360 - 180, 5), round(y, 5)]}
    if g["type"] == "Polygon":
        return {"type": "Polygon",
                "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring] for ring in g["coordinates"]]}
    return g


def to_feature_collection(scene: Scene) -> dict[str, Any]:
    """A FeatureCollection of every feature in the scene, with the moment in ``properties``."""
    feats = []
    for f in scene.features:
        props = {k: v for k, v in f.properties.items() if v is not None}
        feats.append({"type": "Feature", "id": f.id, "geometry": export_geometry(f.geometry), "properties": props})
    return {
        "type": "FeatureCollection",
        "properties": {"time": scene.iso_time, "lang": scene.lang, "layers": list(scene.layers),
                       "caption": scene.caption},
        "features": feats,
    }


def to_geojson_text(scene: Scene) -> str:
    """The FeatureCollection as GeoJSON text (UTF-8, non-ASCII kept)."""
    return json.dumps(to_feature_collection(scene), ensure_ascii=False, indent=1)
