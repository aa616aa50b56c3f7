"""Tier 3 and 4: at moment T, layer L shows these ids with these statuses; rings on the ellipsoid."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from geoapp import geo
from geoapp.layer import Context
from geoapp.render.geojson import to_feature_collection
from geoapp.scene import build_scene
from geoapp.situation import situation_at
from layers import LAYER_IDS, REGISTRY


def _utc(*a):
    return datetime(*a, tzinfo=UTC)


def _build(prepared, layer, t, **kw):
    sit = situation_at(prepared, t)
    return REGISTRY[layer].features(prepared, sit, Context(catalog=prepared.catalog, **kw))


def test_registry_lists_every_layer_once_in_draw_order():
    assert set(REGISTRY) == set(LAYER_IDS) and len(LAYER_IDS) == len(REGISTRY)
    orders = [layer.order for layer in REGISTRY.values()]
    assert orders == sorted(orders)


def _mrbm(prepared, t):
    return {f.id: f.props["status"] for f in _build(prepared, "missile_sites", t)
            if f.props["kind"] == "MRBM"}


CASES = [
    (_utc(1962, 8, 1), lambda s: len(s) == 0),
    (_utc(1962, 10, 14, 12), lambda s: len(s) >= 4 and set(s.values()) == {"construction"}),
    (_utc(1962, 10, 27, 18), lambda s: len(s) == 6 and "operational" in s.values()),
    (_utc(1962, 11, 21, 12), lambda s: all(v in ("dismantling", "removed") for v in s.values())),
]


@pytest.mark.parametrize(("t", "check"), CASES, ids=[c[0].isoformat() for c in CASES])
def test_mrbm_sites_by_moment(prepared, t, check):
    assert check(_mrbm(prepared, t)), _mrbm(prepared, t)


def test_quarantine_layer_statuses(prepared):
    def statuses(t):
        return {f.id: f.props["status"] for f in _build(prepared, "quarantine", t)}

    assert "in_force" not in statuses(_utc(1962, 10, 24, 13, 59)).values()
    assert "in_force" in statuses(_utc(1962, 10, 24, 14, 0)).values()
    assert "lifted" in statuses(_utc(1962, 11, 21, 12)).values()
    # boardings paused while U Thant was in Havana (issue 9): drawn as its own status, then in force again
    assert statuses(_utc(1962, 10, 31, 12))["quarantine-500"] == "suspended"
    assert statuses(_utc(1962, 11, 2, 12))["quarantine-500"] == "in_force"
    sit = situation_at(prepared, _utc(1962, 10, 31, 12))
    assert sit.quarantine_suspended and not sit.quarantine_in_force


@pytest.mark.parametrize("figure", [None, "us_1962"])
def test_ring_radius_within_half_a_percent_on_the_ellipsoid(prepared, figure):
    rings = _build(prepared, "range_rings", _utc(1962, 10, 27, 18), range_figure=figure)
    assert rings, "rings expected on Black Saturday"
    for f in rings:
        p = f.props
        for lon, lat in f.geometry["coordinates"][0][::9]:
            d = geo.distance_km(p["center_lon"], p["center_lat"], lon, lat)
            assert abs(d - p["radius_km"]) / p["radius_km"] <= 0.005, (f.id, d, p["radius_km"])


def test_rings_list_cities_in_reach(prepared):
    rings = _build(prepared, "range_rings", _utc(1962, 10, 27, 18))
    mrbm = [f for f in rings if f.props["weapon"] == "r-12"]
    assert mrbm and all("city-miami" in f.props["cities_in_reach"] for f in mrbm)
    # rings vanish with their sites: before the Soviet sites exist only the Western missiles' rings are drawn
    assert {f.props["weapon"] for f in _build(prepared, "range_rings", _utc(1962, 8, 1))} <= {"jupiter", "thor"}


def test_thors_in_england_are_drawn_with_their_range_and_go_in_1963(prepared):
    """The 60 Thors of Project Emily (issue 9, D12): four complexes on the map from the first moment, with
    rings; the Driffield complex is stood down in spring 1963, the others after the timeline ends."""
    def thors(t):
        return {f.id: f.props["status"] for f in _build(prepared, "missile_sites", t) if f.props["kind"] == "THOR"}

    assert set(thors(_utc(1962, 5, 1))) == {"thor-feltwell", "thor-hemswell", "thor-driffield", "thor-north-luffenham"}
    assert set(thors(_utc(1962, 10, 27, 18)).values()) == {"operational"}
    late = thors(_utc(1963, 4, 29))
    assert late["thor-driffield"] == "removed" and late["thor-feltwell"] == "operational"
    rings = [f for f in _build(prepared, "range_rings", _utc(1962, 10, 27, 18)) if f.props["weapon"] == "thor"]
    assert len(rings) == 4 and all(f.props["radius_km"] == 2410 for f in rings)


def test_ships_and_flights_on_black_saturday(prepared):
    ships = _build(prepared, "ships", _utc(1962, 10, 27, 18))
    assert any(f.props["kind"] == "submarine" for f in ships)
    assert any(f.props.get("part") == "track" for f in ships)
    flights = _build(prepared, "flights", _utc(1962, 10, 27, 16))
    assert flights


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_feature_collection_properties(prepared, lang):
    scene = build_scene(prepared, _utc(1962, 10, 27, 18), REGISTRY, lang=lang)
    fc = to_feature_collection(scene)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for feat in fc["features"]:
        p = feat["properties"]
        assert p["layer"] in LAYER_IDS and p["id"] and p["name"] and p["kind"] and p["sources"]
        if p["layer"] == "range_rings":
            assert {"weapon", "center_lat", "center_lon", "radius_km"} <= set(p)
        g = feat["geometry"]
        if g["type"] == "Point":
            assert -180 <= g["coordinates"][0] <= 180
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert layers == set(LAYER_IDS)


def _shown(prepared, lang, figure=None):
    """Every popup text of the whole timeline: (layer, id, label, value) of each detail row."""
    from geoapp.timeline_scene import build_timeline_scene

    scene = build_timeline_scene(prepared, REGISTRY, lang=lang, figure=figure)
    rows = [(s.feature.layer, s.feature.id, k, v) for s in scene.fixed for k, v in s.feature.details]
    rows += [(m.layer, m.id, k, v) for m in scene.movers for k, v in m.details]
    return rows


def _codes(prepared) -> set[str]:
    """The data's codes that must never be read in a popup: sides, statuses, kinds and range figures."""
    from geoapp import vocab

    figures = {r.figure for w in prepared.catalog.weapons.values() for r in w.ranges}
    return ({s for s in vocab.SIDES if len(s) > 2} | set(vocab.SITE_STATUSES) | set(vocab.QUARANTINE_STATUSES)
            | set(vocab.VESSEL_KINDS) | figures)


