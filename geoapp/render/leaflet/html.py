"""The HTML blocks of the live map page: basemap script, legend, clock box and popups.

Leaflet and the Natural Earth basemap come from the vendored copies (``static/vendor``); folium's
default CDN scripts are never used. Every text from data or translations is escaped here, where
it meets markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from geoapp.i18n import t
from geoapp.scene import works
from geoapp.style import WHITE, Style

#: Where the app serves the vendored assets (Streamlit static serving of ``static/``).
APP_ASSET_BASE = "/app/static/vendor"
DEFAULT_VIEW = {"lat": 24.0, "lon": -74.0, "zoom": 5}

BASEMAP_JS = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.createPane('basemap'); map.getPane('basemap').style.zIndex = 150;
  map.getPane('basemap').style.pointerEvents = 'none';
  // where the vendored files are: the app's static path, unless the page's host says another (the static site)
  var base = window.CMC_ASSET_BASE || {{ this.base|tojson }};
  var canvas = L.canvas({pane: 'basemap', padding: 0.5});
  function load(url) {  // a standalone export carries the basemap inline in window.CMC_BASEMAP
    var name = url.split('/').pop(), early = window.CMC_BASEMAP_EARLY || {};
    if (window.CMC_BASEMAP && window.CMC_BASEMAP[name]) { return Promise.resolve(window.CMC_BASEMAP[name]); }
    var fetched = function () { return fetch(url).then(function (r) { return r.json(); }); };
    // the app's map frame starts fetching and reading it while its scripts load (component/map.html)
    if (early[name]) { return early[name].catch(fetched); }
    return fetched();
  }
  // A ring that crosses the antimeridian (Chukotka) jumps from +180 to -180; drawn as it is, its edges would run
  // across the whole world and fill a band between them. Each ring is made continuous instead (a longitude
  // may pass 180), and the copies a world to each side draw it wherever the map looks.
  function unwrap(coords) {
    if (typeof coords[0] === 'number') { return; }
    if (typeof coords[0][0] === 'number') {
      for (var i = 1; i < coords.length; i++) {
        var d = coords[i][0] - coords[i - 1][0];
        if (Math.abs(d) > 180) { coords[i] = [coords[i][0] - 360 * Math.round(d / 360)].concat(coords[i].slice(1)); }
      }
      return;
    }
    coords.forEach(unwrap);
  }
  // The land, the coasts and the borders, drawn from projected arrays (static/atlas/basemap.js), with the
  // world a turn to each side where the view reaches past 180°
  var B = window.CMCBasemap;
  function layer(gj, style) {
    return new B.Rings(B.rings(gj), L.extend({pane: 'basemap', renderer: canvas, copies: true}, style));
  }
  function draw(topo, object, style) {
    var gj = topojson.feature(topo, topo.objects[object]);
    (gj.features || [gj]).forEach(function (f) { if (f.geometry) { unwrap(f.geometry.coordinates); } });
    layer(gj, style).addTo(map);
  }
  // the borders between countries, each drawn once (the countries' outlines would draw every border twice and
  // every coast again over the land's)
  function drawBorders(topo, style) {
    var lines = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
    unwrap(lines.coordinates);
    layer(lines, style).addTo(map);
  }
  var grat = [];
  for (var lon = -540; lon <= 540; lon += 10) { grat.push([[-85, lon], [85, lon]]); }
  for (var lat = -80; lat <= 80; lat += 10) { grat.push([[lat, -540], [lat, 540]]); }
  var colors = {{ this.colors|tojson }};
  L.polyline(grat, {pane: 'basemap', renderer: canvas, color: colors.graticule, weight: 0.6, opacity: 0.7,
                    interactive: false}).addTo(map);
  var container = map.getContainer();
  // Natural Earth 1:10m cut to the box people zoom into (Cuba, Florida, the Bahamas): from zoom 6 it covers the
  // 1:50m there with the sea colour and draws the graticule, the land, the coast and the borders again, finer.
  // The land is filled only: its coast and the borders are lines, so that the box's edges are never stroked.
  function fine(topo) {
    var b = topo.bbox, group = L.layerGroup();
    var flat = {pane: 'basemap', renderer: canvas, interactive: false};
    [-360, 0, 360].forEach(function (shift) {
      var lines = [], x, y;
      for (x = Math.ceil(b[0] / 10) * 10; x <= b[2]; x += 10) { lines.push([[b[1], x + shift], [b[3], x + shift]]); }
      for (y = Math.ceil(b[1] / 10) * 10; y <= b[3]; y += 10) { lines.push([[y, b[0] + shift], [y, b[2] + shift]]); }
      group.addLayer(L.rectangle([[b[1], b[0] + shift], [b[3], b[2] + shift]],
                                 L.extend({stroke: false, fillColor: colors.sea, fillOpacity: 1}, flat)));
      group.addLayer(L.polyline(lines, L.extend({color: colors.graticule, weight: 0.6, opacity: 0.7}, flat)));
    });
    group.addLayer(layer(topojson.feature(topo, topo.objects.land),
                         {stroke: false, fill: true, fillColor: colors.land, fillOpacity: 1}));
    group.addLayer(layer(topojson.feature(topo, topo.objects.coast), {color: colors.coast, weight: 0.8}));
    group.addLayer(layer(topojson.feature(topo, topo.objects.borders),
                         {color: colors.border, weight: 0.5, dashArray: '3 2'}));
    function show() {
      var on = map.getZoom() >= 6;
      if (on !== map.hasLayer(group)) { if (on) { group.addTo(map); } else { map.removeLayer(group); } }
      container.setAttribute('data-basemap-fine', on ? 'shown' : 'hidden');
    }
    map.on('zoomend', show);
    show();
  }
  container.setAttribute('data-basemap', 'loading');
  // one file holds both the land and the countries (world-atlas merges the one from the other), each line
  // simplified to about 1 km (paths.WORLD_BASEMAP, scripts/vendor_assets.py)
  load(base + '/world-atlas/countries-50m-simplified.json').then(function (topo) {
    if (window.performance && performance.mark) { performance.mark('cmc-basemap-start'); }
    draw(topo, 'land', {color: colors.coast, weight: 0.8, fill: true, fillColor: colors.land, fillOpacity: 1});
    drawBorders(topo, {color: colors.border, weight: 0.5, dashArray: '3 2'});
    if (window.performance && performance.mark) {  // read by bench/scrub.py: built, then painted on the canvas
      performance.mark('cmc-basemap-ready');  // (Leaflet draws in the animation frame it asked for first)
      var painted = function () { performance.mark('cmc-basemap-painted'); };
      if (window.requestAnimationFrame) { requestAnimationFrame(painted); }
    }
  }).then(function () {
    container.setAttribute('data-basemap', 'ready');
    container.dispatchEvent(new Event('cmc-basemap'));  // the map is drawn (its host tells its owner)
    // the finer cut is fetched the first time someone zooms in to 6 or more (most visits never do), after
    // 1:50m, so that it is drawn over it on the shared canvas
    var asked = false;
    function wantFine() {
      if (asked || map.getZoom() < 6) { return; }
      asked = true;
      container.setAttribute('data-basemap-fine', 'loading');
      load(base + '/world-atlas/caribbean-10m.json').then(fine)
        .catch(function (e) { container.setAttribute('data-basemap-fine', 'error'); console.error(e); });
    }
    map.on('zoomend', wantFine);
    wantFine();
  }).catch(function (e) {
    container.setAttribute('data-basemap', 'error');
    container.dispatchEvent(new Event('cmc-basemap'));
    console.error(e);
  });
})();
{% endmacro %}
""")



