"""What the data may plausibly say: speed envelopes, statuses by site kind, honest precision, and
the words a reader must never see.

These are the only copies of the tables; ``data/README.md`` documents them (and
``tests/test_validation.py`` checks that it agrees). The functions here are pure: the parsers in
:mod:`geoapp.io.records` call them and turn what they return into problems on the record's reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geoapp import geo
from geoapp.style import ESTIMATE_THRESHOLD_KM
from geoapp.vocab import FLIGHT_KINDS, SITE_KINDS, VESSEL_KINDS, keyed_by

KNOT_KMH = 1.852


@dataclass(frozen=True)
class Envelope:
    """The average speed over a leg that a craft of one kind can show, in its own unit.

    ``low`` is the slowest average a leg may show (0 for ships, which stop, anchor and wait),
    ``high`` the fastest. ``unit`` is ``km/h`` for aircraft and ``kn`` for ships.
    """

    low: float
    high: float
    unit: str

    def kmh(self) -> tuple[float, float]:
        """The envelope in km/h."""
        f = KNOT_KMH if self.unit == "kn" else 1.0
        return self.low * f, self.high * f

    def show(self, kmh: float) -> str:
        """A speed in km/h written in this envelope's unit (``1,098 km/h``, ``21.4 kn``)."""
        if self.unit == "kn":
            return f"{kmh / KNOT_KMH:.1f} kn"
        return f"{kmh:,.0f} km/h"

    def range_text(self) -> str:
        """The envelope as people read it: ``560–880 km/h``."""
        return f"{self.low:g}–{self.high:g} {self.unit}"


#: The speed envelope of each flight kind and vessel kind (data/README.md, "Speed envelopes", gives
#: the sources). Aircraft: ground speed averaged over a leg between two timed vertices; ships: speed
#: along the sea route the map draws between two fixes.
SPEED_ENVELOPES: dict[str, Envelope] = keyed_by(FLIGHT_KINDS + VESSEL_KINDS, {
    # aircraft (vocab.FLIGHT_KINDS)
    "U-2": Envelope(560, 880, "km/h"),
    "RF-8A": Envelope(550, 1200, "km/h"),
    "RF-101": Envelope(550, 1300, "km/h"),
    # ships (vocab.VESSEL_KINDS)
    "cargo": Envelope(0, 20.5, "kn"),
    "tanker": Envelope(0, 18, "kn"),
    "passenger": Envelope(0, 22, "kn"),
    "submarine": Envelope(0, 17, "kn"),
    "carrier": Envelope(0, 34, "kn"),
    "destroyer": Envelope(0, 37, "kn"),
    "cruiser": Envelope(0, 34, "kn"),
    "frigate": Envelope(0, 35, "kn"),
})

#: Legs shorter than this (km) are not judged: a few minutes' rounding swamps them.
MIN_LEG_KM = 2.0


def leg_speed_problem(kind: str, km: float, hours: float, since: str = "the point before") -> str | None:
    """Why a leg of ``km`` covered in ``hours`` (from the point named ``since``) is implausible for a craft
    of ``kind``, or None."""
    env = SPEED_ENVELOPES.get(kind)
    if env is None or hours <= 0 or km < MIN_LEG_KM:
        return None
    lo, hi = env.kmh()
    speed = km / hours
    if speed > hi:
        return (f"the leg from {since} implies {env.show(speed)} over {km:,.0f} km, faster than a "
                f"{kind} can go ({env.range_text()}, data/README.md); fix the time or the position, or add "
                f"speed_exception {{sources, note}}")
    if speed < lo:
        return (f"the leg from {since} implies {env.show(speed)} over {km:,.0f} km, slower than a "
                f"{kind} flies ({env.range_text()}, data/README.md); fix the time or the position, or add "
                f"speed_exception {{sources, note}}")
    return None


def sea_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Length (km) of the sea route the map draws from ``a`` to ``b`` (``geoapp.routes``)."""
    from geoapp import routes

    return geo.path_length_km(routes.sea_leg(a, b))[-1]


def air_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Length (km) of the geodesic an aircraft is drawn along from ``a`` to ``b``."""
    return geo.distance_km(a[0], a[1], b[0], b[1])


