"""Tier 1: every validation rule has a broken fixture and a test for its message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geoapp.coverage import empty_map_problems
from geoapp.io import plausibility, read_catalog
from geoapp.io.texts import numbers_missing
from geoapp.situation import prepare

ROOT = Path(__file__).resolve().parents[1]
#: the mini data's focus of its key event, as written
BBOX = "bbox: [-90.0, 15.0, -60.0, 40.0]"
FEATURES = "features: [speech, site-a, q-500, ship-a]"
EXCEPTION = "speed_exception: {sources: [book-a], note: {en: Circled for an hour., ja: 1時間旋回した。}}"


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    p = folder / name
    text = p.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mini_fixture_is_valid(mini):
    catalog, problems = read_catalog(mini)
    assert problems == []
    assert catalog is not None and len(catalog.sites) == 1


CASES = [
    # (file, old text, new text, expected "file: record: field" prefix, words in the message)
    ("story.yaml", 'date: "1961-04"', 'date: "April 1961"', "story.yaml: before: date", "YYYY-MM-DD"),
    ("story.yaml", "part: prologue", "part: preface", "story.yaml: before: part", "preface"),
    ("sites.yaml", "lon: -83.2", "lon: -283.2", "sites.yaml: site-a: lon", "out of range"),
    ("sites.yaml", "lat: 22.7", "lat: 95", "sites.yaml: site-a: lat", "out of range"),
    ("sites.yaml", "lon: -83.2\n  lat: 22.7", "lon: -60.0\n  lat: 27.0", "sites.yaml: site-a: lon/lat", "at sea"),
    ("sites.yaml", "kind: MRBM", "kind: ROCKET", "sites.yaml: site-a: kind", "is not one of"),
    ("sites.yaml", "  precision_km: 10\n", "", "sites.yaml: site-a: precision_km", "missing"),
    ("sites.yaml", "weapon: r-12", "weapon: r-99", "sites.yaml: site-a: weapon", "not a weapon"),
    ("sites.yaml", "status: operational", "status: ready", "sites.yaml: site-a: periods[1].status", "not one of"),
    ("sites.yaml", '"1962-10-25T12:00-05:00"', '"1962-09-01T12:00-05:00"', "sites.yaml: site-a: periods[1].start",
     "time order"),
    ("sites.yaml", "ja: サイトA", "ja: ''", "sites.yaml: site-a: name", "missing language(s): ja"),
    ("sites.yaml", "sources: [book-a]", "sources: [book-zz]", "sites.yaml: site-a: sources", "not in the bibliography"),
    ("sites.yaml", "sources: [book-a]", "sources: []", "sites.yaml: site-a: sources", "every record needs"),
    ("sites.yaml", '"1962-10-14T07:31-04:00"', '"1962-10-14T07:31"', "sites.yaml: site-a: first_photographed",
     "no time zone"),
    ("sites.yaml", '"1962-10-14T07:31-04:00"', '"1961-04-17T07:31-04:00"', "sites.yaml: site-a: first_photographed",
     "outside the timeline"),
    ("vessels.yaml", "lon: -70.0, lat: 26.0", "lon: -100.0, lat: 35.0", "vessels.yaml: ship-a: fixes[1].lon/lat",
     "on land"),
    ("vessels.yaml", '"1962-10-24T12:00Z"', '"1962-10-19T12:00Z"', "vessels.yaml: ship-a: fixes[1].time",
     "not after"),
    ("vessels.yaml", "lat: 26.0", "lat: 126.0", "vessels.yaml: ship-a: fixes[1].lat", "out of range"),
    ("vessels.yaml", "kind: cargo", "kind: boat", "vessels.yaml: ship-a: kind", "is not one of"),
    ("flights.yaml", '"1962-10-27T10:00Z"', '"1962-10-27T07:00Z"', "flights.yaml: flight-a: vertices[1].time",
     "not after"),
    ("events.yaml", "place: washington", "place: atlantis", "events.yaml: speech: place", "is not a place"),
    ("events.yaml", "time_precision: minute", "time_precision: era", "events.yaml: speech: time_precision",
     "not one of"),
    ("events.yaml", "text: {en: The president speaks., ja: 大統領が演説する。}", "text: {en: The president speaks.}",
     "events.yaml: speech: text", "missing language(s): ja"),
    ("weapons.yaml", "default: soviet", "default: cia", "weapons.yaml: r-12: default", "not one of the figures"),
    ("quarantine.yaml", "status: in_force", "status: active", "quarantine.yaml: q-500: periods[1].status",
     "not one of"),
    ("quarantine.yaml", "radius_nmi: 500", "radius_nmi: -5", "quarantine.yaml: q-500: radius_nmi", "out of range"),
    ("places.yaml", "{id: washington", "{id: [washington", "places.yaml: line", "not valid YAML"),
    ("weapons.yaml", "kind: MRBM", "kind: ROCKET", "weapons.yaml: r-12: kind", "is not one of"),
    ("weapons.yaml", "side: soviet", "side: martian", "weapons.yaml: r-12: side", "is not one of"),
    ("flights.yaml", "side: us", "side: martian", "flights.yaml: flight-a: side", "is not one of"),
    ("flights.yaml", "  side: us\n", "", "flights.yaml: flight-a: side", "is not one of"),
    ("cities.yaml", "{id: city-miami", "{id: washington", "cities.yaml: washington: id",
     "duplicate id (also in places.yaml)"),
    ("sites.yaml", '"1962-10-25T12:00-05:00"', '"1962-10-25T12:00"', "sites.yaml: site-a: periods[1].start",
     "no time zone"),
    ("vessels.yaml", "lat: 26.0", "lat: 26.0, note: x", "vessels.yaml: ship-a: fixes[1].note", "should be {en"),
    ("vessels.yaml", '- {time: "1962-10-20T12:00Z"', '- 42\n    - {time: "1962-10-20T12:00Z"',
     "vessels.yaml: ship-a: fixes[0]", "should be a mapping"),
    ("sites.yaml", "  sources: [book-a]", "  sources: [book-a]\n  variants: [{value: 3, sources: [book-a]}]",
     "sites.yaml: site-a: variants[0].field", "missing"),
    # plausibility: speed envelopes (data/README.md, "Speed envelopes")
    ("flights.yaml", f"50,\n       {EXCEPTION}}}", "50}", "flights.yaml: flight-a: vertices[1].time",
     "the leg from vertices[0] implies 262 km/h over 524 km, slower than a U-2 flies (560–880 km/h"),
    ("flights.yaml", "lat: 68.0, precision_km: 50}", f"lat: 68.0, precision_km: 50, {EXCEPTION}}}",
     "flights.yaml: flight-a: vertices[0].speed_exception", "no leg ends at the first point"),
    ("vessels.yaml", '"1962-10-24T12:00Z"', '"1962-10-20T20:00Z"', "vessels.yaml: ship-a: fixes[1].time",
     "faster than a cargo can go (0–20.5 kn"),
    ("flights.yaml", "ja: 1時間旋回した。}", "}", "flights.yaml: flight-a: vertices[1].speed_exception.note",
     "missing language(s): ja"),
    ("flights.yaml", "speed_exception: {sources: [book-a],", "speed_exception: {sources: [],",
     "flights.yaml: flight-a: vertices[1].speed_exception.sources", "every record needs"),
    ("vessels.yaml", "observed: true, sources: [book-a]}", f"observed: true, sources: [book-a], {EXCEPTION}}}",
     "vessels.yaml: ship-a: fixes[1].speed_exception", "not needed"),
    # plausibility: statuses by site kind (data/README.md, "What a status means")
    ("sites.yaml", "kind: MRBM", "kind: AIRBASE", "sites.yaml: site-a: periods[0].status",
     "'construction' is not a status of a site of kind AIRBASE"),
    ("sites.yaml", '-05:00", sources: [book-a#p.12]}', '-05:00"}', "sites.yaml: site-a: periods[1].sources",
     "operational only when a source says"),
    # plausibility: honest precision
    ("vessels.yaml", "lat: 27.0, precision_km: 100", "lat: 27.0, precision_km: 5",
     "vessels.yaml: ship-a: fixes[0].precision_km", "5 km draws a position estimated (observed: false) as exact"),
    ("places.yaml", "country: US, sources: [book-a]", "country: US, sources: [atlas-estimate]",
     "places.yaml: washington: precision_km", "placed from a description (atlas-estimate) as exact"),
    # one spelling per name (data/glossary.yaml)
    ("events.yaml", "ja: 大統領が演説する。", "ja: ケネディー大統領が演説する。", "events.yaml: speech: text.ja",
     "'ケネディー' is a variant spelling of Kennedy; write 'ケネディ'"),
    ("events.yaml", "en: The president speaks.", "en: President Kenedy speaks.", "events.yaml: speech: text.en",
     "'Kenedy' is a variant spelling of Kennedy"),
    ("glossary.yaml", "ja: [ケネディー]", "ja: [ケネディ]", "glossary.yaml: john-f-kennedy: wrong.ja",
     "is the right spelling of john-f-kennedy"),
    ("glossary.yaml", "kind: person", "kind: god", "glossary.yaml: john-f-kennedy: kind", "is not one of"),
    ("vessels.yaml", "name: {en: Ship A, ja: 船A}", "name: {en: Ship A, ja: シップA}", "vessels.yaml: ship-a: name.ja",
     "'シップA' is spelt '船A' in data/glossary.yaml (ship-a)"),
    ("glossary.yaml", "{en: Miami, ja: マイアミ}", "{en: Miami Beach, ja: マイアミ}",
     "cities.yaml: city-miami: name.en", "'Miami' is not in data/glossary.yaml; add it as a place"),
    # text people read: no internal words
    ("events.yaml", "en: The president speaks.", "en: Seed 002 says the president speaks.",
     "events.yaml: speech: text.en", "'Seed 002' is an internal word"),
    ("events.yaml", "ja: 大統領が演説する。", "ja: 大統領が演説する（L123）。", "events.yaml: speech: text.ja",
     "'L123' is an internal word: a line number"),
    ("events.yaml", "title: {en: The speech,", "title: {en: The speech as the atlas team sees it,",
     "events.yaml: speech: title.en", "'atlas team' is an internal word"),
    ("vessels.yaml", "lat: 26.0, precision_km: 50",
     "lat: 26.0, note: {en: see atlas-estimate, ja: 推定}, precision_km: 50",
     "vessels.yaml: ship-a: fixes[1].note.en", "'atlas-estimate' is an internal word"),
    # a key moment's focus: where the map goes and what it is about
    ("events.yaml", f"  focus: {{{BBOX}, {FEATURES}}}\n", "", "events.yaml: speech: focus",
     "missing: a key event needs a focus"),
    ("events.yaml", "key: true", "key: false", "events.yaml: speech: focus", "only a key event"),
    ("events.yaml", "focus: {bbox", "focus: [-90.0, 15.0, -60.0, 40.0]\n  old: {bbox", "events.yaml: speech: focus",
     "should be a mapping"),
    ("events.yaml", BBOX, "bbox: [-90.0, 15.0, -60.0]", "events.yaml: speech: focus.bbox", "four numbers"),
    ("events.yaml", BBOX, "bbox: [-90.0, 15.0, -60.0, north]", "events.yaml: speech: focus.bbox", "four numbers"),
    ("events.yaml", BBOX, "bbox: [-190.0, 15.0, -60.0, 40.0]", "events.yaml: speech: focus.bbox",
     "west -190 is out of range"),
    ("events.yaml", BBOX, "bbox: [-90.0, 15.0, -60.0, 95.0]", "events.yaml: speech: focus.bbox",
     "north 95 is out of range"),
    ("events.yaml", BBOX, "bbox: [-90.0, 40.0, -60.0, 15.0]", "events.yaml: speech: focus.bbox",
     "south 40 is not below north 15"),
    ("events.yaml", BBOX, "bbox: [-170.0, 15.0, 60.0, 40.0]", "events.yaml: speech: focus.bbox",
     "230° wide, more than 180°"),
    ("events.yaml", BBOX, "bbox: [-60.0, 15.0, -90.0, 40.0]", "events.yaml: speech: focus.bbox",
     "330° wide (west > east: it crosses the antimeridian)"),
    ("events.yaml", BBOX, "bbox: [-90.0, -60.0, -60.0, 40.0]", "events.yaml: speech: focus.bbox",
     "100° high, more than 90°"),
    ("events.yaml", BBOX, "bbox: [-90.0, 15.0, -90.0, 40.0]", "events.yaml: speech: focus.bbox", "no width"),
    ("events.yaml", BBOX, "bbox: [-90.0, 15.0, -89.99, 40.0]", "events.yaml: speech: focus.bbox",
     "too small to frame"),
    ("events.yaml", f"{BBOX}, ", "", "events.yaml: speech: focus.bbox", "missing"),
    ("events.yaml", FEATURES, "features: []", "events.yaml: speech: focus.features", "non-empty list"),
    ("events.yaml", FEATURES, "features: [speech, 42]", "events.yaml: speech: focus.features", "list of ids"),
    ("events.yaml", FEATURES, "features: [speech, speech]", "events.yaml: speech: focus.features", "listed twice"),
    ("events.yaml", FEATURES, f"{FEATURES}, zoom: 5", "events.yaml: speech: focus.zoom", "unknown field"),
    ("events.yaml", FEATURES, "features: [speech, site-z]", "events.yaml: speech: focus.features[1]",
     "'site-z' is not a site, vessel, flight or quarantine line, nor this event"),
    ("events.yaml", FEATURES, "features: [site-a#ring]", "events.yaml: speech: focus.features[0]",
     "name the record itself, 'site-a'"),
    ("events.yaml", FEATURES, "features: [washington]", "events.yaml: speech: focus.features[0]",
     "it is in places.yaml, which is not drawn"),
    ("events.yaml", "key: true", "key: yes please", "events.yaml: speech: key", "should be true or false"),
    # names written on the map
    ("labels.yaml", "place: washington", "place: atlantis", "labels.yaml: label-washington: place",
     "'atlantis' is not a place of places.yaml or cities.yaml"),
    ("labels.yaml", "min_zoom: 3", "min_zoom: 3.5", "labels.yaml: label-washington: min_zoom", "whole zoom level"),
    ("labels.yaml", "min_zoom: 4", "min_zoom: 14", "labels.yaml: label-cuba: min_zoom", "14"),
    ("labels.yaml", "kind: country", "kind: ocean", "labels.yaml: label-cuba: kind", "'ocean' is not one of"),
    ("labels.yaml", ", sources: [book-a]", "", "labels.yaml: label-cuba: sources", "missing"),
    # what Washington knew (knowledge/*.yaml), the estimate series and Moscow's readings
    ("knowledge/sites.yaml", "- id: site-a", "- id: site-z", "knowledge/sites.yaml: site-z: id",
     "'site-z' is not a site in sites.yaml"),
    ("knowledge/sites.yaml", "- id: site-a", "- id: site-z", "knowledge/sites.yaml: site-a: -",
     "missing: every site that is not US says what Washington knew"),
    ("knowledge/sites.yaml", '"1962-10-15T12:00-04:00"', '"1962-09-01T12:00-04:00"',
     "knowledge/sites.yaml: site-a: readings[0].time", "before the site is there"),
    ("knowledge/sites.yaml", '"1962-10-22T17:00-04:00"', '"1962-10-14T17:00-04:00"',
     "knowledge/sites.yaml: site-a: readings[1].time", "before the reading before it"),
    ("knowledge/sites.yaml", "status: construction, ", "", "knowledge/sites.yaml: site-a: readings[0].status",
     "first reading says the status"),
    ("knowledge/sites.yaml", "how: u2", "how: crystal_ball", "knowledge/sites.yaml: site-a: readings[0].how",
     "'crystal_ball' is not one of"),
    ("knowledge/sites.yaml", "confidence: high", "confidence: certain",
     "knowledge/sites.yaml: site-a: readings[0].confidence", "'certain' is not one of high, medium, low"),
    ("knowledge/sites.yaml", 'revealed: "1992-01"', 'revealed: "January 1992"',
     "knowledge/sites.yaml: site-a: unknown.revealed", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("knowledge/sites.yaml", "known_as: {en: SS-4 MRBM site, ja: SS-4準中距離弾道ミサイル基地}, ", "",
     "knowledge/sites.yaml: site-a: readings[0].known_as", "missing"),
    ("knowledge/vessels.yaml", "how: air_patrol,", "how: air_patrol, status: operational,",
     "knowledge/vessels.yaml: ship-a: readings[0].status", "only a site's reading says a status"),
    ("knowledge/vessels.yaml", "- id: ship-a\n  readings:\n    - ", "- id: ship-a\n  readings: []\n  old:\n    - ",
     "knowledge/vessels.yaml: ship-a: unknown", "a thing Washington never identified says what it did not know"),
    ("knowledge/events.yaml", "[]", "- {id: speech, readings: [], unknown: {what: {en: x, ja: x}, revealed: '1992', "
     "revealed_how: {en: y, ja: y}, confidence: low, sources: [book-a]}}\n- {id: nothing-happened, unknown: {what: "
     "{en: x, ja: x}, revealed: '1992', revealed_how: {en: y, ja: y}, confidence: low, sources: [book-a]}}",
     "knowledge/events.yaml: nothing-happened: id", "is not an event in events.yaml"),
    ("estimates.yaml", '"1962-10-20T12:00-04:00"', '"1962-04-20T12:00-04:00"', "estimates.yaml: troops: us[1].time",
     "outside the timeline"),
    ("estimates.yaml", "value: 7000, low: 6000", "value: 9000, low: 6000", "estimates.yaml: troops: us[1].value",
     "outside its own range"),
    ("estimates.yaml", '"1962-10-01T12:00-04:00"', '"1962-04-30T12:00-04:00"', "estimates.yaml: troops: actual[1].time",
     "outside the timeline"),
    ("estimates.yaml", "value: 40000", "value: lots", "estimates.yaml: troops: actual[1].value", "should be a number"),
    ("moscow.yaml", "how: diplomatic", "how: telepathy", "moscow.yaml: moscow-a: how", "'telepathy' is not one of"),
    ("moscow.yaml", "  text: {en: Moscow heard that an invasion was near., ja: モスクワは侵攻が近いと聞いた。}\n", "",
     "moscow.yaml: moscow-a: text", "missing"),
    # the English and Japanese texts tell the same facts: the same numbers
    ("events.yaml", "text: {en: The president speaks., ja: 大統領が演説する。}",
     "text: {en: The president speaks at 19:30 for 18 minutes., ja: 大統領が午後7時半に演説する。}",
     "events.yaml: speech: text", "18 in the English text not in the Japanese one"),
]


@pytest.mark.parametrize(("file", "old", "new", "prefix", "words"), CASES, ids=[c[3] for c in CASES])
def test_each_rule_reports_file_record_field(mini, file, old, new, prefix, words):
    _edit(mini, file, old, new)
    catalog, problems = read_catalog(mini)
    assert catalog is None
    lines = [str(p) for p in problems]
    assert any(line.startswith(prefix) and words in line for line in lines), lines


def test_a_focus_across_the_antimeridian_is_valid(mini):
    """West > east is a box across the antimeridian (Chukotka and Alaska): 50° wide, not 310°."""
    _edit(mini, "events.yaml", "bbox: [-90.0, 15.0, -60.0, 40.0]", "bbox: [165.0, 60.0, -145.0, 74.0]")
    catalog, problems = read_catalog(mini)
    assert problems == []
    assert catalog is not None and catalog.events[0].focus is not None
    assert catalog.events[0].focus.bbox == (165.0, 60.0, -145.0, 74.0)
    assert catalog.events[0].focus.features == ("speech", "site-a", "q-500", "ship-a")


def test_a_focus_may_not_name_another_event(mini):
    text = (mini / "events.yaml").read_text(encoding="utf-8")
    other = text.split("  focus:")[0].replace("id: speech", "id: aftermath").replace("key: true", "key: false")
    (mini / "events.yaml").write_text(text.replace("features: [speech,", "features: [aftermath,") + other,
                                      encoding="utf-8")
    _, problems = read_catalog(mini)
    assert any(str(p).startswith("events.yaml: speech: focus.features[0]") and "no event but its own" in str(p)
               for p in problems), [str(p) for p in problems]


def test_duplicate_ids_across_files(mini):
    (mini / "sites.yaml").write_text((mini / "sites.yaml").read_text() + (mini / "sites.yaml").read_text())
    _, problems = read_catalog(mini)
    assert any("sites.yaml: site-a: id: duplicate id" in str(p) for p in problems)


def test_every_problem_is_collected_not_just_the_first(mini):
    _edit(mini, "sites.yaml", "lat: 22.7", "lat: 95")
    _edit(mini, "vessels.yaml", "kind: cargo", "kind: boat")
    _edit(mini, "events.yaml", "place: washington", "place: atlantis")
    _, problems = read_catalog(mini)
    files = {p.file for p in problems}
    assert {"sites.yaml", "vessels.yaml", "events.yaml"} <= files


def test_a_fix_after_a_rejected_one_is_named_by_its_own_index(mini):
    _edit(mini, "vessels.yaml", "lat: 27.0", "lat: 127.0")
    _edit(mini, "vessels.yaml", "lon: -70.0, lat: 26.0", "lon: -100.0, lat: 35.0")
    _, problems = read_catalog(mini)
    fields = [p.field for p in problems]
    assert "fixes[0].lat" in fields and "fixes[1].lon/lat" in fields, fields


def test_missing_file_and_missing_folder(mini, tmp_path):
    (mini / "events.yaml").unlink()
    _, problems = read_catalog(mini)
    assert any(str(p) == "events.yaml: -: -: file not found" for p in problems)
    _, problems = read_catalog(tmp_path / "nowhere")
    assert "data folder not found" in str(problems[0])


def test_a_time_only_estimate_keeps_an_exact_position(mini):
    """``atlas-estimate#dates`` says the dates were placed, not the position: no halo needed."""
    _edit(mini, "places.yaml", "country: US, sources: [book-a]", "country: US, sources: [atlas-estimate#dates]")
    assert read_catalog(mini)[1] == []


