"""The panels beside the map: the crisis clock and the events of the moment with their sources."""

from __future__ import annotations

import html
from collections.abc import Iterable

import streamlit as st

from geoapp import clock
from geoapp.i18n import t
from geoapp.scene import Scene, works


def citations(refs: Iterable[str], labels: dict[str, str]) -> str:
    """One line citing ``id#locator`` references (each once, in order) with the given labels."""
    return "; ".join(works(refs, labels))


def clock_panel(scene: Scene) -> None:
    """The crisis clock: the moment in Washington (zone named), Havana, Moscow and GMT."""
    lang = scene.lang
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td><b>{html.escape(v)}</b></td></tr>"
                   for k, v in scene.clock.rows)
    q = t("quarantine_in_force" if scene.quarantine_in_force else
          "quarantine_suspended" if scene.quarantine_suspended else "quarantine_not", lang)
    st.markdown(f"#### {t('clock', lang)}\n<table class='cmc-clock-table'>{rows}</table>\n\n**{q}**",
                unsafe_allow_html=True)


def story_panel(scene: Scene, part: str, kiosk: bool = False) -> None:
    """The prologue or the epilogue, told at an end of the time bar: what led to the crisis, what followed."""
    lang = scene.lang
    entries = [s for s in scene.story if s.part == part]
    if not entries:
        return
    st.markdown(f"#### {html.escape(t('story_' + part, lang))}")
    labels = scene.source_short if kiosk else scene.source_labels
    for s in entries:
        srcs = citations(s.sources, labels)
        st.markdown(f"**{html.escape(clock.format_date(s.date, lang))}** — **{html.escape(s.title.get(lang))}**  \n"
                    f"{html.escape(s.text.get(lang))}  \n"
                    f"<small>{html.escape(t('sources', lang))}: {html.escape(srcs)}</small>", unsafe_allow_html=True)


def narrative_panel(scene: Scene, kiosk: bool = False, part: str | None = None) -> None:
    """The events of the moment, newest first, with their sources (on a kiosk: two, with short citations:
    author and year); at the start of the time bar the prologue comes first, at its end the epilogue after."""
    lang = scene.lang
    if part == "prologue":
        story_panel(scene, part, kiosk)
    st.markdown(f"#### {t('narrative', lang)}")
    events = list(reversed(scene.events))
    if not events and scene.latest_event:
        st.caption(t("latest", lang))
        events = [scene.latest_event]
    if not events:
        st.write(t("no_events", lang))
    labels = scene.source_short if kiosk else scene.source_labels
    for e in events[:2 if kiosk else 6]:
        srcs = citations(e.sources, labels)
        st.markdown(f"**{clock.format_moment(e.time, lang)}** — **{html.escape(e.title.get(lang))}**  \n"
                    f"{html.escape(e.text.get(lang))}  \n"
                    f"<small>{html.escape(t('sources', lang))}: {html.escape(srcs)}</small>", unsafe_allow_html=True)
    if part == "epilogue":
        story_panel(scene, part, kiosk)
