"""The map component as served: its documents carry their scripts and style sheets (geoapp.component_files)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from geoapp import component_files, paths
from geoapp.render.leaflet.page import ATLAS_SCRIPTS, HOST_SCRIPTS, VENDOR_SCRIPTS


def test_the_map_frame_carries_every_script_and_style_sheet_in_order():
    files = component_files.bundle()
    page = files["map.html"].decode("utf-8")
    assert "<script src=" not in page and '<link rel="stylesheet"' not in page
    wanted = ([paths.VENDOR / s for s in VENDOR_SCRIPTS]
              + [paths.ATLAS_STATIC / s for s in ATLAS_SCRIPTS + HOST_SCRIPTS] + [paths.COMPONENT / "frame.js"])
    at = [page.index(f"<script>{p.read_text(encoding='utf-8')}</script>") for p in wanted]
    assert at == sorted(at)
    # the basemap is still asked for first, and the frame still hears only its parent
    assert page.index("CMC_BASEMAP_EARLY") < at[0]
    index = files["index.html"].decode("utf-8")
    assert "<script src=" not in index and (paths.COMPONENT / "bridge.js").read_text(encoding="utf-8") in index
    frames = re.findall(r"<iframe[^>]*>", index)
    assert len(frames) == 1 and 'sandbox="allow-scripts"' in frames[0] and 'src="map.html"' in frames[0]
    # every other file is there as it is, for a document whose script could not be inlined
    assert files["frame.js"] == (paths.COMPONENT / "frame.js").read_bytes()


def test_a_style_sheets_images_are_found_from_the_document():
    page = component_files.bundle()["map.html"].decode("utf-8")
    assert "url(/app/static/vendor/leaflet/images/layers.png)" in page
    assert "url(images/" not in page
    assert "url(#default#VML)" in page  # a fragment is left alone


def _source(tmp_path: Path, document: str, **files: str) -> Path:
    (tmp_path / "map.html").write_text(document, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", ["var s = '</script>';", "var s = '<SCRIPT>';", "/* <!-- */ var a = 1;"])
def test_a_script_that_could_end_its_element_stays_a_file(tmp_path, text):
    source = _source(tmp_path, '<script src="a.js"></script><script src="b.js"></script>',
                     **{"a.js": text, "b.js": "var b;"})
    out = component_files.inline_document((source / "map.html").read_text(), source)
    assert out == '<script src="a.js"></script><script>var b;</script>'


def test_a_style_sheet_that_could_end_its_element_stays_a_file(tmp_path):
    source = _source(tmp_path, '<link rel="stylesheet" href="a.css">', **{"a.css": "p::after { content: '</style>'; }"})
    assert component_files.inline_document('<link rel="stylesheet" href="a.css">', source) == \
        '<link rel="stylesheet" href="a.css">'


@pytest.mark.parametrize("ref", ["../secret.js", "/app/static/../../secret.js", "/etc/passwd", "https://example.org/x.js",
                                 "missing.js", ".hidden.js", "/app/static/atlas/missing.js"])
def test_only_the_components_and_the_static_folders_files_are_taken_in(tmp_path, ref):
    source = tmp_path / "component"
    source.mkdir()
    (tmp_path / "secret.js").write_text("var secret;", encoding="utf-8")
    (source / ".hidden.js").write_text("var hidden;", encoding="utf-8")
    document = f'<script src="{ref}"></script>'
    assert component_files.inline_document(document, source) == document


def test_a_copy_is_written_once_in_a_folder_named_by_its_content(tmp_path):
    files = {"index.html": b"<p>one</p>", "bridge.js": b"var a;"}
    folder = component_files.write(files, tmp_path)
    assert folder.name == component_files.digest(files)
    assert sorted(p.name for p in folder.iterdir()) == ["bridge.js", "index.html"]
    assert (folder / "index.html").read_bytes() == b"<p>one</p>"
    mtime = (folder / "index.html").stat().st_mtime_ns
    assert component_files.write(files, tmp_path) == folder  # there already: not written again
    assert (folder / "index.html").stat().st_mtime_ns == mtime
    other = component_files.write({**files, "index.html": b"<p>two</p>"}, tmp_path)
    assert other != folder and folder.is_dir()  # a copy in use by a server still running older code is kept
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-written folder left


def test_old_copies_are_removed_after_a_day(tmp_path):
    old = component_files.write({"index.html": b"old"}, tmp_path)
    long_ago = time.time() - component_files.KEEP_OLD_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    new = component_files.write({"index.html": b"new"}, tmp_path)
    assert new.is_dir() and not old.exists()


def test_a_read_only_install_writes_its_copy_elsewhere_or_serves_the_component_as_written(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(paths, "COMPONENT_BUILD", blocked / "component")
    monkeypatch.setattr(component_files, "_served", None)
    made: list[str] = []
    real = component_files.tempfile.mkdtemp

    def mkdtemp(prefix="", dir=None):  # noqa: A002 - tempfile's own name
        path = real(prefix=prefix, dir=dir or tmp_path)
        made.append(path)
        return path

    monkeypatch.setattr(component_files.tempfile, "mkdtemp", mkdtemp)
    served = component_files.served_folder()
    assert served.parent == Path(made[0]) and (served / "map.html").is_file()
    assert component_files.served_folder() == served  # once per process

    def refused(prefix="", dir=None):  # noqa: A002
        raise PermissionError(13, "Permission denied", str(dir))

    monkeypatch.setattr(component_files.tempfile, "mkdtemp", refused)
    monkeypatch.setattr(component_files, "_served", None)
    assert component_files.served_folder() == paths.COMPONENT
