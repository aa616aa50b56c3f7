"""The texts people read: one spelling per name (``glossary.yaml``) and no internal words.

Every ``{en, ja}`` text anywhere in a record (names, titles, texts, notes, labels, the notes of
variants and exceptions) is checked: a spelling the glossary lists as wrong is reported with the
right one, and so is a word of the atlas's workshop (a seed's number, a line locator, a source id).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from geoapp.io import plausibility
from geoapp.io.reader import Problem, Reader
from geoapp.vocab import GLOSSARY_KINDS, LANGS


@dataclass(frozen=True)
class Term:
    """A name spelt one way in each language, with the spellings that are wrong."""

    id: str
    kind: str
    right: dict[str, str]
    wrong: dict[str, tuple[str, ...]]


def term(r: Reader, d: dict) -> Term | None:
    """A glossary entry: ``{id, kind, name: {en, ja}, wrong: {en: [...], ja: [...]}}``."""
    rid = str(d["id"])
    kind = r.choice(d, rid, "kind", GLOSSARY_KINDS)
    name = r.text(d, rid, "name")
    wrong_raw = d.get("wrong") or {}
    wrong: dict[str, tuple[str, ...]] = {}
    if not isinstance(wrong_raw, dict):
        r.bad(rid, "wrong", "should be {en: [...], ja: [...]}")
    else:
        for lang in LANGS:
            vals = wrong_raw.get(lang) or []
            if not isinstance(vals, list) or not all(isinstance(v, str) and v.strip() for v in vals):
                r.bad(rid, f"wrong.{lang}", "should be a list of spellings")
                continue
            wrong[lang] = tuple(v.strip() for v in vals)
    if kind is None or name is None:
        return None
    return Term(id=rid, kind=kind, right={"en": name.en, "ja": name.ja}, wrong=wrong)


def check_glossary(terms: list[Term], problems: list[Problem]) -> None:
    """A right spelling belongs to one entry, and a wrong spelling is nobody's right one."""
    for lang in LANGS:
        owner: dict[str, str] = {}
        for t in terms:
            if t.right[lang] in owner:
                problems.append(Problem("glossary.yaml", t.id, f"name.{lang}",
                                        f"{t.right[lang]!r} is already the spelling of {owner[t.right[lang]]}; "
                                        "one entry per name"))
            owner.setdefault(t.right[lang], t.id)
        for t in terms:
            for w in t.wrong.get(lang, ()):
                if w in owner:
                    problems.append(Problem("glossary.yaml", t.id, f"wrong.{lang}",
                                            f"{w!r} is the right spelling of {owner[w]}"))


#: The data files whose records are themselves named things the glossary holds, and the kind of entry.
NAMED_FILES = {"vessels.yaml": "ship", "places.yaml": "place", "cities.yaml": "place"}


def check_names(file: str, records: list[dict], terms: list[Term], problems: list[Problem]) -> None:
    """A ship's, place's or city's own name is its glossary entry, spelt the same in every language."""
    kind = NAMED_FILES.get(file)
    if kind is None:
        return
    by_en = {t.right["en"]: t for t in terms}
    for rec in records:
        name = rec.get("name")
        if not isinstance(name, dict) or not name.get("en"):
            continue  # reported by the record's parser
        t = by_en.get(str(name["en"]).strip())
        if t is None:
            problems.append(Problem(file, str(rec["id"]), "name.en", f"{name['en']!r} is not in data/glossary.yaml; "
                                    f"add it as a {kind} with its Japanese spelling"))
            continue
        for lang in LANGS:
            if str(name.get(lang) or "").strip() not in ("", t.right[lang]):
                problems.append(Problem(file, str(rec["id"]), f"name.{lang}", f"{name[lang]!r} is spelt "
                                        f"{t.right[lang]!r} in data/glossary.yaml ({t.id})"))


