"""The Streamlit shell's logic: one small UI state that round-trips through the URL, the controls,
the map and the panels. ``streamlit_app.py`` only calls :func:`main`.

The URL carries ``?t=<ISO time>&lang=ja|en&layers=a,b`` (and ``fig=us_1962`` when chosen); opening
such a URL restores that state.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import streamlit as st
import streamlit.components.v1 as components

from geoapp import clock, io
from geoapp.catalog import prepared_catalog
from geoapp.i18n import t
from geoapp.render.web import render_html
from geoapp.scene import Scene, build_scene, cite
from geoapp.timeline import Prepared, next_key_moment
from layers import LAYER_IDS, REGISTRY

MAP_HEIGHT = 680
LANG_LABELS = {"en": "English", "ja": "日本語"}


@dataclass(frozen=True)
class UIState:
    """Everything the page shows, as plain values."""

    t: datetime
    lang: str = "en"
    layers: tuple[str, ...] = LAYER_IDS
    figure: str | None = None


def parse_query(params: dict[str, str]) -> tuple[UIState, list[str]]:
    """The UI state from URL parameters, and the warnings (in English keys) for bad values."""
    warnings: list[str] = []
    lang = params.get("lang", "en")
    lang = lang if lang in ("en", "ja") else "en"
    moment = clock.DEFAULT_MOMENT
    if params.get("t"):
        try:
            moment = clock.parse_moment(params["t"])
        except clock.TimeError as exc:
            warnings.append(t("error_url_time", lang, value=params["t"], why=str(exc)))
    layers = LAYER_IDS
    if params.get("layers") is not None:
        asked = [x.strip() for x in params["layers"].split(",") if x.strip()]
        unknown = [x for x in asked if x not in LAYER_IDS]
        if unknown:
            warnings.append(t("error_url_layers", lang, value=", ".join(unknown)))
        layers = tuple(x for x in LAYER_IDS if x in asked)
    figure = params.get("fig") if params.get("fig") in ("soviet", "us_1962") else None
    return UIState(t=moment, lang=lang, layers=layers, figure=figure), warnings


def to_query(state: UIState) -> dict[str, str]:
    """URL parameters for a UI state."""
    q = {"t": clock.iso(state.t), "lang": state.lang, "layers": ",".join(state.layers)}
    if state.figure:
        q["fig"] = state.figure
    return q


def _naive(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC)


def period_for(moment: datetime) -> str:
    """The narrowest named period containing ``moment`` (the slider's default range)."""
    for name in ("crisis", "anadyr", "epilogue"):
        start, end = clock.PERIODS[name]
        if start <= moment <= end:
            return name
    return "all"


def _init_session(prepared: Prepared) -> list[str]:
    """Fill session state from the URL on the first run of a session."""
    if "ui_ready" in st.session_state:
        return []
    state, warnings = parse_query({k: st.query_params[k] for k in st.query_params})
    st.session_state.lang = state.lang
    st.session_state.period = period_for(state.t)
    st.session_state.moment = _naive(state.t)
    st.session_state.figure = state.figure or "default"
    for lid in LAYER_IDS:
        st.session_state[f"layer_{lid}"] = lid in state.layers
    st.session_state.ui_ready = True
    return warnings


def _shift(hours: int) -> None:
    start, end = clock.PERIODS[st.session_state.period]
    new = _aware(st.session_state.moment) + timedelta(hours=hours)
    st.session_state.moment = _naive(clock.clamp(new, start, end))


def _key(prepared: Prepared, direction: int) -> None:
    found = next_key_moment(prepared, _aware(st.session_state.moment), direction)
    if found is not None:
        st.session_state.period = period_for(found)
        st.session_state.moment = _naive(found)


def _jump(prepared: Prepared) -> None:
    chosen = st.session_state.get("jump")
    if chosen:
        moment = clock.parse_time(chosen)
        st.session_state.period = period_for(moment)
        st.session_state.moment = _naive(moment)


def _on_period() -> None:
    start, end = clock.PERIODS[st.session_state.period]
    st.session_state.moment = _naive(clock.clamp(_aware(st.session_state.moment), start, end))


def sidebar(prepared: Prepared) -> UIState:
    """Language, period, layers and range figure controls; returns the chosen state (moment aside)."""
    with st.sidebar:
        st.radio(t("language", st.session_state.lang), options=list(LANG_LABELS), key="lang",
                 format_func=LANG_LABELS.get, horizontal=True)
        lang = st.session_state.lang
        st.selectbox(t("period", lang), options=list(clock.PERIODS), key="period", on_change=_on_period,
                     format_func=lambda p: t(f"period_{p}", lang))
        st.markdown(f"**{t('layers', lang)}**")
        for lid in LAYER_IDS:
            st.checkbox(REGISTRY[lid].title.get(lang), key=f"layer_{lid}")
        st.radio(t("range_figure", lang), options=["default", "us_1962"], key="figure",
                 format_func=lambda f: t(f"figure_{f}", lang))
    layers = tuple(lid for lid in LAYER_IDS if st.session_state.get(f"layer_{lid}"))
    figure = None if st.session_state.figure == "default" else st.session_state.figure
    return UIState(t=_aware(st.session_state.moment), lang=lang, layers=layers, figure=figure)


def time_controls(prepared: Prepared, lang: str) -> datetime:
    """The slider (hour steps, GMT), ±6 h buttons, key-moment navigation; returns the moment."""
    start, end = clock.PERIODS[st.session_state.period]
    c1, c2, c3 = st.columns([1, 10, 1])
    c1.button(t("step_back", lang), on_click=_shift, args=(-6,), use_container_width=True)
    c3.button(t("step_fwd", lang), on_click=_shift, args=(6,), use_container_width=True)
    c2.slider(t("moment", lang), min_value=_naive(start), max_value=_naive(end), key="moment",
              step=timedelta(hours=1), format="YYYY-MM-DD HH:mm", label_visibility="collapsed")
    k1, k2, k3 = st.columns([2, 5, 2])
    k1.button(t("prev_key", lang), on_click=_key, args=(prepared, -1), use_container_width=True)
    k3.button(t("next_key", lang), on_click=_key, args=(prepared, 1), use_container_width=True)
    keys = [e for e in prepared.catalog.events if e.key]
    k2.selectbox(t("jump_to", lang), options=[""] + [e.time_text for e in keys], key="jump",
                 on_change=_jump, args=(prepared,), label_visibility="collapsed",
                 format_func=lambda v: t("jump_to", lang) if not v else next(
                     f"{clock.format_moment(e.time, lang)} · {e.title.get(lang)}" for e in keys if e.time_text == v))
    return _aware(st.session_state.moment)


def show_map(document: str) -> None:
    """Embed the map document (``st.iframe`` where this Streamlit has it, else components.html)."""
    if hasattr(st, "iframe"):
        st.iframe(document, height=MAP_HEIGHT)
    else:
        components.html(document, height=MAP_HEIGHT)


def clock_panel(scene: Scene) -> None:
    """The crisis clock: the moment in Washington (zone named), Havana, Moscow and GMT."""
    lang = scene.lang
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td><b>{html.escape(v)}</b></td></tr>"
                   for k, v in scene.clock_lines)
    q = t("quarantine_in_force" if scene.situation and scene.situation.quarantine_in_force else "quarantine_not", lang)
    st.markdown(f"#### {t('clock', lang)}\n<table class='cmc-clock-table'>{rows}</table>\n\n**{q}**",
                unsafe_allow_html=True)


