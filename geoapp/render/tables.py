"""The scene as a CSV table: one row per feature, with its position and sources.

The first columns are for programs: ids and the data's codes (``MRBM``, ``in_force``, ``soviet``),
unchanged from one language to the other. The ``*_label`` columns after them say the same in words, in
the scene's language, for a person who opens the file in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

from geoapp import clock
from geoapp.i18n import STRINGS, t
from geoapp.render.geojson import to_feature_collection
from geoapp.scene import Scene, cite
from geoapp.vocab import FLIGHT_KINDS

#: The machine columns, then the same facts in words (in the scene's language).
COLUMNS = ("layer", "id", "name", "kind", "status", "time", "lon", "lat", "precision_km", "estimated", "sources",
           "side", "layer_label", "kind_label", "side_label", "status_label", "time_label")

#: The states of a moving ship or aircraft, by the string that names them.
MOVER_STATES = {"reported": "observed", "estimated": "estimate", "airborne": "airborne", "landed": "landed"}


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


def kind_label(props: dict, layer_title: str, lang: str) -> str:
    """A feature's kind in words: a site's or a vessel's kind, an aircraft's type, a ring's weapon (its name
    ends "site: weapon"), else its layer's title."""
    kind = str(props.get("kind") or "")
    if props.get("layer") == "range_rings":
        return t("kind_ring", lang, weapon=str(props.get("name", "")).rsplit(": ", 1)[-1])
    if f"kind_{kind}" in STRINGS:
        return t(f"kind_{kind}", lang)
    return kind if kind in FLIGHT_KINDS else layer_title


def status_label(status: str, lang: str) -> str:
    """A site's or a line's status, or a moving ship's or aircraft's state, in words ("" when none)."""
    if not status:
        return ""
    if status in MOVER_STATES:
        return t(MOVER_STATES[status], lang)
    return t(f"status_{status}", lang) if f"status_{status}" in STRINGS else status


def time_label(iso_time: str, lang: str) -> str:
    """An ISO time as people read it, in Washington time ("" when none)."""
    return clock.format_moment(clock.parse_moment(iso_time), lang) if iso_time else ""


def feature_row(feat: dict, titles: dict[str, str], source_labels: dict[str, str], lang: str) -> list:
    """One exported feature (GeoJSON-like: ``geometry`` and ``properties``) as the cells of :data:`COLUMNS`;
    ``titles`` names each layer, ``source_labels`` cites each source. The timeline's CSV shares it."""
    p = feat["properties"]
    lon, lat = _anchor(feat["geometry"])
    if p.get("center_lon") is not None:
        lon, lat = p["center_lon"], p["center_lat"]
    layer, side, status = str(p.get("layer")), str(p.get("side") or ""), str(p.get("status") or "")
    title = titles.get(layer, layer)
    return [layer, p.get("id"), p.get("name"), p.get("kind"), status,
            p.get("time", ""), lon, lat, p.get("precision_km", ""), p.get("estimated", ""),
            " | ".join(cite(s, source_labels) for s in p.get("sources", [])),
            side, title, kind_label(p, title, lang),
            t(f"side_{side}", lang) if side else "", status_label(status, lang),
            time_label(str(p.get("time") or ""), lang)]


def to_csv(scene: Scene) -> str:
    """The scene as CSV text (the caller encodes it; the downloads use UTF-8 with a BOM for spreadsheets)."""
    titles = {i.id: i.title for i in scene.layer_info}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for feat in to_feature_collection(scene)["features"]:
        w.writerow(feature_row(feat, titles, scene.source_labels, scene.lang))
    return buf.getvalue()


def to_csv_bytes(scene: Scene) -> bytes:
    """The CSV file as downloaded: UTF-8 with a byte-order mark, so that a spreadsheet reads Japanese right."""
    return to_csv(scene).encode("utf-8-sig")