def texts(node: object, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Every text a person reads inside a record: (field path such as ``fixes[2].note.ja``, lang, text)."""
    if isinstance(node, dict):
        if all(lang in node for lang in LANGS) and all(isinstance(node[lang], (str, int, float)) for lang in LANGS):
            for lang in LANGS:
                yield f"{path}.{lang}" if path else lang, lang, str(node[lang])
            return
        for k, v in node.items():
            yield from texts(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from texts(v, f"{path}[{i}]")


def _finder(spellings: list[str], lang: str) -> re.Pattern[str] | None:
    """One pattern for all ``spellings``, longest first; English ones only as whole words."""
    if not spellings:
        return None
    alts = sorted(set(spellings), key=len, reverse=True)
    body = "|".join(re.escape(s) for s in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if lang == "en" else f"(?:{body})")


_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2})?(?!\d|:\d)")
_NUMBER = re.compile(r"(?<![\w,.])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d])")
_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九０１２３４５６７８９", "01234567890123456789")


def _ja_numbers(ja: str) -> set[float]:
    """Every number written in a Japanese text: digits, 万 (5万 = 50,000), 時半 (half past), times."""
    s = ja.translate(_KANJI_DIGITS)
    out = {float(m.group(1)) * 10000 + float(m.group(2) or 0) for m in re.finditer(r"(\d+(?:\.\d+)?)万(\d{1,4})?", s)}
    out |= {30.0 for _ in re.finditer(r"\d時半", s)}
    for m in _TIME.finditer(s):
        out |= {float(m.group(1)), float(m.group(2))}
    out |= {float(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", _TIME.sub(" ", s))}
    return out


def numbers_missing(en: str, ja: str) -> list[str]:
    """The numbers of an English text that its Japanese text lacks (both tell the same facts).

    A time 19:30 is found in 19時30分 or 午後7時半; a zero, or the :00 of a time, is not asked for.
    """
    have = _ja_numbers(ja)
    miss = []
    for m in _TIME.finditer(en):
        h, mi = int(m.group(1)), int(m.group(2))
        if not {h, h % 12, h + 12} & have or (mi and mi not in have):
            miss.append(m.group(0))
    for m in _NUMBER.finditer(re.sub(r"(\d)-(\d)", r"\1 \2", _TIME.sub(" ", en))):
        v = float(m.group(1).replace(",", ""))
        if v and v not in have:
            miss.append(m.group(1))
    return miss


def check_texts(file: str, records: list[dict], terms: list[Term], problems: list[Problem]) -> None:
    """Report each wrong spelling of a glossary name, each internal word, and each number of an English
    text missing from its Japanese one, in the texts of ``records``."""
    wrong_of = {lang: {w: t for t in terms for w in t.wrong.get(lang, ())} for lang in LANGS}
    wrong = {lang: _finder(list(wrong_of[lang]), lang) for lang in LANGS}
    # a right spelling that contains a wrong one (Trinidad's トリニダード holds トリニダー) excuses it
    covers = {lang: {w: [t.right[lang] for t in terms if w in t.right[lang] and w != t.right[lang]]
                     for w in wrong_of[lang]} for lang in LANGS}
    for rec in records:
        rid = str(rec["id"])
        pairs: dict[str, dict[str, str]] = {}
        for field, lang, text in texts({k: v for k, v in rec.items() if k != "id"}):
            pairs.setdefault(field.rsplit(".", 1)[0] if "." in field else "-", {})[lang] = text
            found = plausibility.internal_word(text)
            if found:
                problems.append(Problem(file, rid, field, f"{found[0]!r} is an internal word: {found[1]}"))
            pattern = wrong[lang]
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                if any(_covered(text, m.start(), m.end(), r) for r in covers[lang][m.group(0)]):
                    continue
                t = wrong_of[lang][m.group(0)]
                problems.append(Problem(file, rid, field, f"{m.group(0)!r} is a variant spelling of {t.right['en']}; "
                                        f"write {t.right[lang]!r} (data/glossary.yaml)"))
        for field, pair in pairs.items():
            missing = numbers_missing(pair.get("en", ""), pair.get("ja", ""))
            if missing:
                problems.append(Problem(file, rid, field, f"{', '.join(missing)} in the English text "
                                        "not in the Japanese one; both languages tell the same facts"))


def _covered(text: str, start: int, end: int, right: str) -> bool:
    """Whether an occurrence of ``right`` in ``text`` spans ``start..end``."""
    i = text.find(right, max(0, end - len(right)))
    while i != -1 and i <= start:
        if i + len(right) >= end:
            return True
        i = text.find(right, i + 1)
    return False
