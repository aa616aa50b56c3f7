"""The one-way flow, enforced: what each part may import (an AST check)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

UI_MODULES = ("state", "session", "data", "controls", "map_view", "panels", "exports", "kiosk", "app")

FORBIDDEN = {
    "geoapp/model.py": {"streamlit", "folium", "matplotlib", "layers", "geoapp.io", "geoapp.render"},
    "geoapp/timeline.py": {"streamlit", "folium", "matplotlib", "layers", "geoapp.io", "geoapp.render"},
    "geoapp/clock.py": {"streamlit", "folium", "matplotlib", "layers"},
    # the vocabularies and the folders are leaves: everything may import them, they import nothing of the atlas
    "geoapp/vocab.py": {"geoapp", "layers", "streamlit", "folium", "matplotlib", "yaml"},
    "geoapp/paths.py": {"geoapp", "layers", "streamlit", "folium", "matplotlib", "yaml"},
    "geoapp/io/*.py": {"streamlit", "folium", "matplotlib", "layers", "geoapp.timeline", "geoapp.render",
                     "geoapp.ui"},
    "layers/*.py": {"streamlit", "folium", "matplotlib", "geoapp.io", "geoapp.render", "geoapp.ui", "yaml"},
    # each renderer uses its own drawing library only: Leaflet/folium for the web, matplotlib for images
    "geoapp/render/leaflet/*.py": {"streamlit", "layers", "geoapp.io", "matplotlib"},
    "geoapp/movers.py": {"streamlit", "folium", "matplotlib", "layers", "geoapp.io", "geoapp.render"},
    "geoapp/render/geojson.py": {"streamlit", "layers", "geoapp.io", "matplotlib", "folium"},
    "geoapp/render/tables.py": {"streamlit", "layers", "geoapp.io", "matplotlib", "folium"},
    "geoapp/render/image/*.py": {"streamlit", "layers", "geoapp.io", "folium", "branca", "geoapp.ui"},
    "geoapp/scene.py": {"streamlit", "folium", "layers", "geoapp.io"},
    # the page: it may import streamlit, but draws through the renderers and reads data through the catalog
    "geoapp/ui/*.py": {"folium", "branca", "matplotlib", "yaml", "json"},
    # the page's state is pure (unit-tested without Streamlit), and so is the package's import
    "geoapp/ui/state.py": {"streamlit", "geoapp.io", "geoapp.catalog", "geoapp.render", "geoapp.scene",
                           "geoapp.timed", *(f"geoapp.ui.{m}" for m in UI_MODULES if m != "state")},
    "geoapp/ui/__init__.py": {"streamlit"},
    "geoapp/ui/data.py": {"streamlit"},
    # a box can be checked and the snapshot table read without the image renderer (matplotlib)
    "geoapp/viewport.py": {"streamlit", "folium", "matplotlib", "layers", "geoapp.render", "geoapp.scene"},
    "geoapp/export.py": {"streamlit", "folium", "matplotlib", "layers"},
}


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


def test_parts_import_only_what_they_may():
    bad = []
    for pattern, forbidden in FORBIDDEN.items():
        for path in ROOT.glob(pattern):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
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
