"""The timeline as KML (or KMZ) that Google Earth's time slider plays.

A folder per layer, named with the layer's title in the export's language. A fixed feature (a site, a line, a
ring, an event) is a placemark per span of time with a ``TimeSpan``; a ship or an aircraft is one placemark with a
``gx:Track``: its timed track, a ``when`` per vertex, which Google Earth moves along as time passes. Colours, line
widths and opacities are the map's (:class:`geoapp.style.Style`). Every text from the data goes through
ElementTree, which escapes it; characters XML cannot hold are dropped first.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from geoapp.movers import Mover, position
from geoapp.render.geojson import export_geometry
from geoapp.render.timeline_table import TimedRow, Timeline, iso_seconds
from geoapp.scene import cite, view_title
from geoapp.style import Style

KML_NS = "http://www.opengis.net/kml/2.2"
GX_NS = "http://www.google.com/kml/ext/2.2"
#: the icon a point is drawn with, tinted with its style's colour (Google Earth has it built in)
ICON = "https://maps.google.com/mapfiles/kml/shapes/shaded_dot.png"
#: the radius (px) a point style has at icon scale 1
ICON_RADIUS = 8.0
#: characters XML 1.0 cannot hold (control characters other than tab, newline and carriage return)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", KML_NS)
ET.register_namespace("gx", GX_NS)


def _k(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"


def _gx(tag: str) -> str:
    return f"{{{GX_NS}}}{tag}"


def clean(text: Any) -> str:
    """A value as text XML can hold (escaping is ElementTree's, when the document is written)."""
    if isinstance(text, list | tuple):
        text = "; ".join(str(v) for v in text)
    return _NOT_XML.sub("", str(text))


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, tag if tag.startswith("{") else _k(tag), attrib)
    if text is not None:
        el.text = clean(text)
    return el


def kml_color(color: str, opacity: float) -> str:
    """A CSS colour ``#rrggbb`` (or ``#rgb``) and an opacity as KML's ``aabbggrr``."""
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", c):
        c = "555555"
    alpha = max(0, min(255, round(opacity * 255)))
    return f"{alpha:02x}{c[4:6]}{c[2:4]}{c[0:2]}".lower()


class _Styles:
    """The document's shared styles, one per distinct pair of marker and line styles, made as they are used."""

    def __init__(self, doc: ET.Element):
        self.doc = doc
        self.ids: dict[tuple[Style | None, Style | None], str] = {}

    def url(self, marker: Style | None, stroke: Style | None) -> str:
        key = (marker, stroke)
        if key not in self.ids:
            sid = self.ids[key] = f"s{len(self.ids)}"
            el = _sub(self.doc, "Style", id=sid)
            if marker is not None:
                icon = _sub(el, "IconStyle")
                _sub(icon, "color", kml_color(marker.fill_color, max(marker.fill_opacity, 0.35)))
                _sub(icon, "scale", f"{max(marker.radius, 3) / ICON_RADIUS:.2f}")
                _sub(_sub(icon, "Icon"), "href", ICON)
                _sub(_sub(el, "LabelStyle"), "scale", "0")  # names show on hover, not over the whole map
            if stroke is not None:
                ls = _sub(el, "LineStyle")
                _sub(ls, "color", kml_color(stroke.color, stroke.opacity))
                _sub(ls, "width", f"{stroke.weight:g}")
                if stroke.shape == "area":
                    ps = _sub(el, "PolyStyle")
                    _sub(ps, "color", kml_color(stroke.fill_color, stroke.fill_opacity))
                    _sub(ps, "fill", "1" if stroke.fill_opacity > 0 else "0")
        return f"#{self.ids[key]}"


def _data(parent: ET.Element, props: dict[str, Any]) -> None:
    """The properties as ``ExtendedData`` (what GDAL reads back as fields)."""
    ext = _sub(parent, "ExtendedData")
    for k, v in props.items():
        if v is None or k in ("valid_from", "valid_to"):
            continue
        _sub(_sub(ext, "Data", name=k), "value", v)


def _description(props: dict[str, Any], details: list[tuple[str, str]], labels: dict[str, str]) -> str:
    """The balloon's text: the popup's rows, then the works cited (plain text; Google Earth shows it as it is)."""
    lines = [f"{k}: {v}" if k else v for k, v in details]
    lines += [cite(s, labels) for s in props.get("sources", [])]
    return "\n".join(lines)


def _coords(points: list[list[float]]) -> str:
    return " ".join(f"{x:.5f},{y:.5f}" for x, y in points)