def narrative_panel(scene: Scene) -> None:
    """The events of the moment, newest first, with their sources."""
    lang = scene.lang
    sit = scene.situation
    st.markdown(f"#### {t('narrative', lang)}")
    events = list(reversed(sit.events)) if sit else []
    if not events and sit and sit.latest_event:
        st.caption(t("latest", lang))
        events = [sit.latest_event]
    if not events:
        st.write(t("no_events", lang))
    for e in events[:6]:
        srcs = "; ".join(cite(s, scene.source_labels) for s in e.sources)
        st.markdown(f"**{clock.format_moment(e.time, lang)}** — **{e.title.get(lang)}**  \n{e.text.get(lang)}  \n"
                    f"<small>{t('sources', lang)}: {html.escape(srcs)}</small>", unsafe_allow_html=True)


def main() -> None:
    """Draw the page."""
    st.set_page_config(page_title="Cuban Missile Crisis Atlas", page_icon="🗺️", layout="wide")
    try:
        prepared = prepared_catalog()
    except io.DataError as exc:
        lang = st.query_params.get("lang", "en")
        st.error(t("error_data", lang, n=len(exc.problems), first=str(exc.problems[0])))
        st.stop()
    warnings = _init_session(prepared)
    state = sidebar(prepared)
    lang = state.lang
    st.markdown(f"### {t('app_title', lang)}")
    st.caption(t("app_subtitle", lang))
    for w in warnings:
        st.warning(w)
    moment = time_controls(prepared, lang)
    state = replace(state, t=moment)
    st.query_params.from_dict(to_query(state))
    scene = build_scene(prepared, state.t, REGISTRY, lang=lang, layers=state.layers, range_figure=state.figure)
    left, right = st.columns([3, 1])
    with left:
        show_map(render_html(scene))
    with right:
        clock_panel(scene)
        narrative_panel(scene)
    st.caption(t("footer", lang))
