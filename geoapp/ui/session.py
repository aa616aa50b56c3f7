"""The visitor's session: the only module that reads or writes ``st.session_state`` (and the URL's query
parameters). It fills the session from the URL once, takes in what the map reports, and gives the rest of
the page one :class:`~geoapp.ui.state.UIState` per run.

Session keys: the sidebar's widgets (``lang``, ``period``, ``figure``, ``layer_<id>``), ``moment``,
``kiosk`` and ``idle`` (from the URL), ``ui_ready`` (filled once), ``map_seq`` (the echo guard),
``map_bbox`` (the map's last good bounds), ``view`` (what the map shows: a widget, and the map's switch),
``view_radio_changed`` (the view radio changed in this run), ``map_switch`` (the map's own view switch, from
and to, until the map shows it),
``snap_fmt`` and ``gis_fmt`` (widgets), ``labels_lang`` (the language the choice widgets last showed) and
:data:`MAP_KEY` (the map's report).
"""

from __future__ import annotations

import streamlit as st

from geoapp import clock, settings, vocab
from geoapp.ui.state import UIState, parse_query, period_for, to_query
from geoapp.viewport import check_bbox
from layers import LAYER_IDS

#: the map component's key: its value is the map's last report ({t|reset|bbox|view|toggle_lang, seq})
MAP_KEY = "atlas_map"


def url_params() -> dict[str, str]:
    """The page URL's query parameters (the last value of a repeated one)."""
    return {k: st.query_params[k] for k in st.query_params}


def publish(state: UIState) -> None:
    """Write a UI state into the page URL, so that the URL restores it."""
    st.query_params.from_dict(to_query(state))


def lang(default: str = "en") -> str:
    """The session's language (``default`` before the session is filled)."""
    return st.session_state.get("lang", default)


def view() -> str:
    """The session's view: actual, known or gap."""
    return st.session_state.get("view") or vocab.DEFAULT_VIEW


def keep_figure() -> None:
    """Keep the range figure chosen while its menu is not drawn (the known view draws Washington's own figures):
    Streamlit forgets the value of a widget left out of a run unless it is set again."""
    st.session_state.figure = st.session_state.get("figure", vocab.DEFAULT_RANGE_FIGURE)


def init() -> list[str]:
    """Fill the session from the URL on the first run of a session; the warnings for bad URL values."""
    if "ui_ready" in st.session_state:
        return []
    state, warnings = parse_query(url_params())
    st.session_state.kiosk = state.kiosk
    st.session_state.idle = state.idle
    _apply(state)
    st.session_state.ui_ready = True
    return warnings


def _apply(state: UIState) -> None:
    """Put a UI state's language, period, moment, figure and layers into the session."""
    st.session_state.lang = state.lang
    st.session_state.period = state.period
    st.session_state.moment = state.t
    st.session_state.figure = state.figure or vocab.DEFAULT_RANGE_FIGURE
    st.session_state.view = state.view
    for lid in LAYER_IDS:
        st.session_state[f"layer_{lid}"] = lid in state.layers


def _period() -> str:
    """The chosen period's name; a missing or unknown value (seen once after a language switch on a
    kiosk) falls back to the period holding the moment."""
    name = st.session_state.get("period")
    if name not in clock.PERIODS:
        name = period_for(st.session_state.get("moment") or clock.DEFAULT_MOMENT)
        st.session_state.period = name
    return name


def current() -> UIState:
    """The state the visitor has chosen, read after the controls are drawn."""
    layers = tuple(lid for lid in LAYER_IDS if st.session_state.get(f"layer_{lid}"))
    figure = None if st.session_state.figure == vocab.DEFAULT_RANGE_FIGURE else st.session_state.figure
    return UIState(t=st.session_state.moment, lang=st.session_state.lang, layers=layers, figure=figure,
                   kiosk=bool(st.session_state.get("kiosk")), idle=st.session_state.get("idle"),
                   period=_period(), bbox=st.session_state.get("map_bbox"),
                   view=view())


#: The choice widgets whose option labels follow the language (the browser keeps their value as a label).
LABELLED = ("period", "figure", "view", "snap_fmt", "gis_fmt")


