"""The atlas's closed vocabularies: the only hand-written list of each.

The data files are checked against these (``geoapp.io``), the command line offers them
(``geoapp.cli``), the style tables are keyed by them (``geoapp.style``) and the strings people read
are named after them (``geoapp.i18n``: ``side_us``, ``status_in_force``, ``figure_us_1962``...).
``tests/test_vocab.py`` fails when a value lacks its translation or its style. Adding a language, a
site kind or a range figure starts here.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

#: The languages of the atlas; every text exists in each (English first: the fallback).
LANGS = ("en", "ja")
#: Each language named in itself, for a language switch.
LANG_NAMES = {"en": "English", "ja": "日本語"}

#: What a map can show: what really stood where, what Washington knew at the time, and the difference.
VIEWS = ("actual", "known", "gap")
#: The view shown when none is chosen.
DEFAULT_VIEW = "actual"
#: How US intelligence (or Moscow) learned a thing (``knowledge/*.yaml``, ``moscow.yaml``).
KNOWLEDGE_HOW = ("u2", "low_level", "air_patrol", "ship", "sonar", "sigint", "agent", "refugee", "diplomatic",
                 "analysis", "press")
#: How far a reading or an estimate can be trusted.
CONFIDENCE = ("high", "medium", "low")

#: The range figures a person can choose for the rings (``Weapon.range_km``). ``soviet`` is each
#: Soviet weapon's own figure, the default; a weapon without the chosen figure keeps its default.
RANGE_FIGURES = ("soviet", "us_1962")
#: The figure the rings show when none is chosen.
DEFAULT_RANGE_FIGURE = "soviet"

#: Who a site, ship, flight or weapon belongs to.
SIDES = ("soviet", "us", "cuban", "bloc", "charter")
#: What a site is (weapons name the kind of site that fields them).
SITE_KINDS = (
    "MRBM", "IRBM", "SAM", "FKR", "LUNA", "IL28", "MIG21", "WARHEADS", "HQ", "COMMAND",
    "PORT", "NAVAL_BASE", "JUPITER", "THOR", "AIRBASE",
)
#: What a vessel is.
VESSEL_KINDS = ("cargo", "tanker", "passenger", "submarine", "carrier", "destroyer", "cruiser", "frigate")
#: Aircraft types of the reconnaissance flights (designations, shown as written in every language).
FLIGHT_KINDS = ("U-2", "RF-8A", "RF-101")

#: A site's life cycle, in order.
SITE_STATUSES = ("construction", "operational", "dismantling", "removed")
#: A quarantine line's life cycle, in order.
QUARANTINE_STATUSES = ("planned", "in_force", "suspended", "lifted")

#: Named periods a visitor can pick for the slider (their dates: ``clock.PERIODS``).
PERIODS = ("crisis", "thirteen_days", "anadyr", "epilogue", "all")

#: What a bibliography entry is.
SOURCE_KINDS = ("seed", "book", "article", "document", "web", "estimate")
#: How exact an event's time is.
TIME_PRECISIONS = ("minute", "hour", "day", "month")
#: the parts of the story told before the time bar starts and after it ends (``story.yaml``)
STORY_PARTS = ("prologue", "epilogue")
#: What a glossary entry names (``data/glossary.yaml``: one spelling per name).
GLOSSARY_KINDS = ("person", "ship", "place", "unit", "aircraft")


def keyed_by(vocabulary: tuple[str, ...], table: dict[str, T]) -> dict[str, T]:
    """``table`` in the vocabulary's order, checked to have an entry for every value and no other.

    Style tables and the named periods are built this way, so a new value without its entry, or a
    misspelt key, fails when the module is imported rather than when a visitor meets it.
    """
    missing = [v for v in vocabulary if v not in table]
    extra = [k for k in table if k not in vocabulary]
    if missing or extra:
        raise ValueError(f"a table keyed by the vocabulary ({', '.join(vocabulary)}) lacks "
                         f"{', '.join(missing) or 'nothing'} and has unknown keys {', '.join(extra) or 'none'}")
    return {v: table[v] for v in vocabulary}
