"""The Streamlit shell's logic: one small UI state that round-trips through the URL, the controls,
the map and the panels. ``streamlit_app.py`` only calls :func:`main`.

The URL carries ``?t=<ISO time>&lang=ja|en&layers=a,b`` (and ``fig=us_1962`` when chosen); opening
such a URL restores that state.
"""

from __future__ import annotations

import html
import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from geoapp import clock, diskcache, io, settings
from geoapp.catalog import prepared_catalog
from geoapp.i18n import t
from geoapp.render.geojson import to_geojson_text
from geoapp.render.leaflet.page import live_parts, standalone_document
from geoapp.render.tables import to_csv
from geoapp.scene import Scene, build_scene, cite, source_labels
from geoapp.timed import build_timed_scene
from geoapp.timeline import Prepared
from layers import LAYER_IDS, REGISTRY

MAP_HEIGHT = 720
KIOSK_MAP_HEIGHT = 860
MAP_KEY = "atlas_map"
_live_component = components.declare_component("atlas_map", path=str(Path(__file__).parent / "component"))
LANG_LABELS = {"en": "English", "ja": "日本語"}


@dataclass(frozen=True)
class UIState:
    """Everything the page shows, as plain values."""

    t: datetime
    lang: str = "en"
    layers: tuple[str, ...] = LAYER_IDS
    figure: str | None = None
    kiosk: bool = False
    idle: int | None = None  # kiosk: seconds without a touch before the countdown and reset


def parse_query(params: dict[str, str], conf: settings.Settings | None = None) -> tuple[UIState, list[str]]:
    """The UI state from URL parameters (over the settings), and the warnings for bad values."""
    conf = conf or settings.load()
    warnings: list[str] = []
    kiosk = str(params.get("kiosk", "")).lower() in ("1", "true", "yes")
    default_lang = conf.kiosk.default_lang if kiosk else conf.default_lang
    lang = params.get("lang", default_lang)
    lang = lang if lang in ("en", "ja") else default_lang
    idle = None
    if kiosk:
        idle = conf.kiosk.idle_seconds
        if params.get("idle"):
            try:
                idle = max(3, min(86400, int(params["idle"])))
            except ValueError:
                warnings.append(t("error_url_idle", lang, value=params["idle"]))
    moment = conf.kiosk.start if kiosk else clock.DEFAULT_MOMENT
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
    return UIState(t=moment, lang=lang, layers=layers, figure=figure, kiosk=kiosk, idle=idle), warnings


def to_query(state: UIState) -> dict[str, str]:
    """URL parameters for a UI state."""
    q = {"t": clock.iso(state.t), "lang": state.lang, "layers": ",".join(state.layers)}
    if state.figure:
        q["fig"] = state.figure
    if state.kiosk:
        q["kiosk"] = "1"
        q["idle"] = str(state.idle)
    return q


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
    st.session_state.kiosk = state.kiosk
    st.session_state.idle = state.idle
    _apply(state)
    st.session_state.ui_ready = True
    return warnings


def _apply(state: UIState) -> None:
    """Put a UI state's language, period, moment, figure and layers into the session."""
    st.session_state.lang = state.lang
    st.session_state.period = period_for(state.t)
    st.session_state.moment = state.t
    st.session_state.figure = state.figure or "default"
    for lid in LAYER_IDS:
        st.session_state[f"layer_{lid}"] = lid in state.layers


def _jump() -> None:
    chosen = st.session_state.get("jump")
    if chosen:
        moment = clock.parse_time(chosen)
        st.session_state.period = period_for(moment)
        st.session_state.moment = moment


def _period() -> str:
    """The chosen period's name; a missing or unknown value (seen once after a language switch on a
    kiosk) falls back to the period holding the moment."""
    name = st.session_state.get("period")
    if name not in clock.PERIODS:
        name = period_for(st.session_state.get("moment") or clock.DEFAULT_MOMENT)
        st.session_state.period = name
    return name


def _on_period() -> None:
    start, end = clock.PERIODS[_period()]
    st.session_state.moment = clock.clamp(st.session_state.moment, start, end)


def absorb_map_moment() -> None:
    """Take the moment the visitor settled on in the map (its time bar), once per commit."""
    value = st.session_state.get(MAP_KEY)
    if not isinstance(value, dict) or value.get("seq") == st.session_state.get("map_seq"):
        return
    st.session_state.map_seq = value.get("seq")
    view = value.get("view")
    if isinstance(view, list) and len(view) == 4:
        from geoapp.render.static import check_bbox

        try:
            st.session_state.map_view = check_bbox(tuple(float(v) for v in view))
        except (TypeError, ValueError):
            pass  # a view beyond the poles' limits: keep the last good one
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
    return UIState(t=st.session_state.moment, lang=lang, layers=layers, figure=figure,
                   kiosk=bool(st.session_state.get("kiosk")), idle=st.session_state.get("idle"))


