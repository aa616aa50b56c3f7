"""Every vocabulary of geoapp/vocab.py is complete wherever it is used: strings, styles, choices.

Tier: unit (plus one image legend, drawn off-screen).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geoapp import cli, clock, style, vocab
from geoapp.i18n import STRINGS, TERMS, MissingTranslation, t, term

VOCABULARIES = {
    "LANGS": vocab.LANGS, "VIEWS": vocab.VIEWS, "RANGE_FIGURES": vocab.RANGE_FIGURES, "SIDES": vocab.SIDES,
    "SITE_KINDS": vocab.SITE_KINDS, "VESSEL_KINDS": vocab.VESSEL_KINDS, "FLIGHT_KINDS": vocab.FLIGHT_KINDS,
    "SITE_STATUSES": vocab.SITE_STATUSES, "QUARANTINE_STATUSES": vocab.QUARANTINE_STATUSES,
    "PERIODS": vocab.PERIODS, "SOURCE_KINDS": vocab.SOURCE_KINDS, "TIME_PRECISIONS": vocab.TIME_PRECISIONS,
    "GLOSSARY_KINDS": vocab.GLOSSARY_KINDS,
}
#: the vocabularies people read on a map, a panel or a control, and the prefix of their i18n keys
SHOWN = {
    "side": (vocab.SIDES,), "kind": (vocab.SITE_KINDS, vocab.VESSEL_KINDS),
    "status": (vocab.SITE_STATUSES, vocab.QUARANTINE_STATUSES), "period": (vocab.PERIODS,),
    "figure": (vocab.RANGE_FIGURES,), "view": (vocab.VIEWS,), "how": (vocab.KNOWLEDGE_HOW,),
}
#: style tables keyed by a vocabulary
STYLE_TABLES = [
    ("SIDE_COLOR", style.SIDE_COLOR, vocab.SIDES), ("SITE_KIND", style.SITE_KIND, vocab.SITE_KINDS),
    ("SITE_STATUS", style.SITE_STATUS, vocab.SITE_STATUSES), ("VESSEL_KIND", style.VESSEL_KIND, vocab.VESSEL_KINDS),
    ("QUARANTINE_STATUS", style.QUARANTINE_STATUS, vocab.QUARANTINE_STATUSES),
]


@pytest.mark.parametrize("name", VOCABULARIES)
def test_each_vocabulary_is_a_tuple_of_distinct_values(name):
    values = VOCABULARIES[name]
    assert isinstance(values, tuple) and values, name
    assert len(set(values)) == len(values), name


def test_every_vocabulary_people_read_has_its_prefix_in_i18n():
    assert TERMS == {prefix: sum(parts, ()) for prefix, parts in SHOWN.items()}


@pytest.mark.parametrize("prefix", SHOWN)
def test_every_vocabulary_value_has_its_string_in_every_language(prefix):
    gaps = [f"{prefix}_{value}: {lang}" for value in TERMS[prefix] for lang in vocab.LANGS
            if not STRINGS.get(f"{prefix}_{value}", {}).get(lang, "").strip()]
    assert gaps == []
    for value in TERMS[prefix]:
        assert term(prefix, value, "ja") == t(f"{prefix}_{value}", "ja")


def test_every_string_has_every_language_and_no_other():
    wrong = [k for k, v in STRINGS.items()
             if set(v) != set(vocab.LANGS) or not all(v[lang].strip() for lang in vocab.LANGS)]
    assert wrong == []


def test_every_language_is_named_in_itself():
    assert tuple(vocab.LANG_NAMES) == vocab.LANGS


@pytest.mark.parametrize(("name", "table", "values"), STYLE_TABLES, ids=[s[0] for s in STYLE_TABLES])
def test_every_vocabulary_value_has_its_style(name, table, values):
    assert tuple(table) == values, name


def test_named_periods_are_the_vocabulary():
    assert tuple(clock.PERIODS) == vocab.PERIODS


def test_ring_kinds_are_site_kinds():
    from layers.range_rings import RING_KINDS

    assert set(RING_KINDS) <= set(vocab.SITE_KINDS)


def test_every_range_figure_is_stated_for_some_weapon(prepared):
    stated = {r.figure for w in prepared.catalog.weapons.values() for r in w.ranges}
    assert vocab.DEFAULT_RANGE_FIGURE in vocab.RANGE_FIGURES
    assert set(vocab.RANGE_FIGURES) <= stated


def test_cli_offers_exactly_the_vocabularies():
    sub = next(a for a in cli.parser()._actions if a.dest == "command")
    for name, command in sub.choices.items():
        for action in command._actions:
            if action.dest == "lang":
                assert tuple(action.choices) == vocab.LANGS, name
            if action.dest == "figure":
                assert tuple(action.choices) == vocab.RANGE_FIGURES, name


def test_a_missing_string_is_an_error_that_names_it():
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key")
    with pytest.raises(MissingTranslation, match="geoapp/i18n.py"):
        t("figure_cia")
    with pytest.raises(KeyError, match="'cia' is not a value of the vocabulary 'figure'"):
        term("figure", "cia")


def test_every_key_the_code_names_has_a_string():
    """``t()`` raises on a missing key, so a key written in the code must exist before anyone meets it."""
    root = Path(__file__).resolve().parents[1]
    named = {(str(path.relative_to(root)), key)
             for folder in ("geoapp", "layers") for path in (root / folder).rglob("*.py")
             for key in re.findall(r"""\bt\(\s*["']([A-Za-z0-9_]+)["']\s*[,)]""", path.read_text(encoding="utf-8"))}
    assert len(named) > 50  # the pattern still finds the calls
    assert sorted((f, k) for f, k in named if k not in STRINGS) == []


def test_keyed_by_refuses_a_table_missing_a_value_or_with_a_stranger():
    assert vocab.keyed_by(("a", "b"), {"b": 2, "a": 1}) == {"a": 1, "b": 2}
    with pytest.raises(ValueError, match="lacks b"):
        vocab.keyed_by(("a", "b"), {"a": 1})
    with pytest.raises(ValueError, match="unknown keys c"):
        vocab.keyed_by(("a",), {"a": 1, "c": 3})


@pytest.mark.parametrize("figure", [None, *vocab.RANGE_FIGURES])
def test_snapshot_legend_names_the_range_figures_in_words(prepared, figure):
    """``python -m geoapp snapshot --figure soviet`` once printed "Missile range rings (figure_soviet)"."""
    from geoapp.render.image import StaticMap
    from geoapp.scene import build_scene
    from layers import REGISTRY

    argv = ["snapshot", "--at", "1962-10-27T16:00Z", "--out", "x.png"] + (["--figure", figure] if figure else [])
    args = cli.parser().parse_args(argv)
    for lang in vocab.LANGS:
        scene = build_scene(prepared, datetime(1962, 10, 27, 16, tzinfo=UTC), REGISTRY, lang=lang,
                            layers=("range_rings",), range_figure=args.figure)
        legend = StaticMap(640, 360).draw(scene).ax.get_legend()
        texts = [x.get_text() for x in legend.get_texts()]
        words = term("figure", figure or vocab.DEFAULT_RANGE_FIGURE, lang)
        title = f"{t('layer_range_rings', lang)} ({words})"
        assert title in texts, texts
        assert not any("figure_" in x for x in texts), texts