# -- statuses by site kind ---------------------------------------------------------------------------------

#: The statuses each site kind may take (data/README.md, "What a status means"). Fixed installations
#: that existed before and after the crisis (ports, bases, airfields) are never under construction here.
SITE_KIND_STATUSES: dict[str, tuple[str, ...]] = keyed_by(SITE_KINDS, {
    "MRBM": ("construction", "operational", "dismantling", "removed"),
    "IRBM": ("construction", "operational", "dismantling", "removed"),
    "SAM": ("construction", "operational", "dismantling", "removed"),
    "FKR": ("construction", "operational", "dismantling", "removed"),
    "LUNA": ("construction", "operational", "dismantling", "removed"),
    "IL28": ("construction", "operational", "dismantling", "removed"),
    "MIG21": ("construction", "operational", "dismantling", "removed"),
    "WARHEADS": ("construction", "operational", "dismantling", "removed"),
    "HQ": ("operational", "removed"),
    "COMMAND": ("operational", "removed"),
    "PORT": ("operational", "removed"),
    "NAVAL_BASE": ("operational",),
    "JUPITER": ("operational", "dismantling", "removed"),
    "THOR": ("operational", "dismantling", "removed"),
    "AIRBASE": ("operational",),
})

#: Site kinds whose weapons arrived in pieces (crated aircraft, missiles to be erected): an
#: ``operational`` period of one of these must cite, on the period itself, the source that says the
#: weapon could then be used (``periods[i].sources``).
OPERATIONAL_NEEDS_SOURCE = frozenset({"MRBM", "IRBM", "IL28", "MIG21"})


# -- honest precision --------------------------------------------------------------------------------------

#: The bibliography id of a value the atlas placed itself. ``atlas-estimate#dates`` (or ``#time``)
#: says only the dates are estimated; bare ``atlas-estimate`` or ``#position`` marks the position.
ESTIMATE_ID = "atlas-estimate"
_TIME_ONLY = ("dates", "time", "times", "date", "status")


def position_estimated(sources: tuple[str, ...]) -> bool:
    """Whether ``sources`` say the position was placed from a description (not a time-only estimate)."""
    for ref in sources:
        sid, _, loc = ref.partition("#")
        if sid == ESTIMATE_ID and loc not in _TIME_ONLY:
            return True
    return False


def precision_problem(precision_km: float, why: str) -> str | None:
    """Why an estimated position's precision is dishonest (drawn as exact), or None."""
    if precision_km > ESTIMATE_THRESHOLD_KM:
        return None
    return (f"{precision_km:g} km draws a position {why} as exact; an estimate needs more than "
            f"{ESTIMATE_THRESHOLD_KM:g} km so that it gets a halo")


# -- text people read --------------------------------------------------------------------------------------

#: Words of the atlas's workshop that must never reach a reader, with what to say instead.
INTERNAL_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bseeds?\s*0\d\d\b|\bseed text", re.IGNORECASE),
     "a seed is cited in sources, never named in the text"),
    (re.compile(r"\batlas[- ]team\b|アトラス(?:チーム|班)", re.IGNORECASE),
     "the text speaks for itself, not for a team"),
    (re.compile(r"\batlas-estimate\b"), "a source id is a citation, not prose"),
    (re.compile(r"(?<![\w-])#?L\d{1,4}(?:[–-]L?\d{1,4})?\b"), "a line number is a locator for sources, not prose"),
    (re.compile(r"シード|\bdossier\b|\bgeo_facts\b|\bseed_facts\b", re.IGNORECASE),
     "internal working files are not named in the text"),
)


def internal_word(text: str) -> tuple[str, str] | None:
    """The first internal word in ``text`` and why it may not stay, or None."""
    for pattern, why in INTERNAL_WORDS:
        m = pattern.search(text)
        if m:
            return m.group(0), why
    return None
