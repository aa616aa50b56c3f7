"""The atlas's settings (``atlas.toml``): default language, and the kiosk's idle time and start.

URL parameters override them for one page. ``CMC_ATLAS_CONFIG`` points at another file; a missing
or unreadable file means the built-in defaults below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import datetime
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

    try:
        start = clock.parse_moment(str(kiosk["start"])) if "start" in kiosk else base.start
    except clock.TimeError:
        start = base.start
    return Settings(
        default_lang=lang(app.get("default_lang"), "en"),
        kiosk=KioskSettings(
            default_lang=lang(kiosk.get("default_lang"), base.default_lang),
            idle_seconds=int(number(kiosk.get("idle_seconds"), base.idle_seconds, 5, 86400)),
            countdown_seconds=int(number(kiosk.get("countdown_seconds"), base.countdown_seconds, 1, 120)),
            start=start,
            attract_speed_hours=number(kiosk.get("attract_speed_hours"), base.attract_speed_hours, 0.5, 5000),
            attract_hold_seconds=number(kiosk.get("attract_hold_seconds"), base.attract_hold_seconds, 0, 60),
        ),
    )
