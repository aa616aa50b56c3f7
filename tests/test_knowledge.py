"""The two clocks: what was there, what Washington knew, and the difference (geoapp.knowledge), at chosen moments,
and the estimate series against their sources."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from geoapp import estimates, knowledge
from geoapp.routes import Track
from geoapp.scene import build_scene
from geoapp.timeline_scene import build_timeline_scene
from layers import REGISTRY


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def scene(prepared, moment, view, lang="en"):
    return build_scene(prepared, moment, REGISTRY, lang=lang, view=view)


def ids(sc, layer=None, **props):
    return {f.id for f in sc.features if (layer is None or f.layer == layer)
            and all(f.props.get(k) == v for k, v in props.items())}


def test_before_14_october_the_known_view_has_no_mrbm_site(prepared):
    known = scene(prepared, at(1962, 10, 13, 12), "known")
    assert not ids(known, "missile_sites", kind="MRBM")
    actual = scene(prepared, at(1962, 10, 13, 12), "actual")
    assert len(ids(actual, "missile_sites", kind="MRBM")) == 6


def test_on_27_october_the_known_view_shows_the_mrbm_sites_as_the_us_judged_them(prepared):
    known = scene(prepared, at(1962, 10, 27, 18), "known")
    mrbm = {f.id: f.props["status"] for f in known.features if f.layer == "missile_sites" and f.props["kind"] == "MRBM"}
    assert len(mrbm) == 6
    # five of six fully operational at 06:00 on 27 October (CIA, FRUS supplement d427); all 24 launchers on the 28th
    assert sorted(mrbm.values()).count("operational") == 5
    later = scene(prepared, at(1962, 10, 28, 12), "known")
    assert {f.props["status"] for f in later.features if f.props.get("kind") == "MRBM" and f.layer == "missile_sites"} \
        == {"operational"}


def test_on_27_october_the_difference_view_marks_the_tactical_warheads_as_unknown(prepared):
    gap = scene(prepared, at(1962, 10, 27, 18), "gap")
    unknown = ids(gap, known=False)
    # the Luna warheads' store, the central bunker and every FKR cruise-missile position
    assert {"warheads-managua", "warheads-bejucal"} <= unknown
    assert {s.id for s in prepared.catalog.sites if s.kind == "FKR"} <= {i.split("#")[0] for i in unknown}
    # what Washington had identified is not ringed: the MRBM sites it had photographed
    assert not {f"san-cristobal-{n}" for n in range(1, 5)} & unknown
    ringed = {f.id for f in gap.features if f.style.outline}
    assert "warheads-managua" in ringed and "san-cristobal-1" not in ringed
    popup = dict(next(f for f in gap.features if f.id == "warheads-managua").details)
    assert popup["Came out"][:4].isdigit() and popup["Washington never knew during the crisis"]


def test_the_known_view_never_draws_what_washington_had_not_identified(prepared):
    for moment in (at(1962, 9, 20), at(1962, 10, 16, 12), at(1962, 10, 27, 18), at(1962, 11, 10)):
        known = scene(prepared, moment, "known")
        for f in known.features:
            eid = knowledge.element_id(f.id)
            assert knowledge.known_at(prepared.catalog, eid, moment), (moment, f.id)


def test_every_feature_carries_what_its_view_adds(prepared):
    moment = at(1962, 10, 27, 18)
    for f in scene(prepared, moment, "known", "ja").features:
        assert f.props["known_since"] and f.props["known_as"], f.id
    assert all(isinstance(f.props["known"], bool) for f in scene(prepared, moment, "gap").features)
    assert all("known" not in f.props and "known_since" not in f.props
               for f in scene(prepared, moment, "actual").features)
    mrbm = next(f for f in scene(prepared, moment, "known").features if f.id == "san-cristobal-1")
    assert mrbm.props["known_since"].startswith("1962-10-1") and "SS-4" in mrbm.props["known_as"]


def test_the_known_view_draws_the_us_range_figures(prepared):
    known = scene(prepared, at(1962, 10, 27, 18), "known", "en")
    rings = [f for f in known.features if f.layer == "range_rings" and f.props["weapon"] == "r-12"]
    assert rings and {f.props["figure"] for f in rings} == {"us_1962"}
    assert known.title.endswith("What Washington knew")


def test_the_known_view_tells_no_event_washington_did_not_know_of(prepared):
    hidden = {e.id for e in prepared.catalog.events if e.id in prepared.catalog.knowledge}
    assert hidden
    known = build_timeline_scene(prepared, REGISTRY, lang="en", view="known")
    told = {e["title"] for e in known.events}
    assert not told & {e.title.en for e in prepared.catalog.events if e.id in hidden}
    gap = build_timeline_scene(prepared, REGISTRY, lang="ja", view="gap")
    flagged = [e for e in gap.events if e["unknown"]]
    assert len(flagged) == len(hidden) and all("ワシントン" in e["unknown"] for e in flagged)
    assert gap.estimates is not None and gap.moscow and known.estimates is not None and not known.moscow


def test_a_ship_is_ringed_until_washington_identified_it(prepared):
    k = prepared.catalog.knowledge["kimovsk"]
    since = k.identified_from
    assert since is not None
    gap = build_timeline_scene(prepared, REGISTRY, lang="en", view="gap")
    mover = next(m for m in gap.movers if m.id == "kimovsk")
    ts = since.timestamp()
    assert ts in mover.track.times or not mover.track.times[0] < ts < mover.track.times[-1]
    for i, when in enumerate(mover.track.times):
        ringed = mover.marker_styles[mover.vertex_marker[i]].outline is not None
        assert ringed == (when < ts), (i, when)


def test_clip_and_split_keep_the_track_where_it_was():
    tr = Track((0.0, 10.0, 20.0), (0.0, 10.0, 20.0), (0.0, 0.0, 0.0), (False, True, False), (1.0, 2.0, 3.0))
    c = knowledge.clip(tr, 5.0)
    assert c.times == (5.0, 10.0, 20.0) and c.lons[0] == 5.0 and c.precision[0] == 1.0
    assert knowledge.clip(tr, -1.0) is tr
    s = knowledge.split(tr, 15.0)
    assert s.times == (0.0, 10.0, 15.0, 20.0) and s.lons[2] == 15.0 and s.estimated[2] is True
    assert knowledge.split(tr, 10.0) is tr


def test_a_bad_view_is_refused_in_a_sentence():
    with pytest.raises(ValueError, match="actual, known, gap"):
        knowledge.check_view("secret")


# ---------------------------------------------------------------- the estimate series against their sources

def series(prepared, sid):
    return next(s for s in prepared.catalog.estimates if s.id == sid)


@pytest.mark.parametrize(("sid", "side", "moment", "value", "low", "high"), [
    # McNamara's 6,000-8,000 of 20 October (NSC 505; Dobbs), against about 42,000 (seed 000: 45,234 less 3,332 at sea)
    ("troops", "us", at(1962, 10, 22, 12), 7000, 6000, 8000),
    ("troops", "actual", at(1962, 10, 27, 12), 41902, None, None),
    # McCone, 22 October: four MRBM sites at full readiness, i.e. 16 launchers; 24 by 06:00 on 28 October
    ("mrbm_launchers", "us", at(1962, 10, 23), 16, None, None),
    ("mrbm_launchers", "us", at(1962, 10, 28, 16), 24, None, None),
    # no warhead was ever confirmed by the US; 90 came on Indigirka on 4 October, 68 more on Aleksandrovsk on 23 October
    ("warheads", "us", at(1962, 10, 27, 18), 0, None, None),
    ("warheads", "actual", at(1962, 10, 10), 90, None, None),
    ("warheads", "actual", at(1962, 10, 27, 18), 158, None, None),
    # three IRBM sites known (McCone's 12 pads), four under construction
    ("irbm_sites", "us", at(1962, 10, 25), 3, None, None),
    ("irbm_sites", "actual", at(1962, 10, 25), 4, None, None),
    # McCone's 20 Il-28s of 22 October, against 42
    ("il28", "us", at(1962, 10, 25), 20, None, None),
    ("il28", "actual", at(1962, 10, 25), 42, None, None),
])
def test_estimate_series_against_their_sources(prepared, sid, side, moment, value, low, high):
    s = series(prepared, sid)
    p = estimates.value_at(getattr(s, side), moment)
    assert p is not None and p.value == pytest.approx(value, abs=1)
    if low is not None:
        assert (p.low, p.high) == (low, high)
    assert p.sources


def test_every_estimate_series_the_issue_names_is_there_and_starts_with_the_timeline(prepared):
    got = {s.id: s for s in prepared.catalog.estimates}
    assert {"troops", "mrbm_launchers", "warheads", "irbm_sites", "il28"} <= set(got)
    for s in got.values():
        for side in (s.us, s.actual):
            assert side[0].time <= at(1962, 5, 1, 0)


def test_the_chart_data_holds_every_point_and_a_round_axis(prepared):
    chart = estimates.chart(prepared.catalog, "ja")
    assert chart is not None and chart["us_label"] == "ワシントンの推定"
    troops = next(s for s in chart["series"] if s["id"] == "troops")
    assert troops["max"] >= max(p[1] for p in troops["actual"]) and troops["max"] in (50000.0, 45000.0, 100000.0)
    assert [estimates.nice_max(v) for v in (0, 1, 3, 24, 42, 158, 41902)] == [1, 1, 5, 25, 50, 200, 50000]


def test_moscow_readings_are_in_time_order_and_told_at_their_moment(prepared):
    moscow = prepared.catalog.moscow
    assert len(moscow) >= 6 and list(moscow) == sorted(moscow, key=lambda m: m.time)
    assert estimates.moscow_at(prepared.catalog, at(1962, 10, 1)) is None
    last = estimates.moscow_at(prepared.catalog, at(1962, 10, 28, 23))
    assert last is not None and last.time <= at(1962, 10, 28, 23)
