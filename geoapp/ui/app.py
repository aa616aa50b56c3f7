"""The page: the order in which the parts are drawn, and the error shell in front of a visitor.

The map component is the page's hero: it fills the window under a one-line title and draws the map,
its caption, the crisis clock, the story of the moment and the time bar itself. The sidebar holds the
choices (language, period, layers, range figure); the exports follow under the map. On a kiosk the
component is the whole screen. ``streamlit_app.py`` only calls :func:`run`.
"""

from __future__ import annotations

import html
import logging
import re

import streamlit as st

from geoapp import io
from geoapp.i18n import t
from geoapp.scene import Scene, build_scene
from geoapp.ui import controls, data, exports, kiosk, map_view, session
from geoapp.ui.state import wants_kiosk
from layers import REGISTRY

#: The page around the map: a one-line title right under Streamlit's header, so that the map and its
#: time bar fill the rest of the window; the title gives way on a short screen (a phone on its side).
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding: 3.6rem 1rem 1rem !important;
  max-width: 100% !important; }
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"] { gap: .4rem; }
.cmc-title { display: flex; gap: .8rem; align-items: baseline; white-space: nowrap; overflow: hidden; margin: 0; }
.cmc-title h1 { font-size: 1.25rem; padding: 0; margin: 0; white-space: nowrap; flex-shrink: 0; }
.cmc-title span { opacity: .75; font-size: .85rem; overflow: hidden; text-overflow: ellipsis; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"], .block-container { padding: 3.4rem .4rem .6rem !important; }
  .cmc-title span { display: none; }
}
@media (max-height: 480px) {
  .cmc-title { display: none; }
  header[data-testid="stHeader"] { height: 2.6rem; }
  [data-testid="stMainBlockContainer"], .block-container { padding-top: 2.8rem !important; }
}
/* on a touch screen the sidebar's open and close buttons (28 px) take a touch 44 px square: a transparent layer
   around each, which moves nothing on the page; the close button shows without a hover, which a finger never gives */
@media (pointer: coarse) {
  [data-testid="stSidebarCollapseButton"] { visibility: visible !important; }
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button { position: relative; }
  [data-testid="stExpandSidebarButton"]::after, [data-testid="stSidebarCollapseButton"] button::after { content: "";
    position: absolute; left: 50%; top: 50%; width: 44px; height: 44px; transform: translate(-50%, -50%); }
}
</style>"""


#: the characters Markdown gives a meaning (a link, an image, emphasis, a formula...)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def as_text(sentence: str) -> str:
    """A sentence that may quote the address, shown as written: Streamlit reads a warning as Markdown, so a value
    such as ``![x](http://...)`` would load a remote image and ``[a](http://...)`` make a link."""
    return _MARKDOWN.sub(r"\\\1", sentence)


def title_row(lang: str) -> None:
    """The page's title and subtitle on one line."""
    # st.html, not Markdown with HTML allowed: the first page then needs no HTML-in-Markdown code (55 KB)
    st.html(PAGE_CSS + f'<div class="cmc-title"><h1>{html.escape(t("app_title", lang))}</h1>'
            f'<span>{html.escape(t("app_subtitle", lang))}</span></div>')


def sidebar_state(params: dict[str, str]) -> str:
    """How the sidebar starts: closed on a kiosk, and on a phone either way up, where the map is the page; else
    Streamlit's "auto" (open unless the window is at most 768 px wide). Streamlit reads "auto" against the window's
    width, so a phone on its side (844 px) would start with the sidebar over a third of the map; the width is not
    known here, but a phone is, from its request."""
    if wants_kiosk(params):
        return "collapsed"
    headers = st.context.headers
    agent = headers.get("User-Agent") or ""
    phone = headers.get("Sec-CH-UA-Mobile") == "?1" or ("Mobi" in agent and "iPad" not in agent)
    return "collapsed" if phone else "auto"


def main() -> None:
    """Draw the page."""
    params = session.url_params()
    st.set_page_config(page_title="Cuban Missile Crisis Atlas", page_icon="🗺️", layout="wide",
                       initial_sidebar_state=sidebar_state(params))
    try:
        prepared = data.catalog()
    except io.DataError as exc:
        lang = params.get("lang", "en")
        st.error(t("error_data", lang, n=len(exc.problems), first=str(exc.problems[0])))
        st.stop()
    warnings = session.init()
    session.absorb_map_moment()
    state = session.current()  # the widgets' values are in the session before the run; they are drawn below
    lang = state.lang
    st.set_page_config(page_title=t("app_title", lang))  # the browser's tab speaks the visitor's language
    if state.kiosk:
        kiosk.kiosk_style()
    else:
        title_row(lang)
    for w in warnings:
        st.warning(as_text(w))
    session.publish(state)
    # The rest of the page once the map has said it is drawn: the browser loads each kind of widget's code when
    # it first meets one, and the map's frame waited behind the radios, menus, boxes and downloads (about 0.8 s).
    complete = session.page_complete()
    map_view.live_map(state, complete)
    if not complete:
        if not state.kiosk:
            controls.sidebar_placeholder(lang)
        return
    controls.sidebar()
    if not state.kiosk:  # under the map: what it shows, saved
        built: list[Scene] = []

        def scene() -> Scene:  # built when an export is asked for, once per run
            if not built:
                built.append(build_scene(prepared, state.t, REGISTRY, lang=lang, layers=state.layers,
                                         range_figure=state.figure, view=state.view))
            return built[0]

        exports.downloads(scene, state)
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
