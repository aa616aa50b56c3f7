"""The crisis clock: UTC inside, the timeline's bounds, and the zones people read.

Washington was on EDT (UTC-4) until 02:00 on Sunday 28 October 1962 and on EST (UTC-5) after;
``zoneinfo`` knows this for ``America/New_York``. Havana was on UTC-5 in October 1962 (Dobbs's
film-clock caption: 20:22:34 GMT = 15:22:34 Cuba), which the tz database also gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from geoapp import vocab

WASHINGTON = ZoneInfo("America/New_York")
HAVANA = ZoneInfo("America/Havana")
MOSCOW = ZoneInfo("Europe/Moscow")

#: The whole timeline: Operation Anadyr's decision (May 1962) to the Jupiters' removal (April 1963).
TIMELINE_START = datetime(1962, 5, 1, tzinfo=UTC)
TIMELINE_END = datetime(1963, 4, 30, 23, 59, tzinfo=UTC)
#: The crisis proper, the slider's default range: first missiles in Cuba to the quarantine lifted.
CRISIS_START = datetime(1962, 9, 1, tzinfo=UTC)
CRISIS_END = datetime(1962, 11, 21, 23, 0, tzinfo=UTC)
#: The default moment shown: U-2 mission G3101 over San Cristóbal, 14 October 1962 07:31 EDT.
DEFAULT_MOMENT = datetime(1962, 10, 14, 12, 0, tzinfo=UTC)

#: Named periods a visitor can pick for the slider (the names: ``vocab.PERIODS``).
PERIODS: dict[str, tuple[datetime, datetime]] = vocab.keyed_by(vocab.PERIODS, {
    "crisis": (CRISIS_START, CRISIS_END),
    "thirteen_days": (datetime(1962, 10, 14, tzinfo=UTC), datetime(1962, 10, 29, tzinfo=UTC)),
    "anadyr": (TIMELINE_START, CRISIS_START),
    "epilogue": (CRISIS_END, TIMELINE_END),
    "all": (TIMELINE_START, TIMELINE_END),
})

#: The named periods a moment's time bar follows when no period is chosen, tried in this order; a moment in none
#: of them gets the whole timeline (:func:`period_for`).
FOLLOWED_PERIODS = ("crisis", "anadyr", "epilogue")
#: The period of a moment in none of :data:`FOLLOWED_PERIODS`.
FALLBACK_PERIOD = "all"

#: How close to an end of the time bar the prologue or the epilogue is told.
STORY_WINDOW = timedelta(days=1)


class TimeError(ValueError):
    """A time that cannot be read or lies outside the timeline."""


def parse_time(text: str) -> datetime:
    """Parse ISO 8601 with an explicit offset (``Z``, ``-04:00``) into an aware UTC datetime.

    A time without an offset is refused: the atlas never guesses a zone.
    """
    raw = str(text).strip()
    if raw.endswith("z"):
        raw = raw[:-1] + "Z"
    try:
        dt = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise TimeError(f"'{text}' is not an ISO 8601 time (e.g. 1962-10-22T19:00-04:00)") from exc
    if dt.tzinfo is None:
        raise TimeError(f"'{text}' has no time zone; add Z or an offset such as -04:00")
    try:
        return dt.astimezone(UTC)
    except OverflowError as exc:  # e.g. 0001-01-01T00:00+01:00, before the first day a computer's calendar holds
        raise TimeError(f"'{text}' is outside the range of dates that can be read") from exc


def parse_moment(text: str) -> datetime:
    """Parse a moment asked for by a person (URL, CLI): a date alone means 12:00 GMT that day."""
    raw = str(text).strip()
    if len(raw) == 10:
        raw += "T12:00Z"
    elif "T" in raw and raw[-1] not in "zZ" and "+" not in raw[10:] and "-" not in raw[10:]:
        raw += "Z"
    dt = parse_time(raw)
    if not TIMELINE_START <= dt <= TIMELINE_END:
        raise TimeError(
            f"{iso(dt)} is outside the atlas's timeline "
            f"({iso(TIMELINE_START)} to {iso(TIMELINE_END)}); choose a moment inside it"
        )
    return dt


def iso(dt: datetime) -> str:
    """An ISO 8601 UTC string with a ``Z``, to the minute (seconds when they are not zero)."""
    dt = dt.astimezone(UTC)
    fmt = "%Y-%m-%dT%H:%M:%SZ" if dt.second else "%Y-%m-%dT%H:%MZ"
    return dt.strftime(fmt)


def period_for(moment: datetime) -> str:
    """The named period a moment's time bar shows when none is chosen: the first of :data:`FOLLOWED_PERIODS`
    that holds it, else :data:`FALLBACK_PERIOD` (the app's state and the static site's manifest both use it)."""
    for name in FOLLOWED_PERIODS:
        start, end = PERIODS[name]
        if start <= moment <= end:
            return name
    return FALLBACK_PERIOD


def clamp(dt: datetime, start: datetime = TIMELINE_START, end: datetime = TIMELINE_END) -> datetime:
    """``dt`` kept inside [start, end]."""
    return max(start, min(end, dt))


@dataclass(frozen=True)
class ClockReading:
    """One moment read in the four zones the atlas shows."""

    utc: datetime
    washington: datetime
    havana: datetime
    moscow: datetime

    @property
    def washington_zone(self) -> str:
        """``EDT`` or ``EST``: the zone name in force in Washington at that moment."""
        return self.washington.tzname() or ""


def read_clock(dt: datetime) -> ClockReading:
    """The moment ``dt`` in GMT, Washington, Havana and Moscow."""
    utc = dt.astimezone(UTC)
    return ClockReading(
        utc=utc,
        washington=utc.astimezone(WASHINGTON),
        havana=utc.astimezone(HAVANA),
        moscow=utc.astimezone(MOSCOW),
    )


_WEEKDAYS_JA = "月火水木金土日"


#: The IANA zone of each place the clock reads.
ZONE_NAMES = {"washington": "America/New_York", "havana": "America/Havana", "moscow": "Europe/Moscow", "gmt": "UTC"}


def zone_label(zone: str, lang: str = "en") -> str | None:
    """The label written after a time read in ``zone``; ``None`` for Washington, whose label (EDT or EST)
    depends on the moment. A zone's name, never a place's: "13:00 キューバ時間", not "13:00 ハバナ"."""
    return {
        "washington": None,
        "havana": "HAV" if lang == "en" else "キューバ時間",
        "moscow": "MSK" if lang == "en" else "モスクワ時間",
        "gmt": "GMT",
    }[zone]


def zone_steps(zone: str, start: datetime = TIMELINE_START - timedelta(days=1),
               end: datetime = TIMELINE_END + timedelta(days=1)) -> list[tuple[int, int, str]]:
    """The offsets from UTC a place's clock kept between ``start`` and ``end``: ``[(from, offset, name), ...]``
    in epoch seconds, seconds east of UTC and the zone's abbreviation (``EDT``, ``EST``...), the first from
    ``start`` (a moment before it reads the same).

    The browser reads a moment's wall clock from these rather than from its own time-zone database: the rules
    stay in one place (``zoneinfo``), and the browser never loads its zone data (about 15 ms on a first map).
    Offsets here change at most a few times a year: each day is compared with the next, and a change is found to
    the second by halving."""
    tz = ZoneInfo(ZONE_NAMES[zone])

    def reading(ts: int) -> tuple[int, str]:
        local = datetime.fromtimestamp(ts, tz)
        return int((local.utcoffset() or timedelta(0)).total_seconds()), local.tzname() or ""

    t, last = int(start.timestamp()), int(end.timestamp())
    steps = [(t, *reading(t))]
    while t < last:
        nxt = min(t + 86_400, last)
        if reading(nxt) != reading(t):
            lo, hi = t, nxt  # the change is after lo, at or before hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if reading(mid) != reading(lo) else (mid, hi)
            steps.append((hi, *reading(hi)))
        t = nxt
    return steps


def format_day(dt: datetime, lang: str = "en") -> str:
    """The day of a moment in Washington, short, for a time bar's ticks: "14 Oct" / "10/14"."""
    local = dt.astimezone(WASHINGTON)
    return f"{local.month}/{local.day}" if lang == "ja" else f"{local.day} {local:%b}"


