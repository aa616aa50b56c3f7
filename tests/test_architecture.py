"""The one-way flow, enforced: what each part may import (an AST check)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

UI_MODULES = ("state", "session", "data", "controls", "map_view", "exports", "kiosk", "app", "downloads_grace")

# -- the allowlist: every module of geoapp/ and layers/, and what it may import ----------------------------
# Groups, each allowed what the one before is (the flow of ../shared/design/architecture.md, one way):
LEAVES = {"geoapp", "geoapp.vocab", "geoapp.paths"}  # vocabularies and folders: everybody's
DOMAIN = LEAVES | {"geoapp.model", "geoapp.clock", "geoapp.i18n", "geoapp.style", "geoapp.geo"}
STATE = DOMAIN | {"geoapp.routes", "geoapp.situation", "geoapp.knowledge"}  # the state of the crisis at a moment
# (and what Washington knew of it)
LAYERING = STATE | {"geoapp.layer", "geoapp.movers"}  # the layer contract
SCENES = LAYERING | {"geoapp.labels", "geoapp.scene", "geoapp.timeline_scene", "geoapp.viewport",
                     "geoapp.estimates"}  # what to draw
LAYER_MODULES = {f"layers.{p.stem}" for p in (ROOT / "layers").glob("*.py") if p.stem != "__init__"}
READING = DOMAIN | {"geoapp.io", "geoapp.io.reader", "geoapp.io.records", "geoapp.io.plausibility", "geoapp.io.texts",
                    "geoapp.io.files"}
SERVICES = READING | STATE | {"geoapp.catalog", "geoapp.coverage", "geoapp.diskcache", "geoapp.settings"}
TIMELINE_FILES = {"geoapp.render.timeline_table", "geoapp.render.frames", "geoapp.render.gpkg", "geoapp.render.kml"}
RENDERERS = SCENES | TIMELINE_FILES | {"geoapp.render", "geoapp.render.geojson", "geoapp.render.tables",
                      "geoapp.render.image", "geoapp.render.image.basemap", "geoapp.render.image.draw",
                      "geoapp.render.image.furniture", "geoapp.render.image.labels",
                      "geoapp.render.leaflet.html", "geoapp.render.leaflet.page", "geoapp.render.leaflet.schema",
                      "geoapp.render.leaflet.styles", "geoapp.render.leaflet.page_file", "geoapp.export",
                      "geoapp.gis"}
LIVE_PAGES = {"geoapp.live_pages"}  # the live map's pages, shared by the app and the static site
PAGE = SERVICES | RENDERERS | LIVE_PAGES | {"layers"} | {f"geoapp.ui.{m}" for m in UI_MODULES} | {"geoapp.ui"}

#: module -> (the atlas modules it may import, the heavy libraries it may import)
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "geoapp": ({"geoapp.api"}, set()),  # ``geoapp.load`` and its types, imported on first use
    "geoapp.vocab": (set(), set()),
    "geoapp.paths": (set(), set()),
    "geoapp.model": (set(), set()),
    "geoapp.clock": (LEAVES, set()),
    "geoapp.i18n": (LEAVES, set()),
    "geoapp.style": (LEAVES, set()),
    "geoapp.geo": (LEAVES, {"geopandas", "pyproj", "shapely"}),
    "geoapp.io": (READING, {"yaml"}),
    "geoapp.io.reader": (READING, set()),
    "geoapp.io.records": (READING, set()),
    "geoapp.io.texts": (READING, set()),
    "geoapp.io.files": (READING, {"yaml"}),  # one data file read safely: plain, bounded, UTF-8, no aliases
    # measures ship speeds along the sea route the map draws
    "geoapp.io.plausibility": (READING | {"geoapp.routes"}, set()),
    "geoapp.routes": (DOMAIN, {"searoute"}),
    "geoapp.situation": (STATE, set()),
    "geoapp.knowledge": (STATE, set()),  # the three views: what Washington knew, and when
    "geoapp.layer": (LAYERING, set()),
    "geoapp.movers": (LAYERING, set()),
    **{m: (LAYERING, set()) for m in LAYER_MODULES},
    "layers": ({"geoapp.layer"} | LAYER_MODULES, set()),
    "geoapp.scene": (LAYERING | {"geoapp.labels"}, set()),
    "geoapp.timeline_scene": (LAYERING | {"geoapp.scene", "geoapp.labels", "geoapp.estimates"}, set()),
    "geoapp.estimates": (LAYERING | {"geoapp.scene", "geoapp.labels"}, set()),  # the chart's series, Moscow's clock
    "geoapp.labels": (DOMAIN, set()),  # what the map writes, by zoom: one rule for the live map and the images
    "geoapp.viewport": (set(), {"pyproj"}),
    "geoapp.catalog": (SERVICES, set()),
    "geoapp.coverage": (SERVICES, set()),  # the never-empty check of validate: reads io's Problem and situations
    "geoapp.diskcache": (LEAVES, set()),
    "geoapp.settings": (DOMAIN, set()),
    "geoapp.render": (set(), set()),
    "geoapp.render.geojson": (SCENES, set()),
    "geoapp.render.tables": (SCENES | {"geoapp.render.geojson"}, set()),
    **{f"geoapp.render.leaflet.{m}": (SCENES | {"geoapp.render"} | {f"geoapp.render.leaflet.{n}" for n in
                                       ("html", "page", "schema", "styles")}, {"folium", "branca", "jinja2"})
       for m in ("html", "page", "schema", "styles", "page_file")},
    **{m: (SCENES | {"geoapp.render.image", "geoapp.render.image.basemap", "geoapp.render.image.draw",
                     "geoapp.render.image.furniture", "geoapp.render.image.labels"},
           {"matplotlib", "geopandas", "shapely", "imageio", "tqdm"})
       for m in ("geoapp.render.image", "geoapp.render.image.basemap", "geoapp.render.image.draw",
                 "geoapp.render.image.furniture", "geoapp.render.image.labels")},
    "geoapp.export": (SCENES | {"geoapp.render.image"}, set()),
    # the whole timeline as rows, frames and GIS files (GeoPackage, KML), read off the timeline scene
    "geoapp.render.timeline_table": (SCENES | {"geoapp.render.geojson", "geoapp.render.tables"}, set()),
    "geoapp.render.frames": (SCENES | {"geoapp.render.timeline_table"}, {"geopandas", "shapely"}),
    "geoapp.render.gpkg": (SCENES | {"geoapp.render.timeline_table", "geoapp.render.frames"}, {"geopandas"}),
    "geoapp.render.kml": (SCENES | {"geoapp.render.timeline_table", "geoapp.render.geojson"}, set()),
    "geoapp.gis": (SCENES | TIMELINE_FILES | {"geoapp.render", "layers"}, set()),
    # the Python API: the atlas as GeoDataFrames
    "geoapp.api": (SERVICES | RENDERERS | {"layers"}, {"geopandas", "shapely"}),
    "geoapp.live_pages": (SERVICES | RENDERERS | {"layers"}, set()),
    # the static site: the live pages, the one-file exports and the manifest its browser code looks values up in
    "geoapp.publish": (SERVICES | RENDERERS | LIVE_PAGES | {"layers"}, set()),
    "geoapp.cli": (SERVICES | RENDERERS | LIVE_PAGES | {"geoapp.publish", "geoapp.serve", "layers"},
                   {"imageio", "tqdm"}),
    # the app's server, prepared at start: the page's code and caches, then Streamlit's own command line
    "geoapp.serve": (PAGE | {"geoapp.precompress", "geoapp.component_files", "geoapp.icon_font", "geoapp.tcp_nodelay"},
                     {"streamlit"}),
    # Nagle's algorithm turned off on the connections Streamlit's server accepts
    "geoapp.tcp_nodelay": (set(), {"streamlit"}),
    # Streamlit's icon font cut to the icons a page can name, sent in its place
    "geoapp.icon_font": (LEAVES | {"geoapp.diskcache", "geoapp.precompress"}, {"fontTools"}),
    # static files gzipped once per server, in front of Streamlit's own server
    "geoapp.precompress": (LEAVES | {"geoapp.diskcache"}, {"streamlit"}),
    # the map component's files as served: its documents with their scripts inside
    "geoapp.component_files": (LEAVES, set()),
    "geoapp.__main__": ({"geoapp.cli"}, set()),
    "geoapp.ui": ({"geoapp.ui.app", "geoapp.ui.state"}, set()),
    "geoapp.ui.state": (DOMAIN | {"geoapp.settings", "layers"}, set()),
    "geoapp.ui.data": (PAGE, set()),
    **{f"geoapp.ui.{m}": (PAGE, {"streamlit"}) for m in UI_MODULES if m not in ("state", "data", "map_view")},
    "geoapp.ui.map_view": (PAGE | {"geoapp.component_files"}, {"streamlit"}),  # the component, served inlined
}
HEAVY = {"streamlit", "folium", "branca", "jinja2", "matplotlib", "yaml", "geopandas", "shapely", "pyproj",
         "searoute", "imageio", "tqdm"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _atlas_and_heavy(path: Path, modules: set[str]) -> tuple[set[str], set[str]]:
    """The atlas modules (``from geoapp import clock`` counts as geoapp.clock) and heavy libraries imported."""
    atlas, heavy = set(), set()
    for name in _imports(path):
        top = name.split(".")[0]
        if top in ("geoapp", "layers"):
            while name not in modules and "." in name:
                name = name.rsplit(".", 1)[0]
            atlas.add(name)
        elif top in HEAVY:
            heavy.add(top)
    atlas.discard(_module(path))
    return atlas, heavy


def test_every_module_is_in_the_allowlist_and_imports_only_what_it_may():
    paths = sorted([*ROOT.glob("geoapp/**/*.py"), *ROOT.glob("layers/*.py")])
    modules = {_module(p) for p in paths}
    assert sorted(modules - set(ALLOWED)) == [], "new modules: add them to ALLOWED with what they may import"
    assert sorted(set(ALLOWED) - modules) == [], "ALLOWED names modules that no longer exist"
    bad = []
    for path in paths:
        may_atlas, may_heavy = ALLOWED[_module(path)]
        atlas, heavy = _atlas_and_heavy(path, modules)
        bad += [f"{_module(path)} imports {m}" for m in sorted(atlas - may_atlas)]
        bad += [f"{_module(path)} imports {m}" for m in sorted(heavy - may_heavy)]
    assert bad == []


def test_ui_never_parses_data_files():
    for path in [ROOT / "streamlit_app.py", *sorted((ROOT / "geoapp" / "ui").glob("*.py"))]:
        names = _imports(path)
        assert "yaml" not in names and "json" not in names, path


def _names(path: Path) -> set[str]:
    """Every attribute and name a module uses (``st.session_state`` gives ``st`` and ``session_state``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


# each of the page's shared resources has one home
UI_OWNERS = {
    "session_state": "session", "query_params": "session",  # the visitor's session and the URL
    "lru_cache": "data", "cache": "data", "cache_data": "data", "cache_resource": "data",  # caches
    "declare_component": "map_view",  # the map component
}


def test_ui_modules_are_the_listed_ones():
    found = {p.stem for p in (ROOT / "geoapp" / "ui").glob("*.py")} - {"__init__"}
    assert found == set(UI_MODULES)


def test_each_ui_resource_has_one_home():
    bad = []
    for path in sorted((ROOT / "geoapp" / "ui").glob("*.py")):
        for name in _names(path) & set(UI_OWNERS):
            if path.stem != UI_OWNERS[name]:
                bad.append(f"{path.relative_to(ROOT)} uses {name} (its home is geoapp/ui/{UI_OWNERS[name]}.py)")
    assert bad == []
def _string_constants(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_the_image_renderer_names_no_layer():
    """Draw order and legend titles come from the scene (Layer.order, build_scene), never from a layer's id."""
    from layers import REGISTRY

    files = sorted((ROOT / "geoapp" / "render" / "image").glob("*.py"))
    assert len(files) >= 4
    bad = [f"{path.relative_to(ROOT)}: {text!r}" for path in files for text in _string_constants(path)
           for lid in REGISTRY if re.search(rf"\b{lid}\b", text)]
    assert bad == []


def test_box_checks_presets_and_the_cli_load_no_matplotlib():
    """The CLI and the app check a box and read the snapshot table without the image renderer; a kiosk, which
    makes no snapshot, never loads matplotlib."""
    code = ("import sys\n"
            "import geoapp.cli, geoapp.export, geoapp.scene, geoapp.viewport\n"
            "from geoapp.ui.state import parse_query\n"
            "geoapp.viewport.parse_bbox('-90,15,-65,35'); geoapp.cli.parse_size('a4')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'"
            " or m.startswith('geoapp.render.image')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
