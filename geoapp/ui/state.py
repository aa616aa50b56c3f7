"""The page's state as plain values, and its round trip through the URL. No Streamlit here, so it can be
imported and tested on its own.

The URL carries ``?t=<ISO time>&lang=ja|en&layers=a,b`` (``fig=us_1962`` when chosen, ``view=known|gap``
when not what was there, and ``kiosk=1&idle=<s>`` on an exhibit); opening such a URL restores that state. The
slider's period and the map's bounds are part of the state but not of the URL: the period follows the moment,
the bounds the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from geoapp import clock, settings, vocab
from geoapp.i18n import t
from layers import LAYER_IDS

#: the map's bounds: west, south, east, north (degrees)
Bounds = tuple[float, float, float, float]

_YES = ("1", "true", "yes")
#: every URL parameter the page reads (the README documents each: tests/test_docs.py)
URL_PARAMS = ("t", "lang", "layers", "fig", "view", "kiosk", "idle")


#: the longest time an address may carry (an ISO time with seconds and an offset is 25 characters)
TIME_MAX = 64
#: the longest value of an address quoted back in a warning
QUOTE_MAX = 60


def quoted(value: str) -> str:
    """A value from the address as a warning quotes it: cut with an ellipsis when long (a warning is a sentence)."""
    return value if len(value) <= QUOTE_MAX else value[:QUOTE_MAX] + "…"


def period_for(moment: datetime) -> str:
    """The narrowest named period containing ``moment`` (the slider's default range: ``clock.period_for``)."""
    return clock.period_for(moment)


@dataclass(frozen=True)
class UIState:
    """Everything the page shows, as plain values."""

    t: datetime
    lang: str = "en"
    layers: tuple[str, ...] = LAYER_IDS
    figure: str | None = None
    kiosk: bool = False
    idle: int | None = None  # kiosk: seconds without a touch before the countdown and reset
    period: str = ""  # the slider's range, a clock.PERIODS name; empty or unknown: the period holding t
    bbox: Bounds | None = None  # the map's bounds as last reported (None: the default view)
    view: str = vocab.DEFAULT_VIEW  # what the map shows: actual, known or gap (geoapp.knowledge)

    def __post_init__(self) -> None:
        if self.period not in clock.PERIODS:
            object.__setattr__(self, "period", period_for(self.t))

    @property
    def period_range(self) -> tuple[datetime, datetime]:
        """The start and end of the slider's period."""
        return clock.PERIODS[self.period]

    @property
    def story_part(self) -> str | None:
        """Which part of the story the narrative tells beside the moment: the prologue within a day of the
        time bar's start, the epilogue within a day of its end (the map's period is never stretched)."""
        return clock.story_part(self.t, *self.period_range)


def wants_kiosk(params: Mapping[str, str]) -> bool:
    """Whether URL parameters ask for the kiosk (``kiosk=1``, ``true`` or ``yes``)."""
    return str(params.get("kiosk", "")).lower() in _YES


def parse_query(params: Mapping[str, str], conf: settings.Settings | None = None) -> tuple[UIState, list[str]]:
    """The UI state from URL parameters (over the settings), and the warnings for bad values."""
    conf = conf or settings.load()
    warnings: list[str] = []
    kiosk = wants_kiosk(params)
    default_lang = conf.kiosk.default_lang if kiosk else conf.default_lang
    lang = params.get("lang", default_lang)
    lang = lang if lang in vocab.LANGS else default_lang
    idle = None
    if kiosk:
        idle = conf.kiosk.idle_seconds
        if params.get("idle"):
            try:
                idle = max(3, min(86400, int(params["idle"])))
            except ValueError:
                warnings.append(t("error_url_idle", lang, value=quoted(params["idle"])))
    moment = conf.kiosk.start if kiosk else clock.DEFAULT_MOMENT
    if params.get("t") and len(params["t"]) > TIME_MAX:  # quoted back, 100 KB of it would be the page
        warnings.append(t("error_url_time", lang, value=quoted(params["t"]), why=t("error_url_too_long", lang)))
    elif params.get("t"):
        try:
            moment = clock.parse_moment(params["t"])
        except clock.TimeError as exc:
            warnings.append(t("error_url_time", lang, value=quoted(params["t"]), why=str(exc)))
    layers = LAYER_IDS
    if params.get("layers") is not None:
        asked = [x.strip() for x in params["layers"].split(",") if x.strip()]
        unknown = [x for x in asked if x not in LAYER_IDS]
        if unknown:
            warnings.append(t("error_url_layers", lang, value=quoted(", ".join(unknown))))
        layers = tuple(x for x in LAYER_IDS if x in asked)
    figure = params.get("fig") if params.get("fig") in vocab.RANGE_FIGURES else None
    view = params.get("view") or vocab.DEFAULT_VIEW
    if view not in vocab.VIEWS:
        warnings.append(t("error_url_view", lang, value=quoted(view), choices=", ".join(vocab.VIEWS)))
        view = vocab.DEFAULT_VIEW
    return UIState(t=moment, lang=lang, layers=layers, figure=figure, kiosk=kiosk, idle=idle, view=view), warnings


def to_query(state: UIState) -> dict[str, str]:
    """URL parameters for a UI state (the period and the map's bounds stay out of the URL)."""
    q = {"t": clock.iso(state.t), "lang": state.lang, "layers": ",".join(state.layers)}
    if state.figure:
        q["fig"] = state.figure
    if state.view != vocab.DEFAULT_VIEW:
        q["view"] = state.view
    if state.kiosk:
        q["kiosk"] = "1"
        q["idle"] = str(state.idle)
    return q
