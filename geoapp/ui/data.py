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

#: One build of each thing at a time: a visitor who arrives while the server prepares itself at start
#: (``geoapp.serve``) waits for that build and takes its result instead of building the same beside it; a page
#: being built never holds up a visitor who needs another one.
_CATALOG_LOCK = threading.Lock()
_PAGE_LOCKS: dict[tuple[str, str | None, str], threading.Lock] = {}
_PAGE_LOCKS_LOCK = threading.Lock()
#: the pages told to the component, by (language, range figure, view)
_pages: dict[tuple[str, str | None, str], dict[str, str]] = {}


def catalog() -> Prepared:
    """The validated catalog with its tracks (cached per data folder); raises io.DataError when invalid."""
    with _CATALOG_LOCK:
        return prepared_catalog()


def live_page(lang: str, figure: str | None, view: str = "actual") -> dict[str, str]:
    """What the map component is told of its page: its version and where the browser fetches it.

    The page itself (0.6-1 MB) is written once as a static file (:mod:`geoapp.render.leaflet.page_file`), so a
    committed moment sends the component a few hundred bytes, never the page again. Where the file cannot be
    written (a read-only install), the page travels inline as before."""
    key = (lang, figure, view)
    ref = _pages.get(key)
    if ref is not None and ("src" not in ref or (paths.PAGES / ref["version"]).is_file()):
        return ref
    with _PAGE_LOCKS_LOCK:
        lock = _PAGE_LOCKS.setdefault(key, threading.Lock())
    with lock:
        ref = _pages.get(key)
        if ref is None or ("src" in ref and not (paths.PAGES / ref["version"]).is_file()):  # new, or removed
            ref = _pages[key] = _page(lang, figure, view)
        return ref


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