def format_moment(dt: datetime, lang: str = "en", zone: str = "washington") -> str:
    """A moment in words for people: e.g. ``Sat 27 Oct 1962, 10:22 EDT`` / ``1962年10月27日(土) 10:22 EDT``.

    ``zone`` is one of ``washington``, ``havana``, ``moscow``, ``gmt``.
    """
    reading = read_clock(dt)
    local = {
        "washington": reading.washington,
        "havana": reading.havana,
        "moscow": reading.moscow,
        "gmt": reading.utc,
    }[zone]
    label = zone_label(zone, lang) or reading.washington_zone
    if lang == "ja":
        wd = _WEEKDAYS_JA[local.weekday()]
        return f"{local.year}年{local.month}月{local.day}日({wd}) {local:%H:%M} {label}"
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {label}"


def format_date(text: str, lang: str = "en") -> str:
    """A day, a month or a year written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, in words: "17 Apr 1961",
    "1961年4月17日", "1992"."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return f"{parts[0]}年" if lang == "ja" else str(parts[0])
    y, m, d = parts[0], parts[1], parts[2] if len(parts) > 2 else None
    if lang == "ja":
        return f"{y}年{m}月" + (f"{d}日" if d else "")
    return (f"{d} " if d else "") + f"{datetime(y, m, 1):%b %Y}"  # month names as format_moment writes them


def story_bounds(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """Until when the prologue is told, and from when the epilogue, on a time bar from ``start`` to ``end``."""
    return start + STORY_WINDOW, end - STORY_WINDOW


def story_part(moment: datetime, start: datetime, end: datetime) -> str | None:
    """Which part of the story is told beside ``moment`` on a time bar from ``start`` to ``end``: the
    prologue within a day of its start, the epilogue within a day of its end, else none."""
    until, since = story_bounds(start, end)
    if moment <= until:
        return "prologue"
    if moment >= since:
        return "epilogue"
    return None
