"""The page: the order in which the parts are drawn, and the error shell in front of a visitor.

``streamlit_app.py`` only calls :func:`run`.
"""

from __future__ import annotations

import logging

import streamlit as st

from geoapp import io
from geoapp.i18n import t
from geoapp.scene import build_scene
from geoapp.ui import controls, data, exports, kiosk, map_view, panels, session
from geoapp.ui.state import wants_kiosk
from layers import REGISTRY


def main() -> None:
    """Draw the page."""
    params = session.url_params()
    st.set_page_config(page_title="Cuban Missile Crisis Atlas", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="collapsed" if wants_kiosk(params) else "auto")
    try:
        prepared = data.catalog()
    except io.DataError as exc:
        lang = params.get("lang", "en")
        st.error(t("error_data", lang, n=len(exc.problems), first=str(exc.problems[0])))
        st.stop()
    warnings = session.init()
    session.absorb_map_moment()
    controls.sidebar()
    state = session.current()
    lang = state.lang
    if state.kiosk:
        kiosk.kiosk_header(lang)
    else:
        st.markdown(f"### {t('app_title', lang)}")
        st.caption(t("app_subtitle", lang))
    for w in warnings:
        st.warning(w)
    if not state.kiosk:
        controls.key_moment_menu(prepared, lang)
    session.publish(state)
    scene = build_scene(prepared, state.t, REGISTRY, lang=lang, layers=state.layers, range_figure=state.figure)
    left, right = st.columns([3, 1])
    with left:
        map_view.live_map(state)
        if not state.kiosk:  # right under the map, where the view it saves is
            exports.downloads(scene, state)
    with right:
        panels.clock_panel(scene)
        panels.narrative_panel(scene, kiosk=state.kiosk, part=state.story_part)
    if not state.kiosk:
        st.caption(t("footer", lang))


def run() -> None:
    """Draw the page; an unexpected failure is shown as a sentence (and logged), never a traceback."""
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the last line of defence in front of a visitor
        if type(exc).__module__.startswith("streamlit"):  # st.stop / st.rerun control flow
            raise
        logging.getLogger("cmc_atlas").exception("the page failed")
        st.error(t("error_page", session.lang()))
