"""The one-way flow, enforced: what each part may import (an AST check)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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
    "geoapp/render/web.py": {"streamlit", "layers", "geoapp.io", "matplotlib"},
    "geoapp/render/live.py": {"streamlit", "layers", "geoapp.io", "matplotlib"},
    "geoapp/render/geojson.py": {"streamlit", "layers", "geoapp.io", "matplotlib", "folium"},
    "geoapp/render/tables.py": {"streamlit", "layers", "geoapp.io", "matplotlib", "folium"},
    "geoapp/render/static.py": {"streamlit", "layers", "geoapp.io", "folium", "branca"},
    "geoapp/scene.py": {"streamlit", "folium", "layers", "geoapp.io"},
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
    for path in [ROOT / "streamlit_app.py", ROOT / "geoapp" / "ui.py"]:
        names = _imports(path)
        assert "yaml" not in names and "json" not in names, path
