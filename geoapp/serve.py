"""``python -m geoapp serve``: the app's Streamlit server, ready before its first visitor.

Streamlit runs the page's script only when a visitor connects, so a plain ``streamlit run`` makes the first
visitor after a start (a kiosk's after a power cut) wait while the code is imported, the catalog read and the
map's pages built. Here the same process prepares all of that in the background as soon as it starts, while
Streamlit's server comes up; a visitor who arrives earlier simply waits for it (the caches are shared).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time

from geoapp import component_files, icon_font, paths, precompress, tcp_nodelay, vocab


def warm() -> None:
    """Import the page's code, write the map component's inlined files, read the catalog and write the map's page
    in each language (the default view and range figure): everything the first visitor would otherwise wait for."""
    try:
        from geoapp.ui import app, data  # noqa: F401 - importing is half of the work (folium, the layers...)

        component_files.served_folder()
        data.catalog()
        for lang in vocab.LANGS:
            data.live_page(lang, None, vocab.DEFAULT_VIEW)
        # What is built now lives as long as the server: the collector is told to leave it be, so that its
        # occasional full passes (Streamlit's own pass after every run is turned off in .streamlit/config.toml,
        # runner.postScriptGC) do not walk the catalog, the tracks and the imported code each time.
        gc.collect()
        gc.freeze()
    except Exception:  # noqa: BLE001 - a data error is shown to the visitor as a sentence by the page itself
        logging.getLogger("cmc_atlas").warning("could not prepare the app at start", exc_info=True)


def cut_icon_font() -> None:
    """Cut Streamlit's icon font (:mod:`geoapp.icon_font`; a few seconds, once per install: the disk cache keeps
    it) when the machine has nothing else to do: until then the font goes whole."""
    precompress.idle_priority()
    icon_font.prepare()


#: seconds between the server's own full garbage collections
COLLECT_EVERY = 60.0


def collect_periodically(every: float = COLLECT_EVERY) -> None:
    """A full garbage collection once a minute, in place of Streamlit's after every run of the page (turned off in
    .streamlit/config.toml): what the visitors who left held is given back within a minute, at the cost of one
    collection a minute rather than one per committed moment."""
    while True:
        time.sleep(every)
        gc.collect()


def main(streamlit_args: list[str]) -> int:
    """Start the warm-up, then Streamlit's own command line: ``streamlit run streamlit_app.py ARGS``, with static
    files sent compressed (:mod:`geoapp.precompress`) and without Nagle's delay (:mod:`geoapp.tcp_nodelay`)."""
    if not tcp_nodelay.install():
        logging.getLogger("cmc_atlas").info("this Streamlit binds its socket otherwise: TCP_NODELAY not set")
    if not precompress.install(precompress.PrecompressedStatic, icon_font.IconFont):
        logging.getLogger("cmc_atlas").info("this Streamlit builds its server otherwise: static files go as they are")
    threading.Thread(target=warm, name="cmc-warm", daemon=True).start()
    threading.Thread(target=cut_icon_font, name="cmc-icon-font", daemon=True).start()
    threading.Thread(target=collect_periodically, name="cmc-collect", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(paths.ROOT / "streamlit_app.py"), *streamlit_args]
    try:
        cli.main()  # click exits with the server's code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0
