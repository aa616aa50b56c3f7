"""The scene as an interactive folium/Leaflet map that works offline.

Leaflet and the Natural Earth basemap are served from the vendored copies (``static/vendor``);
folium's default CDN scripts (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped.
This is the one place where (lon, lat) becomes Leaflet's (lat, lon).

The map's container (``.leaflet-container``) carries ``data-time`` (ISO 8601 UTC of the moment
drawn), ``data-features`` and ``data-lang``, set after every layer for that moment is drawn.
"""

from __future__ import annotations

import html
import re
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geoapp.i18n import t
from geoapp.layer import Feature
from geoapp.scene import Scene, cite
from geoapp.style import BASEMAP

#: Where the app serves the vendored assets (Streamlit static serving of ``static/``).
APP_ASSET_BASE = "/app/static/vendor"
DEFAULT_VIEW = {"lat": 24.0, "lon": -74.0, "zoom": 5}

FONT_STACK = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'DejaVu Sans', sans-serif"

_BASEMAP_JS = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.createPane('basemap'); map.getPane('basemap').style.zIndex = 150;
  map.getPane('basemap').style.pointerEvents = 'none';
  var base = {{ this.base|tojson }};
  var canvas = L.canvas({pane: 'basemap', padding: 0.5});
  function load(url) {  // a standalone export carries the basemap inline in window.CMC_BASEMAP
    var name = url.split('/').pop();
    if (window.CMC_BASEMAP && window.CMC_BASEMAP[name]) { return Promise.resolve(window.CMC_BASEMAP[name]); }
    return fetch(url).then(function (r) { return r.json(); });
  }
  function draw(url, object, style) {
    return load(url).then(function (topo) {
      var gj = topojson.feature(topo, topo.objects[object]);
      [-360, 0, 360].forEach(function (shift) {
        L.geoJSON(gj, {pane: 'basemap', renderer: canvas, interactive: false, style: style,
          coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + shift); }}).addTo(map);
      });
    });
  }
  var grat = [];
  for (var lon = -540; lon <= 540; lon += 10) { grat.push([[-85, lon], [85, lon]]); }
  for (var lat = -80; lat <= 80; lat += 10) { grat.push([[lat, -540], [lat, 540]]); }
  var colors = {{ this.colors|tojson }};
  L.polyline(grat, {pane: 'basemap', renderer: canvas, color: colors.graticule, weight: 0.6, opacity: 0.7,
                    interactive: false}).addTo(map);
  var container = map.getContainer();
  container.setAttribute('data-basemap', 'loading');
  Promise.all([
    draw(base + '/world-atlas/land-50m.json', 'land',
         {color: colors.coast, weight: 0.8, fillColor: colors.land, fillOpacity: 1}),
    draw(base + '/world-atlas/countries-50m.json', 'countries',
         {color: colors.border, weight: 0.5, fill: false, dashArray: '3 2'})
  ]).then(function () { container.setAttribute('data-basemap', 'ready'); })
    .catch(function (e) { container.setAttribute('data-basemap', 'error'); console.error(e); });
})();
{% endmacro %}
""")

_STAMP_JS = Template("""
{% macro script(this, kwargs) %}
(function () {
  var c = {{ this._parent.get_name() }}.getContainer();
  c.setAttribute('data-time', {{ this.iso|tojson }});
  c.setAttribute('data-features', {{ this.count|tojson }});
  c.setAttribute('data-lang', {{ this.lang|tojson }});
  c.setAttribute('data-layers', {{ this.layers|tojson }});
})();
{% endmacro %}
""")


class _Script(MacroElement):
    """A MacroElement whose template is given, with attributes for it."""

    def __init__(self, template: Template, **attrs: Any):
        super().__init__()
        self._template = template
        for k, v in attrs.items():
            setattr(self, k, v)


def _css(scene: Scene) -> str:
    return f"""
