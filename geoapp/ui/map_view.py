"""The live map: the Streamlit component (``geoapp/component``) and the one call that shows it.

The component draws the map, its caption, the crisis clock, the story of the moment and the time bar
itself, in one frame, and fills the window below what is above it. The component is declared
(registered with Streamlit) on first use, not at import time: importing this module has no side effect.
"""

from __future__ import annotations

import streamlit.components.v1 as components
from streamlit.components.v1.custom_component import CustomComponent

from geoapp import clock, component_files, settings, vocab
from geoapp.i18n import t
from geoapp.ui import data
from geoapp.ui.session import MAP_KEY
from geoapp.ui.state import UIState

MAP_HEIGHT = 720  # before the component has measured the window
#: how many events of the moment the kiosk tells (read from 1.5 m, two is what fits)
KIOSK_STORY_MAX = 2
_component: CustomComponent | None = None


def _atlas_map() -> CustomComponent:
    """The map component, declared on first use and kept for the server's life; served from the copy of its
    files whose documents carry their scripts inline (:mod:`geoapp.component_files`)."""
    global _component
    if _component is None:
        _component = components.declare_component("atlas_map", path=str(component_files.served_folder()))
    return _component


def live_map(state: UIState, complete: bool = True) -> None:
    """The live map component: it draws every moment itself and reports the moment settled on. While the page is
    not ``complete`` (:func:`session.page_complete`), the map says when it is drawn (``{ready: true}``)."""
    start, end = state.period_range
    kiosk = None
    if state.kiosk:
        k = settings.load().kiosk
        langs = [state.lang, *(x for x in vocab.LANGS if x != state.lang)]
        kiosk = {"idle": state.idle, "countdown": k.countdown_seconds, "speed": k.attract_speed_hours,
                 "hold": k.attract_hold_seconds, "start": clock.iso(k.start), "story_max": KIOSK_STORY_MAX,
                 "invite": [t("touch_invite", x) for x in langs],
                 "tour": {"at": clock.iso(k.gap_tour_at), "seconds": k.gap_tour_seconds, "view": "gap",
                          "title": t("tour_title", state.lang)}}
    bounds = clock.story_bounds(start, end)
    _atlas_map()(doc=data.live_page(state.lang, state.figure, state.view), t=clock.iso(state.t),
                 period=[start.timestamp(), end.timestamp()], story_bounds=[int(b.timestamp()) for b in bounds],
                 layers=list(state.layers), height=MAP_HEIGHT, fill=True, kiosk=kiosk, complete=complete,
                 messages={"load_failed": t("map_load_failed", state.lang)}, key=MAP_KEY, default=None)
