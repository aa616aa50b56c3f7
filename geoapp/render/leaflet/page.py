"""The live map page: the whole timeline scene in one folium/Leaflet page that draws every moment itself.

The page carries the timeline scene as data (:mod:`geoapp.render.leaflet.schema`) and the browser
modules in ``static/atlas/`` show, hide and move what is already on the map, frame by frame, with
their own time bar (slider with ``role="slider"``, play, steps, key moments, speed, loop). Zoom and
centre are never reset by a change of time.

Two packagings of the same page:
- :func:`live_parts` - head, body and script for the Streamlit component bridge
  (``geoapp/component``), which loads Leaflet and the atlas scripts itself and runs the script;
- :func:`standalone_document` - one self-contained HTML file that opens from ``file://``.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import folium
from branca.element import Element
from jinja2 import Template

from geoapp import clock, paths, style
from geoapp.i18n import term
from geoapp.render.leaflet import schema
from geoapp.render.leaflet.html import APP_ASSET_BASE, BASEMAP_JS, DEFAULT_VIEW, Script, caption_block, legend_block
from geoapp.scene import view_title
from geoapp.timeline_scene import TimelineScene

VENDOR = paths.VENDOR
ATLAS = paths.ATLAS_STATIC
#: The browser modules, in load order (no build step: each adds itself to ``window.CMCAtlas``).
ATLAS_SCRIPTS = ("core.js", "basemap.js", "placement.js", "map.js", "labels.js", "timebar.js", "chart.js", "panel.js",
                 "focus.js", "kiosk.js")
#: The host that builds a page into a document and keeps what a rebuilt map keeps: loaded after
#: :data:`ATLAS_SCRIPTS` by the app's map frame (``geoapp/component/map.html``) and the static site, not by a
#: standalone export, whose page is built in place.
HOST_SCRIPTS = ("host.js",)
#: The atlas's style sheets, in load order.
ATLAS_STYLES = ("atlas.css", "chart.css")
#: The vendored libraries, in load order, relative to ``static/vendor``.
VENDOR_SCRIPTS = ("leaflet/leaflet.js", "topojson-client/topojson-client.min.js",
                  "overlapping-marker-spiderfier-leaflet/oms.js")

_INIT_JS = Template("""
{% macro script(this, kwargs) %}
CMCAtlas.init({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.opts|tojson }});
{% endmacro %}
""")


def css_variables() -> str:
    """The palette as CSS custom properties, so that ``atlas.css`` holds no colour of its own."""
    return f"<style>{style.css_variables()}</style>"


def build_live_map(scene: TimelineScene, t0: float, period: tuple[float, float], layers: tuple[str, ...],
                   view: dict[str, float] | None = None) -> folium.Map:
    """The folium map of the live page; its scripts and styles are loaded by the host page."""
    view = view or DEFAULT_VIEW
    m = folium.Map(location=[view["lat"], view["lon"]], zoom_start=int(view["zoom"]), tiles=None,
                   control_scale=True, min_zoom=2, max_zoom=11, world_copy_jump=False,
                   zoom_snap=0.25)  # a key moment's scene is framed closely, not at the next whole zoom out
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(css_variables()), name="cmc_palette")
    m.add_child(Script(BASEMAP_JS, base=APP_ASSET_BASE, colors=style.BASEMAP))
    legend = legend_block([(lid, title, entries) for lid, title, entries in scene.legend], scene.lang)
    moment = datetime.fromtimestamp(t0, tz=UTC)
    wash, gmt = clock.format_moment(moment, scene.lang), clock.format_moment(moment, scene.lang, "gmt")
    view_name = term("view", scene.view, scene.lang) if scene.view != "actual" else ""
    caption = caption_block(wash, gmt, "", scene.lang, view_name)
    m.get_root().html.add_child(Element(legend + caption + '<div id="cmc-timebar"></div>'))
    data = schema.encode(scene, t0, period, layers)
    m.add_child(Script(_INIT_JS, data_json=schema.to_json(data), opts={"timebarId": "cmc-timebar"}))
    return m


_NO_ZOOM = re.compile(r",\s*maximum-scale=1\.0,\s*user-scalable=no")


def _zoomable(text: str) -> str:
    """Leave page zoom to the reader: folium's viewport forbids it, which people with low vision need."""
    return _NO_ZOOM.sub("", text)


