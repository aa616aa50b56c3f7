"""``python -m geoapp export``: each format read back with GDAL (pyogrio) has its layers, its time fields, the
timeline's counts and every feature's sources; the KML is also parsed as XML (TimeSpan, gx:Track, escaping);
errors are one sentence (exit 2) and leave no file."""

from __future__ import annotations

import csv
import errno
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
import pyogrio
import pytest

import geoapp
from geoapp import gis
from geoapp.cli import main
from geoapp.i18n import t
from geoapp.render import kml
from tests.conftest import MINI

KML = "{http://www.opengis.net/kml/2.2}"
GX = "{http://www.google.com/kml/ext/2.2}"
PERIOD = ["--start", "1962-10-01T00:00Z", "--end", "1962-11-21T23:00Z"]
MOVING = ("ships", "flights")


@pytest.fixture(scope="module")
def atlas() -> geoapp.Atlas:
    return geoapp.load(MINI)


def _export(capsys, out: Path, *extra: str, data: Path = MINI) -> str:
    code = main(["export", "--data", str(data), "--out", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err and f"wrote {out}" in err
    return err


def _fails(capsys, argv: list[str], *needles: str) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = [x for x in err.strip().splitlines() if x != "building the timeline..."]  # the progress told before
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def _rows_per_layer(frame) -> Counter:
    return Counter(frame["layer"])


def _datetime_fields(info: dict) -> set[str]:
    return {f for f, ogr in zip(info["fields"], info["ogr_types"], strict=True) if ogr == "OFTDateTime"}


def test_geopackage_has_a_table_per_layer_with_datetime_fields_counts_and_sources(atlas, capsys, tmp_path):
    out = tmp_path / "crisis.gpkg"
    _export(capsys, out, "--format", "gpkg", *PERIOD)
    expected = atlas.timeline(start=PERIOD[1], end=PERIOD[3])
    tables = dict(pyogrio.list_layers(out))
    fixed = [lid for lid in atlas.layers if lid not in MOVING]
    assert set(tables) == {*fixed, *MOVING, *(f"{lid}_tracks" for lid in MOVING)}
    assert tables["ships"] == "Point" and tables["ships_tracks"].endswith("LineString")
    counts: Counter = Counter()
    for name in tables:
        info = pyogrio.read_info(out, layer=name)
        assert info["crs"] == "EPSG:4326"
        assert {"valid_from", "valid_to"} <= _datetime_fields(info), name
        frame = pyogrio.read_dataframe(out, layer=name)
        assert (frame["valid_from"] < frame["valid_to"]).all()
        assert frame["sources"].str.len().gt(0).all() and frame["citations"].str.len().gt(0).all(), name
        counts.update(frame["layer"])
    assert counts == _rows_per_layer(expected)
    ships = pyogrio.read_dataframe(out, layer="ships")
    assert {"precision_km", "estimated", "status"} <= set(ships.columns)
    first = pd.Timestamp(ships["valid_from"].min())
    assert (first if first.tzinfo else first.tz_localize("UTC")) >= pd.Timestamp(PERIOD[1])


def test_geojson_holds_the_whole_timeline_with_datetime_fields(atlas, capsys, tmp_path):
    out = tmp_path / "crisis.geojson"
    _export(capsys, out, "--lang", "ja")
    expected = atlas.timeline(lang="ja")
    info = pyogrio.read_info(out)
    assert {"valid_from", "valid_to"} <= _datetime_fields(info)
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == len(expected) and _rows_per_layer(frame) == _rows_per_layer(expected)
    assert frame["sources"].map(len).gt(0).all()
    assert list(frame["name"]) == list(expected["name"])


def test_csv_has_a_row_per_feature_and_span_with_sources(atlas, capsys, tmp_path):
    out = tmp_path / "crisis.csv"
    _export(capsys, out, "--layers", "missile_sites,ships", "--view", "gap")
    expected = atlas.timeline(layers=["missile_sites", "ships"], view="gap")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(expected)
    assert Counter(r["layer"] for r in rows) == _rows_per_layer(expected)
    assert all(r["valid_from"] < r["valid_to"] and r["sources"] for r in rows)
    frame = pyogrio.read_dataframe(out, layer="crisis")
    assert len(frame) == len(rows)


def _placemarks(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{KML}Placemark"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_kml_has_timespans_and_tracks_styled_and_in_the_language(atlas, capsys, tmp_path, lang):
    out = tmp_path / "crisis.kml"
    _export(capsys, out, "--lang", lang, *PERIOD)
    tl = atlas.timeline_rows(lang=lang, start=PERIOD[1], end=PERIOD[3])
    root = ET.parse(out).getroot()
    folders = root.find(f"{KML}Document").findall(f"{KML}Folder")
    assert [f.findtext(f"{KML}name") for f in folders] == [t(f"layer_{lid}", lang) for lid in tl.layers]
    fixed = [r for r in tl.rows if r.feature.layer not in MOVING]
    spans = [p for p in _placemarks(root) if p.find(f"{KML}TimeSpan") is not None]
    tracks = [p for p in _placemarks(root) if p.find(f"{GX}Track") is not None]
    assert len(spans) == len(fixed) and len(tracks) == len(tl.movers) > 0
    for p in tracks:
        track = p.find(f"{GX}Track")
        whens, coords = track.findall(f"{KML}when"), track.findall(f"{GX}coord")
        assert len(whens) == len(coords) >= 2 and [w.text for w in whens] == sorted(w.text for w in whens)
    for p in _placemarks(root):
        data = {d.get("name"): d.findtext(f"{KML}value") for d in p.iter(f"{KML}Data")}
        assert data.get("sources"), p.findtext(f"{KML}name")
        style = root.find(f".//{KML}Style[@id='{p.findtext(f'{KML}styleUrl')[1:]}']")
        assert style is not None
    colours = {c.text for c in root.iter(f"{KML}color")}
    assert kml.kml_color("#c0392b", 1.0)[2:] in {c[2:] for c in colours}  # the Soviet red of the map


def test_kml_and_kmz_open_in_gdal(atlas, capsys, tmp_path):
    out = tmp_path / "crisis.kml"
    _export(capsys, out)
    tl = atlas.timeline_rows()
    drivers = pyogrio.list_drivers()
    driver = "LIBKML" if "LIBKML" in drivers else "KML" if "KML" in drivers else None
    if driver is None:  # pragma: no cover - the XML checks above still hold
        pytest.skip("GDAL has no KML driver here")
    layers = [name for name, _ in pyogrio.list_layers(out)]
    assert layers == [t(f"layer_{lid}", "en") for lid in tl.layers]
    total = sum(len(pyogrio.read_dataframe(out, layer=name)) for name in layers)
    assert total == len([r for r in tl.rows if r.feature.layer not in MOVING]) + len(tl.movers)
    kmz = tmp_path / "crisis.kmz"
    _export(capsys, kmz, "--format", "kmz")
    with zipfile.ZipFile(kmz) as z:
        assert z.namelist() == ["doc.kml"] and z.read("doc.kml") == out.read_bytes()
    assert [name for name, _ in pyogrio.list_layers(kmz)] == layers


def test_kml_escapes_every_text_from_the_data(atlas):
    tl = atlas.timeline_rows()
    hostile = '<b>Bold</b> & "quoted" ]]> \x01end'
    first = tl.rows[0]
    rows = [replace(first, feature=replace(first.feature, props={**first.feature.props, "name": hostile},
                                            details=[("<i>", hostile)])), *tl.rows[1:]]
    root = ET.fromstring(kml.to_kml(replace(tl, rows=rows)).encode("utf-8"))
    names = [p.findtext(f"{KML}name") for p in _placemarks(root)]
    assert hostile.replace("\x01", "") in names
    assert not list(root.iter("b")) and not list(root.iter(f"{KML}b"))


def test_every_format_writes_through_the_api_and_the_app_bytes(atlas, tmp_path):
    tl = atlas.timeline_rows(layers="events,quarantine")
    for fmt, f in gis.FORMATS.items():
        data = gis.to_bytes(tl, fmt)
        assert len(data) > 100, fmt
        path = atlas.export(tmp_path / f"x{f.suffix}", layers="events,quarantine")
        assert path.stat().st_size > 100
        if fmt in ("csv", "geojson", "kml", "kmz"):
            assert path.read_bytes() == data, fmt


def test_the_real_data_exports_the_timeline_counts(capsys, tmp_path):
    """A few counts on the real data: the GeoPackage holds every row of the timeline, a KML a track per mover."""
    atlas = geoapp.load()
    expected = atlas.timeline()
    out = tmp_path / "atlas.gpkg"
    _export(capsys, out, data=Path(atlas.data_dir))
    counts: Counter = Counter()
    for name, _ in pyogrio.list_layers(out):
        counts.update(pyogrio.read_dataframe(out, layer=name, columns=["layer"], read_geometry=False)["layer"])
    assert counts == _rows_per_layer(expected)
    assert len(expected[expected["part"] == "position"]["id"].unique()) == len(atlas.timeline_rows().movers)


# -- errors ----------------------------------------------------------------------------------------------


def test_bad_arguments_are_one_sentence_and_no_file(capsys, tmp_path):
    out = tmp_path / "x.gpkg"
    base = ["export", "--data", str(MINI)]
    _fails(capsys, [*base, "--out", str(tmp_path / "x.shp")], "--format", "gpkg")
    _fails(capsys, [*base, "--format", "kml", "--out", str(out)], "--out", "should end in .kml")
    _fails(capsys, [*base, "--out", str(out), "--layers", "ships,unicorns"], "unicorns", "choose from")
    _fails(capsys, [*base, "--out", str(out), "--start", "1999-01-01"], "--start", "outside the atlas's timeline")
    _fails(capsys, [*base, "--out", str(out), "--start", "1962-10-28", "--end", "1962-10-22"],
           "--end must come after --start")
    _fails(capsys, [*base, "--out", str(tmp_path / "nowhere" / "x.gpkg")], "does not exist")
    _fails(capsys, [*base, "--out", str(tmp_path)], "is a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_full_disk_is_one_sentence_and_leaves_nothing(capsys, tmp_path, monkeypatch):
    def full(tl, fmt, path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gis, "write", full)
    out = tmp_path / "x.geojson"
    _fails(capsys, ["export", "--data", str(MINI), "--out", str(out)], "could not write", str(out), "free some space")
    assert list(tmp_path.iterdir()) == []


def test_invalid_data_is_told_as_validate_tells_it(capsys, mini, tmp_path):
    (mini / "sites.yaml").write_text("- id: [broken\n", encoding="utf-8")
    code = main(["export", "--data", str(mini), "--out", str(tmp_path / "x.csv")])
    err = capsys.readouterr().err
    assert code == 1 and "sites.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
