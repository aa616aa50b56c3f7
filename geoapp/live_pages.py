"""The live map's pages, built once per language, range figure and view: shared by the Streamlit app
(``geoapp.ui.data``) and the static site (``geoapp.publish``), so that both show the same page.

A page (head, body and script: the whole timeline scene, 0.6-1 MB) does not depend on the moment: the browser
draws every moment itself. Building one takes about a second; the disk cache keeps it across restarts.
"""

from __future__ import annotations

from pathlib import Path

from geoapp import clock, diskcache, paths
from geoapp.render.leaflet.page import live_parts, standalone_document
from geoapp.situation import Prepared
from geoapp.timeline_scene import build_timeline_scene
from layers import LAYER_IDS, REGISTRY


def live_parts_for(prepared: Prepared, lang: str, figure: str | None, view: str = "actual",
                   data_dir: Path = paths.DATA_DIR) -> dict[str, str]:
    """The live map page for a language, range figure and view, from the catalog read from ``data_dir``
    (built once: the disk cache is keyed by that data and by the code; the moment is not in it)."""

    def build() -> dict[str, str]:
        scene = build_timeline_scene(prepared, REGISTRY, lang=lang, figure=figure, view=view)
        start, end = clock.PERIODS["crisis"]
        return live_parts(scene, clock.DEFAULT_MOMENT.timestamp(), (start.timestamp(), end.timestamp()), LAYER_IDS)

    key = diskcache.digest(data_dir, extra=diskcache.code_digest())
    return diskcache.cached(f"live-{lang}-{figure}-{view}", key, build)


def standalone_for(prepared: Prepared, lang: str, figure: str | None, period: str, view: str = "actual") -> str:
    """The self-contained interactive map for a language, figure, named period and view: it opens at the
    period's first key moment, titled with it, as the command line's export does (a few MB; not cached here)."""
    scene = build_timeline_scene(prepared, REGISTRY, lang=lang, figure=figure, view=view)
    start, end = clock.PERIODS[period]
    return standalone_document(scene, None, (start.timestamp(), end.timestamp()), LAYER_IDS)