def test_a_wrong_spelling_inside_a_right_one_is_not_reported(mini):
    """Trinidad's トリニダード holds the wrong トリニダー: only the bare wrong one is reported."""
    (mini / "glossary.yaml").write_text((mini / "glossary.yaml").read_text(encoding="utf-8") + (
        "- {id: trinidad, kind: place, name: {en: Trinidad, ja: トリニダード}, wrong: {ja: [トリニダー]}}\n"),
        encoding="utf-8")
    _edit(mini, "events.yaml", "ja: 大統領が演説する。", "ja: トリニダードで大統領が演説する。")
    assert read_catalog(mini)[1] == []
    _edit(mini, "events.yaml", "ja: トリニダードで", "ja: トリニダーで")
    assert [str(p) for p in read_catalog(mini)[1]] == [
        "events.yaml: speech: text.ja: 'トリニダー' is a variant spelling of Trinidad; write 'トリニダード' "
        "(data/glossary.yaml)"]


def test_the_map_is_never_empty(mini):
    """The mini data shows nothing before site A's construction: one problem names the empty run."""
    catalog, problems = read_catalog(mini)
    assert problems == [] and catalog is not None
    [problem] = empty_map_problems(prepare(catalog))
    assert str(problem).startswith("timeline: 1962-05-01T00:00Z to 1962-09-15T00:00Z: map: nothing is on the map")
    _edit(mini, "sites.yaml", '"1962-09-15T12:00-05:00"', '"1962-05-01T00:00Z"')
    catalog, _ = read_catalog(mini)
    assert catalog is not None and empty_map_problems(prepare(catalog)) == []


