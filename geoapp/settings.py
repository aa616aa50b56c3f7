"""The atlas's settings (``atlas.toml``): default language, and the kiosk's idle time and start.

URL parameters override them for one page. ``CMC_ATLAS_CONFIG`` points at another file; a missing
or unreadable file means the built-in defaults below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from geoapp import clock, paths
from geoapp.vocab import LANGS


@dataclass(frozen=True)
class KioskSettings:
    """How an unattended exhibit behaves."""

    default_lang: str = "ja"
    idle_seconds: int = 90
    countdown_seconds: int = 10
    start: datetime = clock.DEFAULT_MOMENT
    attract_speed_hours: float = 12.0
    attract_hold_seconds: float = 4.0
    #: once a loop, at this moment the attract loop shows what Washington did not know (the difference view) ...
    gap_tour_at: datetime = datetime(1962, 10, 27, 18, 0, tzinfo=UTC)
    #: ... for this long, then goes back to what was there and plays on (0: no such sequence)
    gap_tour_seconds: float = 14.0


@dataclass(frozen=True)
class Settings:
    """All settings."""

    default_lang: str = "en"
    kiosk: KioskSettings = KioskSettings()


def load(path: Path | str | None = None) -> Settings:
    """Read the settings file; unknown or bad values fall back to the defaults."""
    path = Path(path or os.environ.get("CMC_ATLAS_CONFIG") or paths.CONFIG_FILE)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return Settings()
    app, kiosk = doc.get("app", {}), doc.get("kiosk", {})
    base = KioskSettings()

    def lang(value: object, default: str) -> str:
        return value if value in LANGS else default

    def number(value: object, default: float, lo: float, hi: float) -> float:
        return float(value) if isinstance(value, (int, float)) and lo <= value <= hi else default

    def moment(key: str, default: datetime) -> datetime:
        try:
            return clock.parse_moment(str(kiosk[key])) if key in kiosk else default
        except clock.TimeError:
            return default

    return Settings(
        default_lang=lang(app.get("default_lang"), "en"),
        kiosk=KioskSettings(
            default_lang=lang(kiosk.get("default_lang"), base.default_lang),
            idle_seconds=int(number(kiosk.get("idle_seconds"), base.idle_seconds, 5, 86400)),
            countdown_seconds=int(number(kiosk.get("countdown_seconds"), base.countdown_seconds, 1, 120)),
            start=moment("start", base.start),
            attract_speed_hours=number(kiosk.get("attract_speed_hours"), base.attract_speed_hours, 0.5, 5000),
            attract_hold_seconds=number(kiosk.get("attract_hold_seconds"), base.attract_hold_seconds, 0, 60),
            gap_tour_at=moment("gap_tour_at", base.gap_tour_at),
            gap_tour_seconds=number(kiosk.get("gap_tour_seconds"), base.gap_tour_seconds, 0, 120),
        ),
    )
