"""The live map: the whole timed scene in one folium/Leaflet page that draws every moment itself.

The page carries the timed scene as data and ``static/atlas/atlas.js`` shows, hides and moves what
is already on the map, frame by frame, with its own time bar (slider with ``role="slider"``, play,
steps, key moments, speed, loop). Zoom and centre are never reset by a change of time.

Two packagings of the same page:
- :func:`live_parts` - head, body and script for the Streamlit component bridge
  (``geoapp/component``), which loads Leaflet and atlas.js itself and runs the script;
- :func:`live_document` - one HTML document whose scripts come from ``asset_base``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import folium
from branca.element import Element
from jinja2 import Template

from geoapp import clock
from geoapp.i18n import t
from geoapp.render.web import (
    _BASEMAP_JS,
    APP_ASSET_BASE,
    DEFAULT_VIEW,
    _Script,
    clock_block,
    legend_block,
    popup_block,
)
from geoapp.style import BASEMAP
from geoapp.timed import TimedScene

#: The strings atlas.js shows, by key (looked up in geoapp.i18n).
JS_LABELS = ("play", "pause", "step_back", "step_fwd", "prev_key", "next_key", "moment", "speed", "speed_1h",
             "speed_6h", "speed_1d", "loop", "idle_countdown")

_INIT_JS = Template("""
{% macro script(this, kwargs) %}
CMCAtlas.init({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.opts|tojson }});
{% endmacro %}
""")


def _ll(coords: list) -> list[list[float]]:
    return [[round(c[1], 4), round(c[0], 4)] for c in coords]


class _Pool:
    """Values stored once and referred to by index (popups and outlines repeat across spans)."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def ref(self, value: Any) -> int:
        key = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(value)
        return self._index[key]