def live_parts(scene: TimelineScene, t0: float, period: tuple[float, float], layers: tuple[str, ...]) -> dict[str, str]:
    """Head, body and script of the live page, for the Streamlit component bridge."""
    fig = build_live_map(scene, t0, period, layers).get_root()
    fig.render()
    return {"version": scene.version, "head": _zoomable(fig.header.render()), "body": fig.html.render(),
            "script": fig.script.render()}


def _script_text(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


# After the controller is built: the opening key moment shown as a scene (the map moves to its area and marks what
# it is about, as when the time bar reaches it), and the map stays there (no way back to the default view).
_OPEN_AT_KEY_JS = Template("""
{% macro script(this, kwargs) %}
(function () {
  var c = window.CMCAtlas && window.CMCAtlas.current;
  if (c && c.focusKey) { c.focusKey(c.t, 0, true); }
})();
{% endmacro %}
""")


def opening_moment(scene: TimelineScene, period: tuple[float, float]) -> float:
    """The moment (epoch seconds) a standalone page opens at when none is asked: the period's first key moment,
    else its start. A page that opens on a key moment shows a scene with a caption, not an empty map."""
    first, last = period
    return min((k["t"] for k in scene.keys if first <= k["t"] <= last), default=first)


def page_title(scene: TimelineScene, t0: float) -> str:
    """The page's title in its language: the atlas, the moment in Washington and, at a key moment, what happens.

    E.g. "Cuban Missile Crisis Atlas — Mon 22 Oct 1962, 19:00 EDT: Kennedy's television address"."""
    lang = scene.lang
    when = clock.format_moment(datetime.fromtimestamp(t0, tz=UTC), lang)
    what = next((k["title"] for k in scene.keys if k["t"] == t0), "")
    sep = "：" if lang == "ja" else ": "
    return f"{view_title(scene.view, lang)} — {when}" + (f"{sep}{what}" if what else "")


def standalone_document(scene: TimelineScene, t0: float | None, period: tuple[float, float],
                        layers: tuple[str, ...]) -> str:
    """The live page as one self-contained HTML file: Leaflet, the atlas scripts, styles and the
    Natural Earth basemap inline, so that it opens from ``file://`` with no network and no Python.

    It opens at ``t0`` (epoch seconds; None: :func:`opening_moment`); at a key moment the map frames that
    moment's area and marks what it is about. The page is titled (:func:`page_title`) and its ``<html>`` says
    its language, for screen readers and the right CJK glyphs."""
    if t0 is None:
        t0 = opening_moment(scene, period)
    m = build_live_map(scene, t0, period, layers)
    m.add_child(Script(_OPEN_AT_KEY_JS))
    basemap = {name: json.loads((VENDOR / "world-atlas" / name).read_text(encoding="utf-8"))
               for name in (paths.WORLD_BASEMAP, "caribbean-10m.json")}
    styles = "\n".join(p.read_text(encoding="utf-8")
                       for p in (VENDOR / "leaflet" / "leaflet.css", *(ATLAS / s for s in ATLAS_STYLES)))
    files = [VENDOR / s for s in VENDOR_SCRIPTS] + [ATLAS / s for s in ATLAS_SCRIPTS]
    scripts = "".join(f"<script>{_script_text(p)}</script>\n" for p in files)
    # The charset comes first: a file opened from disk has no header to say it, and a browser only looks
    # for it in the first kilobyte (else it guesses from the locale and the Japanese turns to mojibake).
    head = ('<meta charset="utf-8">\n'
            f"<title>{html.escape(page_title(scene, t0))}</title>\n"
            f"<style>{styles}</style>\n{scripts}"
            f"<script>window.CMC_BASEMAP = {schema.to_json(basemap)};</script>\n"
            f'<meta name="generator" content="Cuban Missile Crisis Atlas">')
    m.get_root().header.add_child(Element(head), name="cmc_inline_assets", index=0)
    doc = _zoomable(m.get_root().render())
    return doc.replace("<html>", f'<html lang="{html.escape(scene.lang)}">', 1)
