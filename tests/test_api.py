"""The Python API (``geoapp.load``): GeoDataFrames with the command line's columns, a timeline that agrees with
the map at every moment, errors in the command line's sentences, and docs/api.md run as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import geoapp
from geoapp import io
from geoapp.cli import main
from tests.conftest import MINI, ROOT

AT = "1962-10-27T16:00Z"
#: moments spread over the mini data's days (none on a vertex or a span's edge)
MOMENTS = ("1962-10-14T11:17Z", "1962-10-22T23:41Z", "1962-10-24T13:07Z", "1962-10-25T09:53Z", "1962-10-27T16:00Z",
           "1962-10-28T14:29Z", "1962-11-20T08:11Z")


@pytest.fixture(scope="module")
def atlas() -> geoapp.Atlas:
    return geoapp.load(MINI)


def _state(capsys, *argv: str) -> dict:
    assert main(["state", "--data", str(MINI), "--compact", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def _cli_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    return capsys.readouterr().err.removeprefix("error: ").strip()


def test_import_geoapp_stays_light():
    code = "import sys, geoapp; print('geopandas' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("view", ["actual", "known", "gap"])
def test_frame_at_has_the_columns_of_the_cli_geojson(atlas, capsys, view):
    fc = _state(capsys, "--at", AT, "--view", view, "--lang", "ja")
    frame = atlas.frame_at(AT, lang="ja", view=view)
    columns = list(dict.fromkeys(k for f in fc["features"] for k in f["properties"]))
    assert list(frame.columns) == [*columns, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert list(frame["id"]) == [f["id"] for f in fc["features"]]
    assert list(frame["sources"]) == [f["properties"]["sources"] for f in fc["features"]]


def test_frame_at_takes_datetimes_and_chosen_layers(atlas):
    when = pd.Timestamp("1962-10-24T13:07Z")
    frame = atlas.frame_at(when.to_pydatetime(), layers=["ships"])
    assert set(frame["layer"]) == {"ships"}
    empty = atlas.frame_at("1962-06-01", layers=["ships"])
    assert empty.empty and {"layer", "id", "sources", "geometry"} <= set(empty.columns)
    assert len(atlas.frame_at(when, layers="ships,events")) >= len(frame)


def test_timeline_has_the_moment_columns_and_utc_time_fields(atlas):
    tl = atlas.timeline()
    moment_columns = set(atlas.frame_at(AT).columns)
    assert moment_columns <= set(tl.columns)
    assert list(tl.columns[-3:]) == ["valid_from", "valid_to", "geometry"]
    for col in ("valid_from", "valid_to"):
        assert isinstance(tl[col].dtype, pd.DatetimeTZDtype) and str(tl[col].dt.tz) == "UTC"
    assert (tl["valid_from"] < tl["valid_to"]).all()
    assert tl.crs.to_epsg() == 4326
    assert all(len(s) > 0 for s in tl["sources"])
    assert set(tl.loc[tl["layer"].isin(["ships", "flights"]), "part"]) == {"position", "track"}


@pytest.mark.parametrize("view", ["actual", "known", "gap"])
def test_the_timeline_shows_at_each_moment_what_the_map_shows(atlas, view):
    """Fixed features and markers alike; the legs of track drawn by then are the map's runs (the leg under way,
    which the map draws in part, is drawn once covered)."""
    tl = atlas.timeline(view=view)
    for moment in MOMENTS:
        frame = atlas.frame_at(moment, view=view)
        shown = atlas.at(tl, moment)
        legs = shown["part"] == "track"
        tracks = frame["part"] == "track" if "part" in frame else pd.Series(False, index=frame.index)
        assert sorted(shown.loc[~legs, "id"]) == sorted(frame.loc[~tracks, "id"]), moment
        assert set(shown.loc[legs, "id"]) <= set(frame.loc[tracks, "id"]), moment
        for col in [c for c in {"gap": ["known"], "known": ["known_since", "known_as"]}.get(view, []) if c in frame]:
            told = dict(zip(frame["id"], frame[col], strict=True))
            assert all(told[i] == v for i, v in zip(shown["id"], shown[col], strict=True)), (moment, col)


def test_timeline_is_cut_to_the_period_and_the_layers(atlas):
    tl = atlas.timeline(layers=["ships", "quarantine"], start="1962-10-22T00:00Z", end="1962-10-29T00:00Z")
    assert set(tl["layer"]) == {"ships", "quarantine"}
    assert tl["valid_from"].min() >= pd.Timestamp("1962-10-22T00:00Z")
    assert tl["valid_to"].max() <= pd.Timestamp("1962-10-29T00:00Z")
    start, end = atlas.periods["thirteen_days"]
    assert len(atlas.timeline(start=start, end=end)) > 0


def test_sources_events_and_names(atlas):
    assert atlas.layers == ("missile_sites", "quarantine", "ships", "flights", "range_rings", "events")
    assert set(atlas.views) == {"actual", "known", "gap"} and set(atlas.langs) == {"en", "ja"}
    sources = atlas.sources
    assert sources.index.name == "id" and {"label_en", "label_ja", "url"} <= set(sources.columns)
    cited = {s.partition("#")[0] for refs in atlas.timeline()["sources"] for s in refs}
    assert cited <= set(sources.index)
    events = atlas.events(lang="ja")
    assert isinstance(events["time"].dtype, pd.DatetimeTZDtype) and events.crs.to_epsg() == 4326
    assert events["time"].is_monotonic_increasing and events.geometry.notna().all()


def test_errors_are_the_cli_sentences(atlas, capsys, tmp_path):
    with pytest.raises(geoapp.AtlasError) as err:
        atlas.frame_at(AT, layers="ships,unicorns")
    assert str(err.value) == _cli_error(capsys, ["state", "--at", AT, "--layers", "ships,unicorns"])
    for bad in ("1999-01-01", "yesterday", "1962-13-40T00:00Z"):
        with pytest.raises(geoapp.AtlasError) as err:
            atlas.frame_at(bad)
        assert str(err.value).removeprefix("moment: ") == _cli_error(capsys, ["state", "--at", bad]).removeprefix(
            "--at: ")
    with pytest.raises(geoapp.AtlasError, match="end must come after start"):
        atlas.timeline(start="1962-10-28", end="1962-10-22")
    with pytest.raises(geoapp.AtlasError, match="unknown view 'nope'; choose one of actual, known, gap"):
        atlas.timeline(view="nope")
    with pytest.raises(geoapp.AtlasError, match="choose one of en, ja"):
        atlas.frame_at(AT, lang="fr")
    with pytest.raises(geoapp.AtlasError, match="unknown format"):
        atlas.export(tmp_path / "x.shp")
    assert issubclass(geoapp.AtlasError, ValueError)


def test_a_data_folder_that_fails_validation_raises_data_error(mini):
    (mini / "sites.yaml").write_text("- id: [broken\n", encoding="utf-8")
    with pytest.raises(io.DataError) as err:
        geoapp.load(mini)
    assert err.value.problems and "sites.yaml" in str(err.value)
    with pytest.raises(io.DataError):
        geoapp.load(mini / "nowhere")


def test_docs_api_examples_run_in_order(tmp_path, monkeypatch):
    """docs/api.md is a notebook: its ``python`` blocks run one after the other, as written (in a scratch folder,
    where the files they write go)."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    scope: dict = {"__name__": "__docs__"}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"docs/api.md block {i + 1}", "exec"), scope)
        except Exception as exc:  # pragma: no cover - the message names the block
            raise AssertionError(f"docs/api.md block {i + 1} failed: {exc!r}\n{block}") from exc


def test_on_the_real_data_the_timeline_agrees_with_the_map():
    atlas = geoapp.load()
    tl = atlas.timeline(view="gap")
    for moment in ("1962-09-15T07:13Z", "1962-10-24T14:07Z", "1962-10-27T16:53Z", "1962-11-08T19:31Z"):
        frame = atlas.frame_at(moment, view="gap")
        shown = atlas.at(tl, moment)
        legs, tracks = shown["part"] == "track", frame["part"] == "track"
        assert sorted(shown.loc[~legs, "id"]) == sorted(frame.loc[~tracks, "id"]), moment
        assert set(shown.loc[legs, "id"]) <= set(frame.loc[tracks, "id"]), moment