class Script(MacroElement):
    """A MacroElement whose template is given, with attributes for it."""

    def __init__(self, template: Template, **attrs: Any):
        super().__init__()
        self._template = template
        for k, v in attrs.items():
            setattr(self, k, v)


def _sample_svg(sty: Style) -> str:
    """A legend row's sample: a stroke, a swatch or a marker in the style."""
    dash = f' stroke-dasharray="{sty.dash}"' if sty.dash else ""
    if sty.shape == "line":
        return (f'<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" stroke="{sty.color}" '
                f'stroke-width="{sty.weight:g}"{dash}/></svg>')
    if sty.shape == "area":
        return (f'<svg width="28" height="14"><rect x="2" y="2" width="24" height="10" fill="{sty.color}" '
                f'fill-opacity="0.15" stroke="{sty.color}" stroke-width="1.5"{dash}/></svg>')
    return (f'<svg width="28" height="18"><circle cx="14" cy="9" r="7.5" fill="{sty.fill_color}" '
            f'fill-opacity="{sty.fill_opacity:g}" stroke="{sty.color}" stroke-width="2"{dash}/><text x="14" y="12.5" '
            f'font-size="9" text-anchor="middle" fill="{WHITE}">{html.escape(sty.symbol)}</text></svg>')


def legend_block(items: list[tuple[str, str, tuple]], lang: str) -> str:
    """The always-visible legend box: (layer id, title, entries) per layer; rows carry ``data-layer``."""
    parts = [f'<aside class="cmc-box cmc-legend" id="cmc-legend" aria-label="{html.escape(t("legend", lang))}">'
             f'<details open><summary>{html.escape(t("legend", lang))}</summary>']
    for lid, title, entries in items:
        parts.append(f'<div data-layer="{html.escape(lid)}"><h3>{html.escape(title)}</h3>')
        for e in entries:
            parts.append(f'<div class="row">{_sample_svg(e.style)}<span>{html.escape(e.label.get(lang))}'
                         "</span></div>")
        parts.append("</div>")
    parts.append("</details></aside>")
    return "".join(parts)


def caption_block(when: str, gmt: str, caption: str, lang: str, view: str = "") -> str:
    """The caption over the map: the view when it is not what was there (every screen must say what the map shows),
    the moment (Washington with its zone, and GMT) and the latest event's title."""
    label = html.escape(t("caption_label", lang))
    shows = f'<div class="view">{html.escape(view)}</div>' if view else ""
    return (f'<section class="cmc-box cmc-caption" id="cmc-caption" aria-label="{label}">{shows}'
            f'<div class="when">{html.escape(when)}</div><div class="gmt">{html.escape(gmt)}</div>'
            f'<div class="cap">{html.escape(caption)}</div></section>')


def popup_block(name: str, details: list[tuple[str, str]], sources: list[str], lang: str,
                labels: dict[str, str]) -> str:
    """A feature's name, details and sources, for its popup."""
    rows = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" if k
        else f'<tr><td colspan="2">{html.escape(v)}</td></tr>'
        for k, v in details
    )
    srcs = "<br>".join(html.escape(w) for w in works(sources, labels))
    return (f'<div class="cmc-pop"><h4>{html.escape(name)}</h4><table>{rows}</table>'
            f'<div class="src"><b>{html.escape(t("sources", lang))}:</b><br>{srcs}</div></div>')




def external_urls(document: str) -> list[str]:
    """Every http(s) URL a document would load (for tests: must be empty)."""
    return sorted(set(re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", document)))

