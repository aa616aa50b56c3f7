"""The command line: GeoJSON on stdout, clear errors and exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geoapp", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_state_prints_a_feature_collection():
    r = run("state", "--at", "1962-10-27T16:00Z", "--lang", "ja", "--layers", "missile_sites,range_rings")
    assert r.returncode == 0, r.stderr
    fc = json.loads(r.stdout)
    assert fc["type"] == "FeatureCollection"
    assert {f["properties"]["layer"] for f in fc["features"]} == {"missile_sites", "range_rings"}
    assert fc["properties"]["time"] == "1962-10-27T16:00Z"
    names = [f["properties"]["name"] for f in fc["features"]]
    assert any(any("\u30a0" <= ch <= "\u30ff" for ch in n) for n in names)  # katakana: Japanese names


def test_state_accepts_an_offset_time():
    r = run("state", "--at", "1962-10-22T19:00-04:00", "--layers", "quarantine", "--compact")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["properties"]["time"] == "1962-10-22T23:00Z"


def test_state_bad_arguments_are_sentences_not_tracebacks():
    r = run("state", "--at", "1962-10-27T16:00Z", "--layers", "ships,unicorns")
    assert r.returncode == 2 and "unknown layer(s): unicorns" in r.stderr and "Traceback" not in r.stderr
    r = run("state", "--at", "1999-01-01T00:00Z")
    assert r.returncode == 2 and "outside the atlas's timeline" in r.stderr and "Traceback" not in r.stderr
    r = run("state", "--at", "yesterday")
    assert r.returncode == 2 and "not an ISO 8601 time" in r.stderr


def test_validate_clean_data_exits_0():
    r = run("validate")
    assert r.returncode == 0, r.stdout
    assert r.stdout.startswith("ok:")


def test_validate_broken_data_exits_1_listing_every_problem(mini):
    p = mini / "vessels.yaml"
    p.write_text(p.read_text().replace("kind: cargo", "kind: boat").replace("lat: 26.0", "lat: 126.0"))
    r = run("validate", "--data", str(mini))
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert "vessels.yaml: ship-a: kind: 'boat' is not one of" in lines[0] or any(
        line.startswith("vessels.yaml: ship-a: kind:") for line in lines)
    assert any(line.startswith("vessels.yaml: ship-a: fixes[1].lat:") for line in lines)
    assert "Traceback" not in r.stdout + r.stderr


def test_geoapp_data_dir_points_the_cli_at_another_data_folder(tmp_path):
    import os

    missing = tmp_path / "no-such-folder"
    r = subprocess.run([sys.executable, "-m", "geoapp", "state", "--at", "1962-10-27T16:00Z"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300,
                       env={**os.environ, "GEOAPP_DATA_DIR": str(missing)})
    assert r.returncode != 0 and str(missing) in r.stderr and "Traceback" not in r.stderr


def test_state_in_the_known_view_says_when_and_as_what_each_feature_was_known():
    r = run("state", "--at", "1962-10-27T18:00Z", "--lang", "ja", "--view", "known", "--compact")
    assert r.returncode == 0, r.stderr
    feats = json.loads(r.stdout)["features"]
    assert feats and all(f["properties"]["known_since"] and f["properties"]["known_as"] for f in feats)
    site = next(f["properties"] for f in feats if f["properties"]["id"] == "san-cristobal-1")
    assert site["known_since"].startswith("1962-10-") and "SS-4" in site["known_as"]
    assert not any(f["properties"]["id"].startswith("fkr-") for f in feats)  # never identified


def test_state_in_the_difference_view_says_whether_each_feature_was_known():
    r = run("state", "--at", "1962-10-27T18:00Z", "--view", "gap", "--compact")
    assert r.returncode == 0, r.stderr
    known = {f["properties"]["id"]: f["properties"]["known"] for f in json.loads(r.stdout)["features"]}
    assert known["warheads-managua"] is False and known["san-cristobal-1"] is True
    assert all(isinstance(v, bool) for v in known.values())
    bad = run("state", "--at", "1962-10-27T18:00Z", "--view", "secret")
    assert bad.returncode == 2 and "invalid choice: 'secret'" in bad.stderr and "Traceback" not in bad.stderr