def _readme_envelopes() -> dict[str, tuple[float, float, str]]:
    """The speed-envelope table of data/README.md: kind -> (low, high, unit)."""
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| ([\d.]+) \| ([\d.]+) \| (km/h|kn) \|", text, flags=re.M)
    return {k: (float(lo), float(hi), unit) for k, lo, hi, unit in rows}


def test_the_readme_documents_the_speed_envelopes_the_code_checks():
    code = {k: (e.low, e.high, e.unit) for k, e in plausibility.SPEED_ENVELOPES.items()}
    assert _readme_envelopes() == code


def test_the_readme_documents_the_statuses_of_each_site_kind():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for kind, statuses in plausibility.SITE_KIND_STATUSES.items():
        m = re.search(rf"^\| `{kind}` \| ([^|]+) \|", text, flags=re.M)
        assert m, kind
        assert tuple(re.findall(r"`(\w+)`", m.group(1))) == statuses, kind


@pytest.mark.parametrize(("en", "ja", "missing"), [
    ("50,000 troops at 19:00 on 22 October", "10月22日午後7時に5万人の部隊", []),
    ("an SA-2 of the 507th; B-59 and the R-12s", "第507連隊のSA-2、B-59とR-12", []),
    ("1,020 nmi on 19-20 October 1962", "1962年10月19〜20日に1,020海里", []),
    ("around 23:30 on 13 October", "10月13日午後11時半ごろ", []),
    ("the memo of 16 October", "覚書", ["16"]),
    ("at 10:22 Havana time", "ハバナ時間10時", ["10:22"]),
])
def test_numbers_of_the_english_text_are_found_in_the_japanese_one(en, ja, missing):
    assert numbers_missing(en, ja) == missing


