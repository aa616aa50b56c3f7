"""The world the live map draws: Natural Earth 1:50m with each arc simplified (scripts/vendor_assets.py)."""

from __future__ import annotations

import json
import runpy

import numpy as np

from geoapp import paths

WORLD = paths.VENDOR / "world-atlas"


def _points(arc: list[list[int]]) -> np.ndarray:
    return np.cumsum(np.array(arc, dtype=np.int64), axis=0)


def test_the_simplified_world_is_what_the_script_makes_of_natural_earth(tmp_path):
    script = runpy.run_path(str(paths.ROOT / "scripts" / "vendor_assets.py"))
    script["simplify_world"](WORLD, tmp_path)
    assert (tmp_path / paths.WORLD_BASEMAP).read_bytes() == (WORLD / paths.WORLD_BASEMAP).read_bytes()


def test_every_line_keeps_its_ends_and_stays_within_a_kilometre_or_so():
    whole = json.loads((WORLD / "countries-50m.json").read_text(encoding="utf-8"))
    simple = json.loads((WORLD / paths.WORLD_BASEMAP).read_text(encoding="utf-8"))
    assert simple["objects"] == whole["objects"] and simple["transform"] == whole["transform"]
    assert len(simple["arcs"]) == len(whole["arcs"])
    scale = np.array(whole["transform"]["scale"])
    kept = 0
    for before, after in zip(whole["arcs"], simple["arcs"], strict=True):
        a, b = _points(before), _points(after)
        assert (a[0] == b[0]).all() and (a[-1] == b[-1]).all()  # shared borders stay shared
        # every point kept is a point of the original line (no new places), to within rounding
        original = {tuple(p) for p in a}
        assert all(tuple(p) in original for p in b)
        kept += len(b)
    total = sum(len(a) for a in whole["arcs"])
    assert 0.6 * total < kept < 0.85 * total
    assert float(scale[0]) < 0.01  # the quantization is finer than the simplification


def test_the_map_frame_fetches_early_the_file_the_basemap_draws():
    frame = (paths.COMPONENT / "map.html").read_text(encoding="utf-8")
    assert f'"{paths.WORLD_BASEMAP}": fetch("/app/static/vendor/world-atlas/{paths.WORLD_BASEMAP}")' in frame
    drawn = (paths.ROOT / "geoapp" / "render" / "leaflet" / "html.py").read_text(encoding="utf-8")
    assert f"load(base + '/world-atlas/{paths.WORLD_BASEMAP}')" in drawn
