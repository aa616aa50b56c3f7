"""The standalone HTML export: one file that opens from file:// with every other request aborted."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from geoapp import clock
from geoapp.render.leaflet.page import opening_moment, page_title
from tests.browser import Blocker, launch, wait_until

ROOT = Path(__file__).resolve().parents[1]


def _export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geoapp", "export-html", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_export_html_bad_arguments_are_sentences(tmp_path):
    r = _export("--out", str(tmp_path / "missing" / "a.html"))
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr
    r = _export("--out", str(tmp_path / "a.png"))
    assert r.returncode == 2 and "should end in .html" in r.stderr
    r = _export("--out", str(tmp_path / "a.html"), "--start", "1962-10-29", "--end", "1962-10-22")
    assert r.returncode == 2 and "--end must come after --start" in r.stderr
    r = _export("--out", str(tmp_path / "a.html"), "--start", "1962-10-22T00:00Z", "--end", "1962-10-29T00:00Z",
                "--at", "1962-10-30T00:00Z")
    assert r.returncode == 2 and "--at" in r.stderr and "outside the period" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "a.html").exists()


def _head(doc: str) -> str:
    return doc[: doc.index("</head>")]


def _t0(doc: str) -> str:
    """The moment the page opens at, as ISO UTC (from the data handed to the browser)."""
    m = re.search(r'"t0":\s*(-?\d+)', doc)
    assert m, "the page names its first moment"
    return clock.iso(datetime.fromtimestamp(int(m.group(1)), tz=UTC))


def test_export_opens_at_kennedys_address_titled_in_japanese(tmp_path):
    """A week round 22 October opens at Kennedy's address, titled in Japanese, with ``lang="ja"``; the
    charset is still the first thing in the head, in the first kilobyte."""
    out = tmp_path / "ja.html"
    r = _export("--out", str(out), "--lang", "ja", "--start", "1962-10-22T00:00Z", "--end", "1962-10-29T00:00Z")
    assert r.returncode == 0, r.stderr
    assert "opening at 1962-10-22T23:00Z" in r.stderr
    raw = out.read_bytes()
    assert b'<meta charset="utf-8">' in raw[:1024]
    doc = raw.decode("utf-8")
    assert re.match(r'<!DOCTYPE html>\s*<html lang="ja">\s*<head>\s*<meta charset="utf-8">', doc)
    title = re.search(r"<title>(.*?)</title>", _head(doc), re.S)
    assert title and html.unescape(title.group(1)) == (
        "キューバ危機アトラス — 1962年10月22日(月) 19:00 EDT：ケネディ大統領のテレビ演説")
    assert doc.count("<title>") == 1
    assert _t0(doc) == "1962-10-22T23:00Z"
    assert "c.focusKey(c.t, 0, true)" in doc  # shown as a scene: framed on its area, what it is about marked


def test_export_at_a_chosen_moment_in_english(tmp_path, capsys):
    """``--at`` picks the opening moment; the title names the moment (and the key moment's title there)."""
    from geoapp.cli import main

    out = tmp_path / "en.html"
    code = main(["export-html", "--out", str(out), "--at", "1962-10-27T15:20Z"])
    assert code == 0, capsys.readouterr().err
    doc = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in doc and _t0(doc) == "1962-10-27T15:20Z"
    title = html.unescape(re.search(r"<title>(.*?)</title>", _head(doc), re.S).group(1))
    assert title.startswith("Cuban Missile Crisis Atlas — Sat 27 Oct 1962, 11:20 EDT: ")
    assert "Anderson" in title
    start = json.loads(re.search(r'"start":\s*(-?\d+)', doc).group(1))
    assert start == int(clock.CRISIS_START.timestamp())  # the default period is kept


def _keys(*isos: str, lang: str = "en") -> SimpleNamespace:
    """A stand-in timeline scene holding only key moments (all a page's opening and title read)."""
    return SimpleNamespace(lang=lang, view="actual", keys=[{"t": clock.parse_time(x).timestamp(), "title": f"key {x}"}
                                            for x in isos])


def _ts(iso: str) -> float:
    return clock.parse_time(iso).timestamp()


def test_opening_moment_rule():
    """The period's first key moment; else its start."""
    scene = _keys("1962-10-14T11:31Z", "1962-10-22T23:00Z", "1962-10-27T15:20Z")
    assert opening_moment(scene, (_ts("1962-10-01T00:00Z"), _ts("1962-11-01T00:00Z"))) == _ts("1962-10-14T11:31Z")
    assert opening_moment(scene, (_ts("1962-10-23T00:00Z"), _ts("1962-11-01T00:00Z"))) == _ts("1962-10-27T15:20Z")
    assert opening_moment(scene, (_ts("1962-10-01T00:00Z"), _ts("1962-10-20T00:00Z"))) == _ts("1962-10-14T11:31Z")
    empty = (_ts("1962-10-28T00:00Z"), _ts("1962-10-30T00:00Z"))
    assert opening_moment(scene, empty) == empty[0]
    assert page_title(scene, empty[0]) == "Cuban Missile Crisis Atlas — Sat 27 Oct 1962, 20:00 EDT"


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")),
                    reason="Debian's Chromium is not installed (make setup installs it)")
def test_export_opens_offline_from_file_and_its_slider_moves_data_time(tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "atlas.html"
    r = _export("--out", str(out), "--lang", "ja", "--start", "1962-10-22T00:00Z", "--end", "1962-10-29T00:00Z")
    assert r.returncode == 0, r.stderr
    # a file has no header to name its encoding: the browser looks for it in the first kilobyte only
    assert b'<meta charset="utf-8">' in out.read_bytes()[:1024]
    with sync_playwright() as p:
        browser = launch(p)
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        blocker = Blocker(loopback=False)  # the file and nothing else
        ctx.route("**/*", blocker)
        other = blocker.blocked
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        container = page.locator(".leaflet-container")
        page.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
        # it opens at the period's first key moment, Kennedy's address (19:00 EDT on 22 October)
        assert container.get_attribute("data-time") == "1962-10-22T23:00Z"
        assert container.get_attribute("data-lang") == "ja"
        assert page.title().startswith("キューバ危機アトラス") and "ケネディ" in page.title()
        slider = page.get_by_role("slider")
        assert "1962年10月22日" in slider.get_attribute("aria-valuetext")
        slider.focus()
        slider.press("Shift+ArrowRight")
        assert container.get_attribute("data-time") == "1962-10-23T23:00Z"
        page.get_by_role("button", name="再生").click()
        wait_until(page, lambda: container.get_attribute("data-time"), lambda t: t > "1962-10-23T23:00Z",
                   what="playback to move on")
        assert page.locator("#cmc-legend").is_visible()
        browser.close()
    assert other == [] and errors == []
