"""Every user-facing string exists in English and Japanese."""

import pytest

from geoapp.i18n import STRINGS, t
from layers import REGISTRY


def test_every_string_has_both_languages():
    missing = [k for k, v in STRINGS.items() if not (v.get("en", "").strip() and v.get("ja", "").strip())]
    assert missing == []


def test_every_layer_title_and_legend_row_is_bilingual():
    for layer in REGISTRY.values():
        assert layer.title.en and layer.title.ja
        for entry in layer.legend:
            assert entry.label.en and entry.label.ja


def test_unknown_language_falls_back_to_english_and_an_unknown_key_is_an_error():
    assert t("app_title", "fr") == "Cuban Missile Crisis Atlas"
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key")


def test_japanese_strings_use_japanese_units_and_one_word_for_the_quarantine():
    """海里, not nmi; 隔離 for the quarantine (the layer was once "海上隔離（封鎖）線")."""
    import re

    bad = [k for k, v in STRINGS.items() if re.search(r"\bnmi\b|\bmiles?\b|封鎖", re.sub(r"\{\w+\}", "", v["ja"]))]
    assert bad == []
    assert t("layer_quarantine", "ja") == "海上隔離線"
    assert t("radius_nmi", "ja", nmi="500", km="926") == "500海里（926 km）"