@pytest.mark.parametrize(("lang", "figure"), [("en", None), ("ja", None), ("ja", "us_1962")])
def test_popups_speak_in_words_not_codes(prepared, lang, figure):
    """Ring popups once read "2,410 km (us_design)", ships "(soviet)": a code is never shown in brackets, and
    in Japanese never at all."""
    codes = _codes(prepared)
    # in English a status or a kind is also a plain word ("drawn as assembly (construction)"): only the
    # codes that are no English word are looked for in brackets there
    words = codes if lang == "ja" else {c for c in codes if "_" in c or c in {"soviet", "bloc", "charter"}}
    bracketed = re.compile(r"[(（](" + "|".join(sorted(words, key=len, reverse=True)) + r")[)）]")
    bare = re.compile(r"(?<![A-Za-z_])(" + "|".join(sorted(codes, key=len, reverse=True)) + r")(?![A-Za-z_])")
    bad = [(lyr, fid, v) for lyr, fid, _, v in _shown(prepared, lang, figure)
           if bracketed.search(v) or (lang == "ja" and bare.search(v))]
    assert bad == []


def test_japanese_popups_use_japanese_units_and_words(prepared):
    """The quarantine line has a radius in 海里 (not a "射程" in nmi); crews read in Japanese; lists use 、."""
    rows = _shown(prepared, "ja")
    assert not [r for r in rows if re.search(r"\bnmi\b|Maj\.|Capt\.|USAF", r[3])]
    radius = {v for lyr, _, k, v in rows if lyr == "quarantine" and k == "半径"}
    assert "500海里（926 km）" in radius
    assert not [r for r in rows if r[0] == "quarantine" and r[2] == "射程"]
    crews = {v for lyr, _, k, v in rows if lyr == "flights" and k == "搭乗員"}
    assert any("アンダーソン" in c for c in crews) and not any("Anderson" in c for c in crews)
    cities = [v for lyr, _, k, v in rows if lyr == "range_rings" and k == "射程内の主要都市"]
    assert cities and not any(", " in v for v in cities)


