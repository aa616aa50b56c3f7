"""The standalone HTML export: one file that opens from file:// with every other request aborted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import Blocker, launch

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
    assert not (tmp_path / "a.html").exists()


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
        assert container.get_attribute("data-time") == "1962-10-22T00:00Z"
        assert container.get_attribute("data-lang") == "ja"
        slider = page.get_by_role("slider")
        assert "1962年10月21日" in slider.get_attribute("aria-valuetext")
        slider.focus()
        slider.press("Shift+ArrowRight")
        assert container.get_attribute("data-time") == "1962-10-23T00:00Z"
        page.get_by_role("button", name="再生").click()
        page.wait_for_timeout(800)
        assert container.get_attribute("data-time") > "1962-10-23T00:00Z"
        assert page.locator("#cmc-legend").is_visible()
        browser.close()
    assert other == [] and errors == []