def key_moment_menu(prepared: Prepared, lang: str) -> None:
    """A menu of the key moments; choosing one moves the map there."""
    keys = [e for e in prepared.catalog.events if e.key]
    labels = {e.time_text: f"{clock.format_moment(e.time, lang)} · {e.title.get(lang)}" for e in keys}
    st.selectbox(t("jump_to", lang), options=["", *labels], key="jump", on_change=_jump,
                 label_visibility="collapsed", format_func=lambda v: labels.get(v, t("jump_to", lang)))


@lru_cache(maxsize=8)
def live_page(lang: str, figure: str | None) -> dict[str, str]:
    """The live map page for a language and range figure (built once: ~1 s; the moment is not in it)."""
    prepared = prepared_catalog()

    def build() -> dict[str, str]:
        timed = build_timed_scene(prepared, REGISTRY, lang=lang, figure=figure, source_labels=source_labels(prepared))
        start, end = clock.PERIODS["crisis"]
        return live_parts(timed, clock.DEFAULT_MOMENT.timestamp(), (start.timestamp(), end.timestamp()), LAYER_IDS)

    key = diskcache.digest(io.DATA_DIR, extra=diskcache.code_digest())
    return diskcache.cached(f"live-{lang}-{figure}", key, build)


def live_map(state: UIState) -> None:
    """The live map component: it draws every moment itself and reports the moment settled on."""
    start, end = clock.PERIODS[_period()]
    kiosk = None
    if state.kiosk:
        k = settings.load().kiosk
        kiosk = {"idle": state.idle, "countdown": k.countdown_seconds, "speed": k.attract_speed_hours,
                 "hold": k.attract_hold_seconds, "start": clock.iso(k.start)}
    _live_component(doc=live_page(state.lang, state.figure), t=clock.iso(state.t),
                    period=[start.timestamp(), end.timestamp()], layers=list(state.layers),
                    height=KIOSK_MAP_HEIGHT if state.kiosk else MAP_HEIGHT, fill=state.kiosk, kiosk=kiosk,
                    key=MAP_KEY, default=None)


KIOSK_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"], footer,
[data-testid="stStatusWidget"], [data-testid="stDecoration"], [data-testid="stAppDeployButton"],
[data-testid="stMainMenu"], .stDeployButton { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.4rem 1rem 0 !important;
  max-width: 100% !important; }
html, body, .stApp { user-select: none; -webkit-user-select: none; touch-action: pan-x pan-y;
  overscroll-behavior: none; }
.stApp a { pointer-events: none; }
.stButton button { min-height: 48px; min-width: 96px; font-size: 1.1rem; }
.stApp { font-size: 1.15rem; }
</style>"""


def _toggle_lang() -> None:
    st.session_state.lang = "en" if st.session_state.lang == "ja" else "ja"


def kiosk_header(lang: str) -> None:
    """The kiosk's title row: the title and a one-touch language switch."""
    st.markdown(KIOSK_CSS, unsafe_allow_html=True)
    left, right = st.columns([6, 1])
    left.markdown(f"### {t('app_title', lang)}")
    right.button("English" if lang == "ja" else "日本語", key="lang_toggle", on_click=_toggle_lang,
                 use_container_width=True)


@lru_cache(maxsize=8)
def standalone_page(lang: str, figure: str | None, period: str) -> bytes:
    """The self-contained interactive map for a language, figure and period (cached)."""
    prepared = prepared_catalog()
    timed = build_timed_scene(prepared, REGISTRY, lang=lang, figure=figure, source_labels=source_labels(prepared))
    start, end = clock.PERIODS[period]
    return standalone_document(timed, start.timestamp(), (start.timestamp(), end.timestamp()),
                               LAYER_IDS).encode("utf-8")


@lru_cache(maxsize=1)
def _warm_snapshots() -> None:
    """Load the snapshot basemap in the background once per server, so the first snapshot is quick.
    (matplotlib is imported only here and below: a kiosk, which has no exports, never loads it.)"""
    from geoapp.render.static import warm

    threading.Thread(target=warm, name="cmc-snapshot-warm", daemon=True).start()


#: what a snapshot's file name says about its format
SNAP_SUFFIX = {"png_1080": "1920x1080", "png_4k": "3840x2160", "png_a4": "a4-300dpi", "svg": "1920x1080",
               "pdf": "a4"}


