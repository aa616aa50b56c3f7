"""Where the atlas's folders are: the one place that works out the repository root.

Every module that reads a file of the project takes its path from here, so moving a folder (or
pointing the atlas at another data copy) is one change. ``GEOAPP_DATA_DIR`` points the app and the
CLI at another data folder (``CMC_ATLAS_DATA``, its earlier name, still works); ``CMC_ATLAS_CACHE``
moves the disk cache (``0`` turns it off) and is read each time :func:`cache_dir` is called, so a
test or a server can change it at run time.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository: the folder holding ``geoapp/``, ``layers/``, ``data/`` and ``static/``.
ROOT = Path(__file__).resolve().parents[1]
#: The data folder (``GEOAPP_DATA_DIR``, or its earlier name ``CMC_ATLAS_DATA``, points at another copy).
DATA_DIR = Path(os.environ.get("GEOAPP_DATA_DIR") or os.environ.get("CMC_ATLAS_DATA") or ROOT / "data")
#: The settings file read when ``CMC_ATLAS_CONFIG`` does not name another.
CONFIG_FILE = ROOT / "atlas.toml"
#: The app's static folder, served by Streamlit at :data:`STATIC_URL`.
STATIC = ROOT / "static"
#: Where the browser finds :data:`STATIC` on the running app.
STATIC_URL = "/app/static/"
#: Vendored front-end assets (Leaflet, topojson-client, the Natural Earth basemap).
VENDOR = STATIC / "vendor"
#: The atlas's own script and styles for the live map.
ATLAS_STATIC = STATIC / "atlas"
#: The built live pages (``geoapp.render.leaflet.page_file``), served by Streamlit at ``/app/static/pages/``.
PAGES = STATIC / "pages"
#: Where the browser finds :data:`PAGES` on the running app (Streamlit's static serving).
PAGES_URL = STATIC_URL + "pages/"
#: The Streamlit component that carries the live map (its ``index.html`` and ``bridge.js``).
COMPONENT = ROOT / "geoapp" / "component"
#: The component as served: its documents with their scripts and style sheets inside (``geoapp.component_files``).
COMPONENT_BUILD = ROOT / ".cache" / "component"
#: Natural Earth 1:50m land, the land mask used by validation, sea routes and the basemap.
LAND_TOPOJSON = VENDOR / "world-atlas" / "land-50m.json"
#: Natural Earth 1:50m countries, for borders on the basemap.
COUNTRIES_TOPOJSON = VENDOR / "world-atlas" / "countries-50m.json"
#: The world the live map draws (in ``static/vendor/world-atlas``): 1:50m countries with each arc simplified to
#: about 1 km (``scripts/vendor_assets.py``), a quarter fewer points for the browser to fetch, read and draw.
WORLD_BASEMAP = "countries-50m-simplified.json"
#: Where the disk cache lives unless ``CMC_ATLAS_CACHE`` says otherwise.
CACHE_DIR = ROOT / ".cache" / "atlas"
#: The folders whose code builds cached values: a change in any of them rebuilds the cache.
CODE_DIRS = (ROOT / "geoapp", ROOT / "layers", ATLAS_STATIC)


def cache_dir() -> Path | None:
    """The disk cache folder now: ``CMC_ATLAS_CACHE`` if set, else :data:`CACHE_DIR`; None when it is ``0``."""
    where = os.environ.get("CMC_ATLAS_CACHE", str(CACHE_DIR))
    return None if where == "0" else Path(where)
