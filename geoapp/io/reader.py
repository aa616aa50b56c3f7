"""Typed access to the fields of one YAML record, recording a :class:`Problem` instead of raising.

A reader belongs to one data file. Fields inside a list or mapping of the record are read through
a nested reader, ``r.at("fixes[2]")``, whose problems name the whole path (``fixes[2].time``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from geoapp import clock
from geoapp.model import StatusPeriod, Text, Variant
from geoapp.vocab import LANGS


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


_MISSING = object()


class Reader:
    """Typed field access that records a Problem instead of raising.

    ``prefix`` is put before every field it names, so that a nested reader (:meth:`at`) reports
    ``periods[1].start`` rather than ``start``.
    """

    def __init__(self, file: str, problems: list[Problem], prefix: str = ""):
        self.file = file
        self.problems = problems
        self.prefix = prefix

    def at(self, where: str) -> Reader:
        """A reader for the fields inside ``where`` (e.g. ``fixes[2]``), sharing this one's problems."""
        return Reader(self.file, self.problems, f"{self.prefix}{where}.")

    def entries(self, items: list, rec: str, key: str, fields: str) -> Iterator[tuple[Reader, dict]]:
        """Each mapping of the list ``items`` (the record's ``key``) with a reader naming ``key[i]``.

        An entry that is not a mapping is a problem (``should be a mapping {fields}``) and is skipped; ``items``
        that is not a list is a problem and yields nothing.
        """
        if not isinstance(items, list):
            self.bad(rec, key, f"should be a list of mappings {fields}, not {type(items).__name__}")
            return
        for i, x in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(x, dict):
                self.bad(rec, where, f"should be a mapping {fields}")
                continue
            yield self.at(where), x

    def bad(self, rec: str, field: str, msg: str) -> None:
        """Record that ``field`` of record ``rec`` is wrong, in a sentence."""
        self.problems.append(Problem(self.file, rec, f"{self.prefix}{field}", msg))

    def _get(self, d: dict, rec: str, key: str, required: bool, missing: str = "missing", blank: bool = False) -> Any:
        """``d[key]``, or ``_MISSING`` when it is absent (or blank text, with ``blank``): a problem if required."""
        v = d.get(key) if isinstance(d, dict) else None
        if v is None or (blank and v == ""):
            if required:
                self.bad(rec, key, missing)
            return _MISSING
        return v

    def str_(self, d: dict, rec: str, key: str, required: bool = True) -> str | None:
        """A text field in one language (a number is taken as its text)."""
        v = self._get(d, rec, key, required, blank=True)
        if v is _MISSING:
            return None
        if not isinstance(v, (str, int, float)):
            self.bad(rec, key, f"should be text, not {type(v).__name__}")
            return None
        return str(v)

    def num(self, d: dict, rec: str, key: str, lo: float, hi: float, required: bool = True) -> float | None:
        """A number within [lo, hi]."""
        v = self._get(d, rec, key, required)
        if v is _MISSING:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.bad(rec, key, f"should be a number, not {v!r}")
            return None
        if not lo <= float(v) <= hi:
            self.bad(rec, key, f"{v} is out of range [{lo}, {hi}]")
            return None
        return float(v)

    def choice(self, d: dict, rec: str, key: str, allowed: Collection[str], sort: bool = True,
               default: str | None = None) -> str | None:
        """A value of a closed vocabulary (``geoapp/vocab.py``), ``default`` when the key is absent.

        The problem lists the choices, alphabetically with ``sort`` (kinds, sides) or in the
        vocabulary's own order without it (life-cycle statuses).
        """
        v = d.get(key, default)
        if not isinstance(v, str) or v not in allowed:
            listed = sorted(allowed) if sort else allowed
            self.bad(rec, key, f"{v!r} is not one of {', '.join(listed)}")
            return None
        return v

    def text(self, d: dict, rec: str, key: str, required: bool = True) -> Text | None:
        """A text in every language of the atlas: ``{en: ..., ja: ...}``."""
        v = self._get(d, rec, key, required, missing=f"missing (needs {' and '.join(LANGS)})")
        if v is _MISSING:
            return None
        if not isinstance(v, dict):
            self.bad(rec, key, "should be {en: ..., ja: ...}")
            return None
        missing = [lang for lang in LANGS if not str(v.get(lang) or "").strip()]
        if missing:
            self.bad(rec, key, f"missing language(s): {', '.join(missing)}")
            return None
        wrong = [lang for lang in LANGS if not isinstance(v[lang], (str, int, float)) or isinstance(v[lang], bool)]
        if wrong:
            self.bad(rec, key, f"the {' and '.join(wrong)} text should be text, not {type(v[wrong[0]]).__name__}")
            return None
        return Text(en=str(v["en"]).strip(), ja=str(v["ja"]).strip())

    def note(self, d: dict, rec: str) -> Text | None:
        """The optional ``note`` every record may carry, in every language."""
        return self.text(d, rec, "note", required=False)

    def time(self, d: dict, rec: str, key: str, required: bool = True) -> tuple[datetime, str] | None:
        """A time with its zone, inside the timeline: the UTC datetime and the text as written."""
        v = self._get(d, rec, key, required)
        if v is _MISSING:
            return None
        if isinstance(v, datetime):
            self.bad(rec, key, "write the time as a quoted string with its zone, e.g. \"1962-10-22T19:00-04:00\"")
            return None
        try:
            t = clock.parse_time(str(v))
        except clock.TimeError as exc:
            self.bad(rec, key, str(exc))
            return None
        if not clock.TIMELINE_START <= t <= clock.TIMELINE_END:
            self.bad(rec, key, f"{v} is outside the timeline ({clock.iso(clock.TIMELINE_START)} "
                     f"to {clock.iso(clock.TIMELINE_END)})")
            return None
        return t, str(v)

    def sources(self, d: dict, rec: str, key: str = "sources") -> tuple[str, ...]:
        """A non-empty list of source ids (resolved against the bibliography later)."""
        v = d.get(key)
        if not v:
            self.bad(rec, key, "missing: every record needs at least one source")
            return ()
        if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
            self.bad(rec, key, "should be a list of source ids (e.g. dobbs-2008#ch.10)")
            return ()
        return tuple(s.strip() for s in v)

    def variants(self, d: dict, rec: str) -> tuple[Variant, ...]:
        """The readings from sources that are kept but not drawn."""
        out = []
        for sub, v in self.entries(d.get("variants") or [], rec, "variants", "{field, value, sources, note}"):
            f = sub.str_(v, rec, "field") or ""
            srcs = sub.sources(v, rec)
            out.append(Variant(field=f, value=v.get("value"), sources=srcs, note=sub.note(v, rec)))
        return tuple(out)

    def periods(self, d: dict, rec: str, allowed: tuple[str, ...]) -> tuple[StatusPeriod, ...]:
        """Status periods in time order, each status from ``allowed`` (a vocabulary)."""
        raw = d.get("periods")
        if not raw or not isinstance(raw, list):
            self.bad(rec, "periods", "missing: needs at least one {status, start}")
            return ()
        out: list[StatusPeriod] = []
        for sub, p in self.entries(raw, rec, "periods", "{status, start}"):
            status = sub.choice(p, rec, "status", allowed, sort=False)
            if status is None:
                continue
            start = sub.time(p, rec, "start")
            end = sub.time(p, rec, "end", required=False)
            if start is None:
                continue
            if end is not None and end[0] <= start[0]:
                sub.bad(rec, "end", "is not after its start")
            if out and start[0] < out[-1].start:
                sub.bad(rec, "start", "is before the period before it (periods go in time order)")
            out.append(StatusPeriod(status=status, start=start[0], end=end[0] if end else None))
        return tuple(out)