def snapshot_bytes(scene: Scene, preset: str, view: tuple[float, float, float, float] | None) -> bytes:
    """The image of a scene in one of the app's formats, over the map's view (or the default view)."""
    from geoapp.render.static import PRESETS, render_image

    width, height, dpi, fmt = PRESETS[preset]
    return render_image(scene, fmt, width, height, dpi, view)


def snapshot_controls(scene: Scene, state: UIState, stamp: str) -> None:
    """One button that saves the moment, layers and view on screen as an image in the chosen format."""
    from geoapp.render.static import MIME, PRESETS

    _warm_snapshots()
    lang = state.lang
    view = st.session_state.get("map_view")
    c1, c2 = st.columns([1, 1])
    c1.selectbox(t("snapshot_format", lang), options=list(PRESETS), key="snap_fmt",
                 format_func=lambda k: t(f"snap_{k}", lang))
    preset = st.session_state.get("snap_fmt") or "png_1080"
    fmt = PRESETS[preset][3]
    c2.download_button(t("download_snapshot", lang), key="dl_snapshot", mime=MIME[fmt],
                       file_name=f"cmc-atlas-{stamp}-{lang}-{SNAP_SUFFIX[preset]}.{fmt}",
                       data=lambda: snapshot_bytes(scene, preset, view), on_click="ignore",
                       use_container_width=True)
    st.caption(t("snapshot_note", lang, when=scene.clock_lines[0][1],
                 view=t("snapshot_view_screen" if view else "snapshot_view_default", lang)))


def downloads(scene: Scene, state: UIState) -> None:
    """The current moment's data (GeoJSON, CSV, with sources) and the interactive map as one file."""
    lang = state.lang
    stamp = clock.iso(state.t).replace(":", "")
    st.markdown(f"#### {t('export', lang)}")
    snapshot_controls(scene, state, stamp)
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("download_geojson", lang), key="dl_geojson", mime="application/geo+json",
                       use_container_width=True,
                       file_name=f"cmc-atlas-{stamp}.geojson",
                       data=lambda: to_geojson_text(scene),
                       on_click="ignore")
    c2.download_button(t("download_csv", lang), key="dl_csv", mime="text/csv", file_name=f"cmc-atlas-{stamp}.csv",
                       use_container_width=True,
                       data=lambda: to_csv(scene).encode("utf-8-sig"), on_click="ignore")
    c3.download_button(t("download_html", lang), key="dl_html", mime="text/html", use_container_width=True,
                       file_name=f"cmc-atlas-{state.lang}.html",
                       data=lambda: standalone_page(state.lang, state.figure, _period()), on_click="ignore")
    st.caption(t("downloads_note", lang))


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
    kiosk = bool(st.session_state.get("kiosk"))
    for e in events[:2 if kiosk else 6]:
        if kiosk:  # short citations on an exhibit: who, and where in the work
            srcs = "; ".join(dict.fromkeys(
                f"{scene.source_labels.get(s.split('#')[0], s).split(',')[0]}"
                + (f" {s.split('#', 1)[1]}" if "#" in s else "") for s in e.sources))
        else:
            srcs = "; ".join(cite(s, scene.source_labels) for s in e.sources)
        st.markdown(f"**{clock.format_moment(e.time, lang)}** — **{e.title.get(lang)}**  \n{e.text.get(lang)}  \n"
                    f"<small>{t('sources', lang)}: {html.escape(srcs)}</small>", unsafe_allow_html=True)


def main() -> None:
    """Draw the page."""
    kiosk_url = str(st.query_params.get("kiosk", "")).lower() in ("1", "true", "yes")
    st.set_page_config(page_title="Cuban Missile Crisis Atlas", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="collapsed" if kiosk_url else "auto")
    try:
        prepared = prepared_catalog()
    except io.DataError as exc:
        lang = st.query_params.get("lang", "en")
        st.error(t("error_data", lang, n=len(exc.problems), first=str(exc.problems[0])))
        st.stop()
    warnings = _init_session(prepared)
    absorb_map_moment()
    state = sidebar(prepared)
    lang = state.lang
    if state.kiosk:
        kiosk_header(lang)
    else:
        st.markdown(f"### {t('app_title', lang)}")
        st.caption(t("app_subtitle", lang))
    for w in warnings:
        st.warning(w)
    if not state.kiosk:
        key_moment_menu(prepared, lang)
    st.query_params.from_dict(to_query(state))
    scene = build_scene(prepared, state.t, REGISTRY, lang=lang, layers=state.layers, range_figure=state.figure)
    left, right = st.columns([3, 1])
    with left:
        live_map(state)
        if not state.kiosk:  # right under the map, where the view it saves is
            downloads(scene, state)
    with right:
        clock_panel(scene)
        narrative_panel(scene)
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
        lang = st.session_state.get("lang", "en")
        st.error(t("error_page", lang))