def relabel_choices() -> None:
    """After a language switch, hand each choice widget its value again before it is drawn.

    Streamlit keeps a keyed widget's value in the browser as the label shown: after a switch the old
    label matches none of the new ones, so a menu kept its English text and a radio showed no option
    chosen. Setting the value again makes Streamlit send it under its label in the new language.
    """
    lang = st.session_state.get("lang")
    if st.session_state.get("labels_lang") == lang:
        return
    if "labels_lang" in st.session_state:  # the first run draws the widgets afresh
        for key in LABELLED:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state.labels_lang = lang


def on_period() -> None:
    """Callback of the period menu: keep the moment inside the new period."""
    start, end = clock.PERIODS[_period()]
    st.session_state.moment = clock.clamp(st.session_state.moment, start, end)


def on_view() -> None:
    """Callback of the sidebar's view radio: remember that its value changed in this run (see
    :func:`absorb_map_moment`)."""
    st.session_state.view_radio_changed = True


def on_toggle_lang() -> None:
    """The kiosk's language button (in the map): switch between English and Japanese."""
    st.session_state.lang = "en" if st.session_state.lang == "ja" else "ja"


def page_complete() -> bool:
    """Whether this run draws the whole page, or the map alone (with the title) on a session's first runs.

    The browser loads the code of each kind of widget the first time the page holds one, and Streamlit opens the
    map's frame only once the code of everything on the page has come: the sidebar's radios, menus and boxes and
    the downloads under the map held the map back by about 0.8 s. So the rest of the page is drawn once the map
    has said that it is drawn (its first report, ``ready``, or any later one). A session without a browser
    (Streamlit's AppTest: no request headers) has no map to say so, and gets the whole page at once."""
    return bool(st.session_state.get("map_ready")) or not st.context.headers


def absorb_map_moment() -> None:
    """Take the moment the visitor settled on in the map (its time bar), once per commit.

    The map numbers its reports (``seq``); a report already taken (seen again on a rerun for another
    reason) is ignored, so that it cannot move the moment back. Reported bounds are kept for the snapshot; a
    view chosen on the map's own switch (``view``) becomes the session's.
    """
    radio_changed = st.session_state.pop("view_radio_changed", False)
    # The map's own view switch, from and to, until the map reports that it shows the new view. Meanwhile the
    # browser may send the radio's old value (the view switched from), alone or with the rebuilt map's next
    # report, before it has drawn the radio with the new one: that is an echo, not the visitor's choice, and the
    # map's view stays.
    switch = st.session_state.get("map_switch")
    if radio_changed and switch and st.session_state.get("view") == switch[0]:
        st.session_state.view = switch[1]
    value = st.session_state.get(MAP_KEY)
    if not isinstance(value, dict) or value.get("seq") == st.session_state.get("map_seq"):
        return
    st.session_state.map_ready = True  # the map has spoken: it is drawn (see page_complete)
    st.session_state.map_seq = value.get("seq")
    bbox = value.get("bbox")
    if isinstance(bbox, list) and len(bbox) == 4:
        try:
            st.session_state.map_bbox = check_bbox(tuple(float(v) for v in bbox))
        except (TypeError, ValueError):
            pass  # bounds beyond the poles' limits: keep the last good ones
    if switch and value.get("shown") == switch[1]:  # the switched map is drawn: its radio too
        del st.session_state["map_switch"]
    if value.get("view") in vocab.VIEWS:  # the map's own view switch
        if value["view"] != view():
            st.session_state.map_switch = (view(), value["view"])
        st.session_state.view = value["view"]
    if value.get("toggle_lang"):  # the kiosk's language button, in the map
        on_toggle_lang()
    if "t" not in value and not value.get("reset"):
        return
    if value.get("reset") and st.session_state.get("kiosk"):
        conf = settings.load()
        _apply(UIState(t=conf.kiosk.start, lang=conf.kiosk.default_lang))
        return
    try:
        moment = clock.parse_moment(str(value.get("t")))
    except clock.TimeError:
        return
    st.session_state.moment = moment
    start, end = clock.PERIODS[_period()]
    if not start <= moment <= end:
        st.session_state.period = period_for(moment)
