"""The live page as a file named by its content: what the component is told on every rerun is a name, never the
page; the page is written whole or not at all; a server that cannot write it sends it inline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoapp import paths
from geoapp.render.leaflet.page_file import page_name, write_page
from geoapp.ui import data

PARTS = {"version": "abc", "head": "<style></style>", "body": "<div></div>", "script": "CMCAtlas.init(1);"}


def test_the_name_says_what_the_page_is_for_and_changes_with_its_content():
    name = page_name(PARTS, "ja", None, "gap")
    assert name.startswith("ja-none-gap-") and name.endswith(".json")
    assert page_name(PARTS, "ja", None, "gap") == name
    assert page_name({**PARTS, "script": "CMCAtlas.init(2);"}, "ja", None, "gap") != name


def test_a_page_is_written_whole_once_and_replaces_the_same_page_built_before(tmp_path: Path):
    old = write_page(PARTS, tmp_path, page_name(PARTS, "en", "us_1962", "actual"))
    other = write_page(PARTS, tmp_path, page_name(PARTS, "ja", "us_1962", "actual"))
    newer = {**PARTS, "script": "CMCAtlas.init(2);"}
    path = write_page(newer, tmp_path, page_name(newer, "en", "us_1962", "actual"))
    assert json.loads(path.read_text(encoding="utf-8")) == newer
    assert not old.exists() and other.exists()  # only the same language, figure and view is replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, other.name])  # no temporary file left
    mtime = path.stat().st_mtime_ns
    write_page(newer, tmp_path, path.name)
    assert path.stat().st_mtime_ns == mtime


@pytest.fixture
def pages(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(paths, "PAGES", tmp_path / "pages")
    data._pages.clear()
    yield tmp_path / "pages"
    data._pages.clear()


def test_the_component_is_told_a_name_and_the_page_is_served_from_the_file(pages: Path):
    ref = data.live_page("en", None, "actual")
    assert set(ref) == {"version", "src"} and len(json.dumps(ref)) < 200
    assert ref["src"] == paths.PAGES_URL + ref["version"]
    parts = json.loads((pages / ref["version"]).read_text(encoding="utf-8"))
    assert set(parts) == {"version", "head", "body", "script"} and "CMCAtlas.init" in parts["script"]
    (pages / ref["version"]).unlink()  # cleaned away while the server runs: written again
    assert data.live_page("en", None, "actual") == ref and (pages / ref["version"]).is_file()


def test_a_server_that_cannot_write_the_page_sends_it_inline(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(paths, "PAGES", blocker / "pages")
    data._pages.clear()
    try:
        ref = data.live_page("en", None, "actual")
    finally:
        data._pages.clear()
    assert "src" not in ref and "CMCAtlas.init" in ref["script"]


def test_the_server_prepares_the_pages_of_both_languages_at_start(pages: Path):
    from geoapp import serve, vocab

    serve.warm()
    assert sorted(p.name.split("-")[0] for p in pages.iterdir()) == sorted(vocab.LANGS)
    assert {k[0] for k in data._pages} == set(vocab.LANGS)


def test_serve_hands_streamlit_its_options_untouched(monkeypatch):
    from geoapp import cli, serve

    seen = []
    monkeypatch.setattr(serve, "main", lambda args: seen.append(args) or 0)
    assert cli.main(["serve", "--server.port", "8777", "--server.headless", "true"]) == 0
    assert seen == [["--server.port", "8777", "--server.headless", "true"]]
