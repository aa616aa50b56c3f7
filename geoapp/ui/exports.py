"""The export buttons under the map: a snapshot of the view on screen, and the moment's data and the
interactive map as files. Every file is built only when its button is pressed.

(matplotlib is imported only when a snapshot is made or its formats are listed: a kiosk, which has no
exports, never loads it.)
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geoapp import clock, export, gis
from geoapp.i18n import t
from geoapp.render.geojson import to_geojson_text
from geoapp.render.tables import to_csv_bytes
from geoapp.scene import Scene
from geoapp.ui import data, downloads_grace
from geoapp.ui.state import UIState


def snapshot_controls(scene: Callable[[], Scene], state: UIState, stamp: str) -> None:
    """One button that saves the moment, layers and view on screen as an image in the chosen format."""
    data.warm_snapshots()
    lang = state.lang
    bbox = state.bbox
    c1, c2 = st.columns([1, 1])
    preset = c1.selectbox(t("snapshot_format", lang), options=list(export.PRESETS), key="snap_fmt",
                          format_func=lambda k: t(f"snap_{k}", lang)) or "png_1080"
    c2.download_button(t("download_snapshot", lang), key="dl_snapshot", mime=export.mime(preset),
                       file_name=export.snapshot_file_name(preset, stamp, lang),
                       data=lambda: export.snapshot(scene(), preset, bbox), on_click="ignore",
                       use_container_width=True)
    st.caption(t("snapshot_note", lang, when=clock.format_moment(state.t, lang, "washington"),
                 view=t("snapshot_view_screen" if bbox else "snapshot_view_default", lang)))


def downloads(scene: Callable[[], Scene], state: UIState) -> None:
    """The current moment's data (GeoJSON, CSV, with sources) and the interactive map as one file.

    ``scene`` builds the moment's scene when a button is pressed: a committed moment does not pay for it
    (about 50 ms of the server's time: the range rings measure which cities they reach)."""
    downloads_grace.install()  # a file made on a press waits for the browser, however busy the server
    lang = state.lang
    stamp = clock.iso(state.t).replace(":", "")
    st.markdown(f"## {t('export', lang)}")
    snapshot_controls(scene, state, stamp)
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("download_geojson", lang), key="dl_geojson", mime="application/geo+json",
                       use_container_width=True,
                       file_name=f"cmc-atlas-{stamp}.geojson",
                       data=lambda: to_geojson_text(scene()),
                       on_click="ignore")
    c2.download_button(t("download_csv", lang), key="dl_csv", mime="text/csv", file_name=f"cmc-atlas-{stamp}.csv",
                       use_container_width=True,
                       data=lambda: to_csv_bytes(scene()), on_click="ignore")
    c3.download_button(t("download_html", lang), key="dl_html", mime="text/html", use_container_width=True,
                       file_name=f"cmc-atlas-{state.lang}{'' if state.view == 'actual' else '-' + state.view}.html",
                       data=lambda: data.standalone_page(state.lang, state.figure, state.period, state.view),
                       on_click="ignore")
    st.caption(t("downloads_note", lang))
    gis_controls(state)


def gis_controls(state: UIState) -> None:
    """The chosen period, layers, language and view as one file for GIS tools, in the format chosen
    (:mod:`geoapp.gis`; the same file as ``python -m geoapp export``), built only when its button is pressed."""
    lang = state.lang
    start, end = state.period_range
    c1, c2 = st.columns([1, 1])
    fmt = c1.selectbox(t("gis_format", lang), options=list(gis.FORMATS), key="gis_fmt",
                       format_func=lambda k: t(f"gis_{k}", lang)) or "gpkg"

    def build() -> bytes:
        timeline = gis.timeline(data.catalog(), lang=lang, view=state.view, layers=state.layers, start=start, end=end,
                                figure=state.figure)
        return gis.to_bytes(timeline, fmt)

    c2.download_button(t("download_gis", lang), key="dl_gis", mime=gis.FORMATS[fmt].mime,
                       file_name=gis.file_name(fmt, lang, state.view, start, end), data=build, on_click="ignore",
                       use_container_width=True)
    st.caption(t("gis_note", lang, start=clock.format_date(f"{start:%Y-%m-%d}", lang),  # UTC days, as in the file
                 end=clock.format_date(f"{end:%Y-%m-%d}", lang)))
