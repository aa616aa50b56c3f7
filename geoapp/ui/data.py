"""What the page loads or builds once per server: the only caches of the UI, each keyed by plain values
(a language, a range figure, a period), never by an object's identity.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from geoapp import live_pages, paths
from geoapp.catalog import prepared_catalog
from geoapp.render.leaflet.page_file import page_name, write_page
from geoapp.situation import Prepared


def catalog() -> Prepared:
    """The validated catalog with its tracks (cached per data folder); raises io.DataError when invalid."""
    return prepared_catalog()


def live_page(lang: str, figure: str | None, view: str = "actual") -> dict[str, str]:
    """What the map component is told of its page: its version and where the browser fetches it.

    The page itself (0.6-1 MB) is written once as a static file (:mod:`geoapp.render.leaflet.page_file`), so a
    committed moment sends the component a few hundred bytes, never the page again. Where the file cannot be
    written (a read-only install), the page travels inline as before."""
    ref = _page(lang, figure, view)
    if "src" in ref and not (paths.PAGES / ref["version"]).is_file():  # removed while the server ran
        _page.cache_clear()
        ref = _page(lang, figure, view)
    return ref


@lru_cache(maxsize=12)
def _page(lang: str, figure: str | None, view: str) -> dict[str, str]:
    """The page written under ``static/pages`` and its reference; the page itself where it cannot be written."""
    parts = live_parts_for(lang, figure, view)
    name = page_name(parts, lang, figure, view)
    try:
        write_page(parts, paths.PAGES, name)
    except OSError:
        logging.getLogger("cmc_atlas").warning("the live page cannot be written under %s; sent inline", paths.PAGES)
        return parts
    return {"version": name, "src": paths.PAGES_URL + name}


def live_parts_for(lang: str, figure: str | None, view: str = "actual") -> dict[str, str]:
    """The live map page for a language, range figure and view (built once: ~1 s; the moment is not in it)."""
    return live_pages.live_parts_for(catalog(), lang, figure, view)


@lru_cache(maxsize=8)
def standalone_page(lang: str, figure: str | None, period: str, view: str = "actual") -> bytes:
    """The self-contained interactive map for a language, figure, period and view (cached): it opens at the
    period's first key moment, titled with it, as the command line's export does."""
    return live_pages.standalone_for(catalog(), lang, figure, period, view).encode("utf-8")


@lru_cache(maxsize=1)
def warm_snapshots() -> None:
    """Load the snapshot basemap in the background once per server, so the first snapshot is quick.
    (matplotlib is imported only here and in the exports: a kiosk, which has no exports, never loads it.)"""
    from geoapp.render.image import warm

    threading.Thread(target=warm, name="cmc-snapshot-warm", daemon=True).start()
