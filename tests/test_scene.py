"""The scene's contract with renderers: each layer's draw order and legend title, and the clock by name."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from geoapp.scene import ClockLine, SceneClock, build_scene
from layers import REGISTRY

MOMENT = datetime(1962, 10, 27, 16, tzinfo=UTC)


@pytest.fixture(scope="module")
def scene(prepared):
    return build_scene(prepared, MOMENT, REGISTRY, lang="en")


def test_each_layer_carries_its_layer_order_as_z(scene):
    assert [(i.id, i.z) for i in scene.layer_info] == [(lid, layer.order) for lid, layer in REGISTRY.items()]
    assert tuple(i.id for i in scene.layer_info) == scene.layers


def test_legend_titles_are_the_layer_titles_and_the_rings_say_whose_figures(prepared):
    for figure, words in ((None, "Soviet figures"), ("us_1962", "US intelligence, 1962")):
        s = build_scene(prepared, MOMENT, REGISTRY, lang="en", range_figure=figure)
        for info in s.layer_info:
            title = REGISTRY[info.id].title.en
            assert info.title == title
            if info.id == "range_rings":
                assert info.legend_title.startswith(title) and words in info.legend_title
            else:
                assert info.legend_title == title
    # the plain legend (title, entries) stays as it was, for the web renderers
    assert [title for title, _ in s.legend] == [i.title for i in s.layer_info]


def test_the_clock_is_read_by_name(scene):
    c = scene.clock
    assert isinstance(c, SceneClock)
    assert c.washington == ClockLine("Washington", "Sat 27 Oct 1962, 12:00 EDT")
    assert c.gmt.label == "GMT" and c.gmt.text.endswith("16:00 GMT")
    assert c.havana.label == "Havana" and c.moscow.label == "Moscow"
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.gmt = c.washington  # type: ignore[misc]