def test_status_reads_as_a_sentence_in_japanese(prepared):
    """"稼働（から 1962年…）" read backwards: in Japanese the date comes first, "…から稼働"."""
    statuses = [v for lyr, _, k, v in _shown(prepared, "ja") if lyr == "missile_sites" and k == "状態"]
    assert statuses and all(re.search(r"から(建設中|稼働|解体中|撤去済み)$", v) for v in statuses), statuses[:3]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_ships_popup_names_its_latest_report_never_one_after_the_moment(prepared, lang):
    """Issue 12: "last reported" listed every fix, the B-59's of 28 December among them, at any moment."""
    from geoapp import clock
    from layers import ships

    ctx = Context(catalog=prepared.catalog, lang=lang, range_figure=None)
    by_id = {m.id: m for m in ships.movers_of(prepared, ctx)}
    for v in prepared.catalog.vessels:
        mover = by_id[v.id]
        for i, f in enumerate(v.fixes):
            for ts in (f.time.timestamp(), f.time.timestamp() + 60):
                if i + 1 < len(v.fixes) and ts >= v.fixes[i + 1].time.timestamp():
                    continue
                told = " ".join(text for _, text in mover.details_at(ts))
                assert clock.format_moment(f.time, lang) in told
                later = [g for g in v.fixes[i + 1:] if clock.format_moment(g.time, lang) not in
                         clock.format_moment(f.time, lang)]
                assert not any(clock.format_moment(g.time, lang) in told for g in later), (v.id, i)
        before = " ".join(text for _, text in mover.details_at(v.fixes[0].time.timestamp() - 3600))
        assert ("not reported yet" if lang == "en" else "まだ報告なし") in before


def test_the_legend_has_a_row_for_every_symbol_the_map_draws(prepared):
    """Issue 12: every marker the timeline draws (each site, ship, aircraft and event, in each look it takes) has
    a legend row of its layer with its colour and glyph; every line and area a row with its colour."""
    from geoapp.timeline_scene import build_timeline_scene

    scene = build_timeline_scene(prepared, REGISTRY, lang="en")
    rows = {lid: entries for lid, _, entries in scene.legend}

    def listed(layer: str, sty) -> bool:
        return any(e.style.shape == sty.shape and e.style.color == sty.color
                   and (sty.shape != "point" or e.style.symbol == sty.symbol) for e in rows[layer])

    drawn = [(sp.feature.layer, sp.feature.style) for sp in scene.fixed]
    drawn += [(m.layer, s) for m in scene.movers for s in m.marker_styles]
    drawn += [(m.layer, s) for m in scene.movers for s in m.line_styles if m.layer != "ships"]
    missing = sorted({(layer, s.shape, s.color, s.symbol) for layer, s in drawn if not listed(layer, s)})
    assert missing == []
