"""The visitor's controls: the sidebar (language, period, layers, range figure). The key-moment menu is
the map's own (``static/atlas/panel.js``): a jump never waits for the server.

The widgets are bound to session keys; :mod:`geoapp.ui.session` reads them back and owns their callbacks.
"""

from __future__ import annotations

import streamlit as st

from geoapp import knowledge, vocab
from geoapp.i18n import t, term
from geoapp.ui import session
from layers import LAYER_IDS, REGISTRY


def sidebar_placeholder(lang: str) -> None:
    """The sidebar while the map is being drawn (:func:`session.page_complete`): one line, so that the sidebar
    is there from the start at its width and the map does not move when the controls come."""
    with st.sidebar:
        st.caption(t("controls_after_map", lang))


def sidebar() -> None:
    """Language, period, layers, view and range figure controls (read back by :func:`session.current`).

    Every choice offers stable values (``crisis``, ``soviet``) and only names them in the language, so a
    language switch changes the labels, never the choice (:func:`session.relabel_choices`).
    """
    session.relabel_choices()
    with st.sidebar:
        st.radio(t("language", session.lang()), options=list(vocab.LANGS), key="lang",
                 format_func=vocab.LANG_NAMES.get, horizontal=True)
        lang = session.lang()
        st.selectbox(t("period", lang), options=list(vocab.PERIODS), key="period", on_change=session.on_period,
                     format_func=lambda p: term("period", p, lang))
        st.markdown(f"**{t('layers', lang)}**")
        for lid in LAYER_IDS:
            st.checkbox(REGISTRY[lid].title.get(lang), key=f"layer_{lid}")
        st.radio(t("view", lang), options=list(vocab.VIEWS), key="view", on_change=session.on_view,
                 format_func=lambda v: term("view", v, lang), help=t("view_help", lang))
        if session.view() == "known":  # that view draws Washington's own figures: say so, keep the visitor's choice
            session.keep_figure()
            st.radio(t("range_figure", lang), options=[knowledge.KNOWN_FIGURE], key="figure_known",
                     format_func=lambda f: term("figure", f, lang), disabled=True, help=t("figure_in_known", lang))
        else:
            st.radio(t("range_figure", lang), options=list(vocab.RANGE_FIGURES), key="figure",
                     format_func=lambda f: term("figure", f, lang))