# ---------------------------------------------------------------- bad input, every time (issue 14)

def _write(folder: Path, name: str, data: bytes | str) -> None:
    p = folder / name
    p.unlink()
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)


def _replace_with(kind: str):
    def make(folder: Path, name: str) -> None:
        p = folder / name
        p.unlink()
        if kind == "folder":
            p.mkdir()
        elif kind == "fifo":
            os.mkfifo(p)
        else:
            p.symlink_to("/dev/zero")
    return make


BAD_INPUT = [
    # (what, how to break the mini data, expected "file: record: field" prefix, words)
    ("an empty file", lambda f: _write(f, "sites.yaml", ""), "sites.yaml: -: -", "holds no records"),
    ("a comment only", lambda f: _write(f, "events.yaml", "# nothing yet\n"), "events.yaml: -: -", "holds no records"),
    ("an empty list", lambda f: _write(f, "vessels.yaml", "[]\n"), "vessels.yaml: -: -", "holds no records"),
    ("an id given as a list", lambda f: _edit(f, "sites.yaml", "- id: site-a", "- id: [a, b]"), "sites.yaml: #1: id",
     "should be text, not list"),
    ("an id given as a mapping", lambda f: _edit(f, "sites.yaml", "- id: site-a", "- id: {a: 1}"),
     "sites.yaml: #1: id", "should be text, not dict"),
    ("a name given as a list", lambda f: _edit(f, "sites.yaml", "en: Site A", "en: [1, 2]"), "sites.yaml: site-a: name",
     "the en text should be text, not list"),
    ("a weapon given as a list", lambda f: _edit(f, "sites.yaml", "weapon: r-12", "weapon: [r-12]"),
     "sites.yaml: site-a: weapon", "should be a weapon id (text), not list"),
    ("variants given as a number", lambda f: _edit(f, "sites.yaml", "  sources: [book-a]\n", "  sources: [book-a]\n"
     "  variants: 5\n"), "sites.yaml: site-a: variants", "should be a list of mappings"),
    ("a centre given as a list", lambda f: _edit(f, "quarantine.yaml", "center: {lon: -74.1353, lat: 20.2447}",
     "center: [1, 2]"), "quarantine.yaml: q-500: center", "should be a mapping {lon, lat}, not list"),
    ("a default figure given as a list", lambda f: _edit(f, "weapons.yaml", "default: soviet", "default: [soviet]"),
     "weapons.yaml: r-12: default", "is not one of the figures"),
    ("a kind given as a list", lambda f: _edit(f, "sites.yaml", "kind: MRBM", "kind: [MRBM]"),
     "sites.yaml: site-a: kind", "is not one of"),
    ("a population given as a word", lambda f: _edit(f, "cities.yaml", "major_city: true",
     "major_city: true, population_1960: many"), "cities.yaml: city-miami: population_1960", "should be a number"),
    ("a time before any calendar", lambda f: _edit(f, "events.yaml", '"1962-10-22T19:00-04:00"',
     '"0001-01-01T00:00+01:00"'), "events.yaml: speech: time", "outside the range of dates that can be read"),
    ("latin-1 bytes", lambda f: (f / "events.yaml").write_bytes((f / "events.yaml").read_bytes() + b"\n# caf\xe9\n"),
     "events.yaml: line", "is not UTF-8 text (byte 0xe9"),
    ("UTF-16 text",
     lambda f: _write(f, "places.yaml", (f / "places.yaml").read_text(encoding="utf-8").encode("utf-16")),
     "places.yaml: -: -", "is UTF-16 text; save it as UTF-8"),
    ("a NUL byte", lambda f: (f / "sites.yaml").write_bytes((f / "sites.yaml").read_bytes() + b"\n# \x00\n"),
     "sites.yaml: -: -", "not valid YAML"),
    ("an alias bomb", lambda f: (f / "events.yaml").write_text(
        (f / "events.yaml").read_text(encoding="utf-8") + "\n- id: bomb\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
        "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", encoding="utf-8"),
     "events.yaml: line", "an alias (*name) is not allowed"),
    ("an alias of itself", lambda f: (f / "events.yaml").write_text(
        (f / "events.yaml").read_text(encoding="utf-8") + "\n- id: loop\n  a: &a [*a]\n", encoding="utf-8"),
     "events.yaml: line", "an alias (*name) is not allowed"),
    ("a key given twice", lambda f: _edit(f, "sites.yaml", "  lat: 22.7\n", "  lat: 22.7\n  lat: 23.1\n"),
     "sites.yaml: line", "the key 'lat' is given twice"),
    ("a folder", lambda f: _replace_with("folder")(f, "cities.yaml"), "cities.yaml: -: -", "is not a plain file"),
    ("a named pipe", lambda f: _replace_with("fifo")(f, "cities.yaml"), "cities.yaml: -: -", "is not a plain file"),
    ("a link to /dev/zero", lambda f: _replace_with("zero")(f, "cities.yaml"), "cities.yaml: -: -",
     "is not a plain file"),
    ("an 11 MB file", lambda f: (f / "cities.yaml").write_text(
        (f / "cities.yaml").read_text(encoding="utf-8") + "# " + "x" * 11_000_000 + "\n", encoding="utf-8"),
     "cities.yaml: -: -", "a data file may hold at most 10 MB"),
]