def data_json(data: dict[str, Any]) -> str:
    """The data as compact JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def scene_data(scene: TimedScene, t0: float, period: tuple[float, float], layers: tuple[str, ...]) -> dict[str, Any]:
    """The JSON the browser needs: fixed features with spans, movers with tracks, events, labels.

    Popups (``p``), outlines (``g``) and styles (``s``) of fixed features index into ``pool``.
    """
    lang, labels = scene.lang, scene.source_labels
    pool = _Pool()
    fixed = []
    for sp in scene.fixed:
        f = sp.feature
        g = f.geometry
        kind = {"Point": "point", "LineString": "line", "Polygon": "area"}[g["type"]]
        ll = (_ll([g["coordinates"]])[0] if kind == "point" else
              _ll(g["coordinates"]) if kind == "line" else _ll(g["coordinates"][0]))
        popup = popup_block(str(f.props.get("name", "")), f.details, f.props.get("sources", []), lang, labels)
        fixed.append({
            "layer": f.layer, "id": f.id, "kind": kind, "g": pool.ref(ll), "s": pool.ref(f.style),
            "p": pool.ref(popup), "tooltip": str(f.props.get("name", "")),
            "spans": [[int(a), int(b)] for a, b in sp.spans],
        })
    movers = []
    for m in scene.movers:
        tr = m.track
        movers.append({
            "layer": m.layer, "id": m.id, "t": [round(x) for x in tr.times],
            "ll": [[round(la, 4), round(lo, 4)] for lo, la in zip(tr.lons, tr.lats, strict=True)],
            "est": [1 if e else 0 for e in tr.estimated], "prec": [round(p, 1) for p in tr.precision],
            "show": [int(m.show_from), int(m.show_to)], "markerUntil": int(m.marker_until),
            "fadeAfter": int(m.fade_after) if m.fade_after is not None else None,
            "marker": m.marker, "track": m.track_style,
            "popup": popup_block(str(m.props.get("name", "")), m.details, m.props.get("sources", []), lang, labels),
            "tooltip": str(m.props.get("name", "")),
        })
    return {
        "lang": lang, "version": scene.version, "start": int(period[0]), "end": int(period[1]), "t0": int(t0),
        "layers": list(layers), "pool": pool.items, "fixed": fixed, "movers": movers,
        "events": [{"t": int(e["t"]), "title": e["title"], "key": e["key"]} for e in scene.events],
        "labels": {k: t(k, lang) for k in JS_LABELS},
    }


def build_live_map(scene: TimedScene, t0: float, period: tuple[float, float], layers: tuple[str, ...],
                   asset_base: str | None = APP_ASSET_BASE, view: dict[str, float] | None = None) -> folium.Map:
    """The folium map of the live page. ``asset_base=None``: scripts are loaded by the host page."""
    view = view or DEFAULT_VIEW
    m = folium.Map(location=[view["lat"], view["lon"]], zoom_start=int(view["zoom"]), tiles=None,
                   control_scale=True, min_zoom=2, max_zoom=11, world_copy_jump=False)
    if asset_base is None:
        m.default_js, m.default_css = [], []
        base = APP_ASSET_BASE
    else:
        m.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js"),
                        ("topojson", f"{asset_base}/topojson-client/topojson-client.min.js"),
                        ("atlas", f"{asset_base}/../atlas/atlas.js")]
        m.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css"),
                         ("atlas_css", f"{asset_base}/../atlas/atlas.css")]
        base = asset_base
    m.add_child(_Script(_BASEMAP_JS, base=base, colors=BASEMAP))
    legend = legend_block([(lid, title, entries) for lid, title, entries in scene.legend], scene.lang)
    moment = datetime.fromtimestamp(t0, tz=UTC)
    wash, gmt = clock.format_moment(moment, scene.lang), clock.format_moment(moment, scene.lang, "gmt")
    m.get_root().html.add_child(Element(legend + clock_block(wash, gmt, "") + '<div id="cmc-timebar"></div>'))
    m.add_child(_Script(_INIT_JS, data_json=data_json(scene_data(scene, t0, period, layers)),
                        opts={"timebarId": "cmc-timebar"}))
    return m


def live_parts(scene: TimedScene, t0: float, period: tuple[float, float], layers: tuple[str, ...]) -> dict[str, str]:
    """Head, body and script of the live page, for the Streamlit component bridge."""
    fig = build_live_map(scene, t0, period, layers, asset_base=None).get_root()
    fig.render()
    return {"version": scene.version, "head": fig.header.render(), "body": fig.html.render(),
            "script": fig.script.render()}


def live_document(scene: TimedScene, t0: float, period: tuple[float, float], layers: tuple[str, ...],
                  asset_base: str = APP_ASSET_BASE) -> str:
    """The live page as one HTML document (scripts from ``asset_base``)."""
    return build_live_map(scene, t0, period, layers, asset_base=asset_base).get_root().render()


VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
ATLAS = Path(__file__).resolve().parents[2] / "static" / "atlas"


def _script_text(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def standalone_document(scene: TimedScene, t0: float, period: tuple[float, float],
                        layers: tuple[str, ...]) -> str:
    """The live page as one self-contained HTML file: Leaflet, atlas.js, styles and the Natural Earth
    basemap inline, so that it opens from ``file://`` with no network and no Python."""
    m = build_live_map(scene, t0, period, layers, asset_base=None)
    basemap = {name: json.loads((VENDOR / "world-atlas" / name).read_text(encoding="utf-8"))
               for name in ("land-50m.json", "countries-50m.json")}
    styles = "\n".join((VENDOR / "leaflet" / "leaflet.css", ATLAS / "atlas.css")[i].read_text(encoding="utf-8")
                       for i in range(2))
    scripts = "".join(f"<script>{_script_text(p)}</script>\n" for p in (
        VENDOR / "leaflet" / "leaflet.js", VENDOR / "topojson-client" / "topojson-client.min.js",
        ATLAS / "atlas.js"))
    head = (f"<style>{styles}</style>\n{scripts}"
            f"<script>window.CMC_BASEMAP = {data_json(basemap)};</script>\n"
            f'<meta name="generator" content="Cuban Missile Crisis Atlas">')
    m.get_root().header.add_child(Element(head), name="cmc_inline_assets", index=0)
    return m.get_root().render()