def _geometry(parent: ET.Element, g: dict[str, Any]) -> None:
    """A GeoJSON geometry (longitudes already in [-180, 180]) as KML."""
    if g["type"] == "Point":
        _sub(_sub(parent, "Point"), "coordinates", _coords([g["coordinates"]]))
    elif g["type"] == "LineString":
        _line(parent, g["coordinates"])
    elif g["type"] == "MultiLineString":
        multi = _sub(parent, "MultiGeometry")
        for part in g["coordinates"]:
            _line(multi, part)
    elif g["type"] == "Polygon":
        poly = _sub(parent, "Polygon")
        _sub(poly, "tessellate", "1")
        ring = _sub(_sub(poly, "outerBoundaryIs"), "LinearRing")
        _sub(ring, "coordinates", _coords(g["coordinates"][0]))


def _line(parent: ET.Element, coords: list[list[float]]) -> None:
    ls = _sub(parent, "LineString")
    _sub(ls, "tessellate", "1")
    _sub(ls, "coordinates", _coords(coords))


def _fixed(folder: ET.Element, row: TimedRow, styles: _Styles, labels: dict[str, str]) -> None:
    f = row.feature
    props = row.properties
    pm = _sub(folder, "Placemark", id=f"{f.id}@{iso_seconds(row.valid_from)}")
    _sub(pm, "name", props.get("name", f.id))
    span = _sub(pm, "TimeSpan")
    _sub(span, "begin", iso_seconds(row.valid_from))
    _sub(span, "end", iso_seconds(row.valid_to))
    _sub(pm, "description", _description(props, f.details, labels))
    point_style = f.style if f.style.shape == "point" else None
    _sub(pm, "styleUrl", styles.url(point_style, None if point_style else f.style))
    _data(pm, props)
    _geometry(pm, export_geometry(f.geometry))


def track_vertices(mover: Mover, start: float, end: float) -> list[tuple[float, float, float]]:
    """The timed vertices (epoch s, lon, lat) of a mover's track while its marker is on the map within
    ``[start, end]``, with the positions at both ends of that span (:func:`geoapp.movers.position`, the
    reference evaluation), longitudes in [-180, 180]."""
    lo = max(mover.show_from, start)
    hi = min(mover.show_to, mover.marker_until, end)
    if hi < lo:
        return []
    tr = mover.track
    out: list[tuple[float, float, float]] = []
    for ts in (lo, *(t for t in tr.times if lo < t < hi), hi):
        _, lon, lat, _ = position(tr, ts)
        if out and ts <= out[-1][0]:
            continue
        out.append((ts, (lon + 180.0) % 360.0 - 180.0, lat))
    return out


def _mover(folder: ET.Element, mover: Mover, timeline: Timeline, styles: _Styles) -> bool:
    """A ship or aircraft as a placemark with a ``gx:Track``; False when it is not on the map in the period."""
    vertices = track_vertices(mover, timeline.start, timeline.end)
    if not vertices:
        return False
    props = {"layer": mover.layer, "id": mover.id, **mover.props}
    pm = _sub(folder, "Placemark", id=mover.id)
    _sub(pm, "name", props.get("name", mover.id))
    _sub(pm, "description", _description(props, list(mover.details), timeline.scene.source_labels))
    _sub(pm, "styleUrl", styles.url(mover.marker_styles[0], mover.line_styles[0]))
    _data(pm, props)
    track = _sub(pm, _gx("Track"))
    _sub(track, "altitudeMode", "clampToGround")
    for ts, _, _ in vertices:
        _sub(track, "when", iso_seconds(ts))
    for _, lon, lat in vertices:
        _sub(track, _gx("coord"), f"{lon:.5f} {lat:.5f} 0")
    return True


def to_kml(timeline: Timeline) -> str:
    """The timeline as a KML document (text)."""
    scene = timeline.scene
    root = ET.Element(_k("kml"))
    doc = _sub(root, "Document")
    _sub(doc, "name", view_title(scene.view, scene.lang))
    _sub(doc, "description", f"{iso_seconds(timeline.start)} – {iso_seconds(timeline.end)}")
    styles = _Styles(doc)
    titles = {lid: title for lid, title, _ in scene.legend}
    by_layer: dict[str, list[TimedRow]] = {lid: [] for lid in timeline.layers}
    for row in timeline.rows:
        if row.feature.props.get("part") not in ("position", "track") or not _moving(timeline, row.feature.layer):
            by_layer[row.feature.layer].append(row)
    movers = timeline.movers
    for lid in timeline.layers:
        folder = _sub(doc, "Folder", id=lid)
        _sub(folder, "name", titles.get(lid, lid))
        for row in by_layer[lid]:
            _fixed(folder, row, styles, scene.source_labels)
        for mv in movers:
            if mv.layer == lid:
                _mover(folder, mv, timeline, styles)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _moving(timeline: Timeline, layer: str) -> bool:
    """Whether a layer's things move (they are written as tracks, not as rows)."""
    return any(mv.layer == layer for mv in timeline.scene.movers)


def to_kmz(timeline: Timeline) -> bytes:
    """The KML zipped as a KMZ (``doc.kml`` inside), about a tenth of its size."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", to_kml(timeline).encode("utf-8"))
    return buf.getvalue()