@pytest.mark.parametrize(("what", "breaks", "prefix", "words"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_in_a_sentence_never_a_traceback_or_a_hang(mini, what, breaks, prefix, words):
    breaks(mini)
    catalog, problems = read_catalog(mini)
    assert catalog is None, what
    lines = [str(p) for p in problems]
    assert any(line.startswith(prefix) and words in line for line in lines), lines


def test_a_data_problem_reads_the_same_on_the_command_line(mini):
    _write(mini, "sites.yaml", "")
    r = subprocess.run([sys.executable, "-m", "geoapp", "validate", "--data", str(mini)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    assert "sites.yaml: -: -: holds no records: it should be a list of records (- id: ...)" in r.stdout


def test_a_damaged_cache_entry_is_built_again(tmp_path, monkeypatch):
    """Any byte of a cache entry changed, or the entry cut short: the value is built again (never read back wrong,
    never an error) and the entry written over."""
    from geoapp import diskcache

    monkeypatch.setenv("CMC_ATLAS_CACHE", str(tmp_path))
    assert diskcache.cached("x", "k", lambda: {"a": [1, 2, 3]}) == {"a": [1, 2, 3]}
    assert diskcache.cached("x", "k", lambda: "built again") == {"a": [1, 2, 3]}  # read back
    entry = tmp_path / "x-k.pickle"
    good = entry.read_bytes()
    damaged = [good[:i] + bytes([good[i] ^ 0xFF]) + good[i + 1:] for i in range(len(good))] + [good[:10], b""]
    for bad in damaged:
        entry.write_bytes(bad)
        assert diskcache.cached("x", "k", lambda: "built again") == "built again"
        assert diskcache.cached("x", "k", lambda: "never") == "built again"  # written over
        entry.write_bytes(good)