<style>
  html, body {{ margin: 0; padding: 0; }}
  .leaflet-container {{ background: {BASEMAP["sea"]}; font-family: {FONT_STACK}; }}
  .cmc-mk {{ display: flex; align-items: center; justify-content: center; border-radius: 50%;
            box-sizing: border-box; font-size: 11px; line-height: 1; color: #fff; font-weight: bold;
            text-shadow: 0 0 2px rgba(0,0,0,.6); }}
  .cmc-pop h4 {{ margin: 0 0 4px; font-size: 14px; }}
  .cmc-pop table {{ border-collapse: collapse; font-size: 12px; }}
  .cmc-pop td {{ padding: 1px 4px; vertical-align: top; }}
  .cmc-pop .src {{ font-size: 11px; color: #444; margin-top: 4px; }}
  .cmc-box {{ position: absolute; z-index: 1000; background: rgba(250,246,236,.94);
             border: 1px solid {BASEMAP["coast"]}; border-radius: 4px; padding: 6px 8px; font-size: 12px;
             color: {BASEMAP["ink"]}; pointer-events: auto; }}
  .cmc-legend {{ right: 10px; bottom: 24px; max-height: 45%; overflow: auto; font-size: 11px; }}
  .cmc-legend summary {{ cursor: pointer; font-weight: bold; font-size: 12px; }}
  .cmc-legend h5 {{ margin: 3px 0 1px; font-size: 11px; }}
  .cmc-legend .row {{ display: flex; align-items: center; gap: 6px; margin: 1px 0; }}
  .cmc-clock {{ right: 10px; top: 10px; max-width: 340px; }}
  .cmc-clock .when {{ font-size: 15px; font-weight: bold; }}
  .cmc-clock .cap {{ margin-top: 3px; font-style: italic; }}
</style>
<!-- lang: {scene.lang} -->
"""


def _sample_svg(sty: dict[str, Any]) -> str:
    color = sty.get("color", "#333")
    dash = f' stroke-dasharray="{sty["dash"]}"' if sty.get("dash") else ""
    if sty.get("shape") == "line":
        return (f'<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" stroke="{color}" '
                f'stroke-width="{sty.get("weight", 2)}"{dash}/></svg>')
    if sty.get("shape") == "area":
        return (f'<svg width="28" height="14"><rect x="2" y="2" width="24" height="10" fill="{color}" '
                f'fill-opacity="0.15" stroke="{color}" stroke-width="1.5"{dash}/></svg>')
    fill = sty.get("fill", color)
    op = sty.get("fill_opacity", 0.9)
    sym = html.escape(sty.get("symbol", ""))
    return (f'<svg width="28" height="18"><circle cx="14" cy="9" r="7.5" fill="{fill}" fill-opacity="{op}" '
            f'stroke="{color}" stroke-width="2"{dash}/><text x="14" y="12.5" font-size="9" text-anchor="middle" '
            f'fill="#fff">{sym}</text></svg>')


def legend_block(items: list[tuple[str, str, tuple]], lang: str) -> str:
    """The always-visible legend box: (layer id, title, entries) per layer; rows carry ``data-layer``."""
    parts = [f'<div class="cmc-box cmc-legend" id="cmc-legend"><details open><summary>'
             f'{html.escape(t("legend", lang))}</summary>']
    for lid, title, entries in items:
        parts.append(f'<div data-layer="{html.escape(lid)}"><h5>{html.escape(title)}</h5>')
        for e in entries:
            parts.append(f'<div class="row">{_sample_svg(e.style)}<span>{html.escape(e.label.get(lang))}'
                         "</span></div>")
        parts.append("</div>")
    parts.append("</details></div>")
    return "".join(parts)


def legend_html(scene: Scene) -> str:
    """The legend for the layers a scene shows."""
    items = [(lid, title, entries) for lid, (title, entries) in zip(scene.layers, scene.legend, strict=True)]
    return legend_block(items, scene.lang)


def clock_block(when: str, gmt: str, caption: str) -> str:
    """The moment (Washington with its zone, and GMT) and the latest event's title."""
    return (f'<div class="cmc-box cmc-clock" id="cmc-clock"><div class="when">{html.escape(when)}</div>'
            f'<div class="gmt">{html.escape(gmt)}</div><div class="cap">{html.escape(caption)}</div></div>')


def clock_html(scene: Scene) -> str:
    """The clock box for a scene's moment."""
    return clock_block(scene.clock_lines[0][1], scene.clock_lines[3][1], scene.caption)


def popup_block(name: str, details: list[tuple[str, str]], sources: list[str], lang: str,
                labels: dict[str, str]) -> str:
    """A feature's name, details and sources, for its popup."""
    rows = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" if k
        else f'<tr><td colspan="2">{html.escape(v)}</td></tr>'
        for k, v in details
    )
    srcs = "<br>".join(html.escape(cite(s, labels)) for s in sources)
    return (f'<div class="cmc-pop"><h4>{html.escape(name)}</h4><table>{rows}</table>'
            f'<div class="src"><b>{html.escape(t("sources", lang))}:</b><br>{srcs}</div></div>')


def popup_html(f: Feature, scene: Scene) -> str:
    """A scene feature's popup."""
    return popup_block(str(f.props.get("name", "")), f.details, f.props.get("sources", []), scene.lang,
                       scene.source_labels)


def _latlon(coords: list) -> list[list[float]]:
    return [[c[1], c[0]] for c in coords]


_BIND_JS = Template("""
{% macro script(this, kwargs) %}
(function () {
  var items = {{ this.items|tojson }};
  items.forEach(function (it) {
    var layer = window[it[0]];
    if (!layer) { return; }
    layer.bindPopup(it[1], {maxWidth: 360});
    layer.bindTooltip(it[2], {sticky: true});
  });
})();
{% endmacro %}
""")


def _add_feature(f: Feature, scene: Scene, group: folium.FeatureGroup) -> tuple[str, str, str]:
    """Add a feature's Leaflet layer; return (variable name, popup HTML, tooltip) to bind in one script.

    Popups and tooltips are bound by one script rather than folium's per-feature elements, which
    compile a template each and made a map take ~200 ms to render.
    """
    sty = f.style
    popup = popup_html(f, scene)
    tooltip = str(f.props.get("name", ""))
    g = f.geometry
    if g["type"] == "Point":
        lon, lat = g["coordinates"]
        if sty.get("halo_km"):
            folium.Circle([lat, lon], radius=sty["halo_km"] * 1000.0, color=sty.get("color"), weight=1,
                          dash_array="4 4", fill=True, fill_opacity=0.06, opacity=0.6,
                          interactive=False).add_to(group)
        r = int(sty.get("radius", 7))
        size = 2 * r + 4
        border = "dashed" if sty.get("dash") else "solid"
        color = sty.get("color", "#333")
        bg = sty.get("fill", color)
        op = sty.get("fill_opacity", 0.9)
        body = (f'<div class="cmc-mk" style="width:{size}px;height:{size}px;border:2px {border} {color};'
                f'background:{bg};background:color-mix(in srgb, {bg} {int(op * 100)}%, transparent);'
                f'opacity:{sty.get("opacity", 1)}">{html.escape(sty.get("symbol", ""))}</div>')
        el = folium.Marker([lat, lon], icon=folium.DivIcon(html=body, icon_size=(size, size),
                                                           icon_anchor=(size // 2, size // 2), class_name="cmc-icon"))
    elif g["type"] == "LineString":
        el = folium.PolyLine(_latlon(g["coordinates"]), color=sty.get("color"), weight=sty.get("weight", 2),
                             opacity=sty.get("opacity", 0.9), dash_array=sty.get("dash"))
    elif g["type"] == "Polygon":
        el = folium.Polygon(_latlon(g["coordinates"][0]), color=sty.get("color"), weight=sty.get("weight", 1.5),
                            opacity=sty.get("opacity", 0.8), dash_array=sty.get("dash"), fill=bool(sty.get("fill")),
                            fill_color=sty.get("fill") or sty.get("color"),
                            fill_opacity=sty.get("fill_opacity", 0.05))
    else:
        raise ValueError(f"cannot draw a {g['type']} geometry ({f.id})")
    el.add_to(group)
    return el.get_name(), popup, tooltip


def build_map(scene: Scene, asset_base: str = APP_ASSET_BASE, view: dict[str, float] | None = None,
              height: str = "100%") -> folium.Map:
    """A folium map of the scene with the vendored Leaflet and the embedded basemap."""
    view = view or DEFAULT_VIEW
    m = folium.Map(location=[view["lat"], view["lon"]], zoom_start=int(view["zoom"]), tiles=None,
                   control_scale=True, min_zoom=2, max_zoom=11, height=height, world_copy_jump=False)
    m.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js"),
                    ("topojson", f"{asset_base}/topojson-client/topojson-client.min.js")]
    m.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css")]
    m.get_root().header.add_child(Element(_css(scene)))
    m.add_child(_Script(_BASEMAP_JS, base=asset_base, colors=BASEMAP))
    groups: dict[str, folium.FeatureGroup] = {}
    bindings: list[tuple[str, str, str]] = []
    for f in scene.features:
        if f.layer not in groups:
            groups[f.layer] = folium.FeatureGroup(name=f.layer).add_to(m)
        bindings.append(_add_feature(f, scene, groups[f.layer]))
    m.add_child(_Script(_BIND_JS, items=bindings))
    m.get_root().html.add_child(Element(legend_html(scene) + clock_html(scene)))
    m.add_child(_Script(_STAMP_JS, iso=scene.iso_time, count=len(scene.features), lang=scene.lang,
                        layers=",".join(scene.layers)))
    return m


def render_html(scene: Scene, asset_base: str = APP_ASSET_BASE, view: dict[str, float] | None = None) -> str:
    """The map as one HTML document (scripts from ``asset_base``; no other network request)."""
    return build_map(scene, asset_base, view).get_root().render()


def external_urls(document: str) -> list[str]:
    """Every http(s) URL a document would load (for tests: must be empty)."""
    return sorted(set(re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", document)))

