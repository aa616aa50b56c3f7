"""The US count against the real one (``data/estimates.yaml``) and what Moscow knew (``data/moscow.yaml``), as
the panels beside the map tell them: step series for the chart, and the Moscow reading of a moment.

Python decides every figure and every word here; the browser (``static/atlas/chart.js``) only draws the steps and
moves the cursor with the time bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from geoapp import clock
from geoapp.i18n import t
from geoapp.model import Catalog, EstimatePoint, EstimateSeries, MoscowReading
from geoapp.scene import works


class _Timed(Protocol):
    time: datetime


T = TypeVar("T", bound=_Timed)


def value_at(items: Sequence[T], moment: datetime) -> T | None:
    """The item of a step series (estimate points, Moscow's readings: in time order) holding at ``moment``, i.e.
    the last begun by then (None before the first)."""
    told = None
    for p in items:
        if p.time > moment:
            break
        told = p
    return told


def nice_max(value: float) -> float:
    """A round number at or above ``value`` for the top of a chart's axis (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _point(p: EstimatePoint) -> list[Any]:
    return [int(p.time.timestamp()), p.value, p.low, p.high]


def _series(s: EstimateSeries, lang: str) -> dict[str, Any]:
    top = max(max(p.high if p.high is not None else p.value for p in side) for side in (s.us, s.actual))
    return {"id": s.id, "title": s.title.get(lang), "unit": s.unit.get(lang),
            "us": [_point(p) for p in s.us], "actual": [_point(p) for p in s.actual], "max": nice_max(top),
            "note": s.note.get(lang) if s.note else ""}


def chart(catalog: Catalog, lang: str) -> dict[str, Any] | None:
    """The chart of estimate against reality as the browser draws it (``CMCChart.Chart``), or None without
    series."""
    if not catalog.estimates:
        return None
    return {"title": t("estimates_title", lang), "us_label": t("estimates_us", lang),
            "actual_label": t("estimates_actual", lang), "note_label": t("estimates_note", lang), "lang": lang,
            "series": [_series(s, lang) for s in catalog.estimates]}


def moscow_told(m: MoscowReading, lang: str, short: dict[str, str]) -> dict[str, Any]:
    """A Moscow reading as the panel tells it: from when, the time in words, title, text and its works."""
    return {"t": int(m.time.timestamp()), "when": clock.format_moment(m.time, lang), "title": m.title.get(lang),
            "text": m.text.get(lang), "cite": works(m.sources, short)}


def moscow_at(catalog: Catalog, moment: datetime) -> MoscowReading | None:
    """The latest thing Moscow knew at ``moment`` (None before the first reading)."""
    return value_at(catalog.moscow, moment)
