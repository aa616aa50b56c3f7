"""Issue 14: text from the data is shown as text in every renderer. Every text of a copied data folder (names,
titles, stories, notes, what Washington took things for, sources' short names...) gets markup, a script end, a
dollar sign and quotes; the data still validates, and no renderer turns any of it into markup: the GeoJSON, the
CSV, the SVG, the HTML export and the live map (tooltips, popups, panels) in Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from geoapp.catalog import prepared_catalog
from geoapp.render.geojson import to_geojson_text
from geoapp.render.image import render_image
from geoapp.render.leaflet.page import standalone_document
from geoapp.render.tables import to_csv_bytes
from geoapp.scene import build_scene
from geoapp.timeline_scene import build_timeline_scene
from layers import REGISTRY

#: what is added to every text: an element with a handler, the end of a script, a formula, quotes, an entity
HOSTILE = ' <img src=x onerror="window.__xss=(window.__xss||0)+1"></script><b>$x$ "q\' &amp;'
MOMENT = datetime(1962, 10, 23, 0, 0, tzinfo=UTC)


def _spoil(node: object) -> object:
    """Every text in every language (a mapping with ``en`` and ``ja``) with :data:`HOSTILE` added."""
    if isinstance(node, dict):
        if {"en", "ja"} <= set(node) and all(isinstance(node[k], str) for k in ("en", "ja")):
            return {**node, "en": node["en"] + HOSTILE, "ja": node["ja"] + HOSTILE}
        return {k: _spoil(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_spoil(v) for v in node]
    return node


@pytest.fixture
def hostile(mini: Path) -> Path:
    """The mini data with markup in every text (the glossary's names too: they are the spellings the texts use)."""
    for path in mini.rglob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_spoil(doc), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return mini


class _Tags(HTMLParser):
    """The elements of a page, outside its scripts' text (what a browser would build)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_validates_and_no_renderer_makes_markup_of_it(hostile):
    prepared = prepared_catalog(hostile)
    site = prepared.catalog.sites[0]
    assert site.name.en.endswith(HOSTILE)
    for view in ("actual", "gap"):
        sc = build_scene(prepared, MOMENT, REGISTRY, lang="en", view=view)
        named = [f for f in sc.features if HOSTILE in str(f.props.get("name", ""))]
        assert named, "the hostile names are on the map"
        # data files: the text round-trips as data
        fc = json.loads(to_geojson_text(sc))
        assert any(HOSTILE in str(f["properties"]["name"]) for f in fc["features"])
        rows = list(csv.DictReader(io.StringIO(to_csv_bytes(sc).decode("utf-8-sig"))))
        assert any(HOSTILE in r["name"] for r in rows)
        # SVG: still well-formed XML, the markup only as characters
        svg = render_image(sc, "svg", 640, 360)
        ET.fromstring(svg)
        assert b"onerror" not in svg or b"<img" not in svg
        # the HTML export: no element from the data, and no script ended early
        scene = build_timeline_scene(prepared, REGISTRY, lang="ja", view=view)
        doc = standalone_document(scene, MOMENT.timestamp(), (scene.start, scene.end), tuple(REGISTRY))
        parser = _Tags()
        parser.feed(doc)
        assert not [t for t, attrs in parser.tags if "onerror" in attrs or t == "b"]
        assert doc.count("</script>") == doc.count("<script")



@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")),
                    reason="Debian's Chromium is not installed (make setup installs it)")
def test_hostile_text_in_the_live_map_is_shown_as_text(browser, hostile, monkeypatch):
    """Hover every marker (tooltips), open every popup, read the panels: the markup is shown, never run."""
    from tests.browser import map_frame, offline_context, running_app, wait_until

    monkeypatch.setenv("GEOAPP_DATA_DIR", str(hostile))
    with running_app() as url:
        ctx = offline_context(browser)
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/?t=1962-10-23T00:00Z&lang=en&view=gap")
        frame = map_frame(page, timeout=90_000)
        wait_until(page, lambda: frame.locator(".leaflet-container").get_attribute("data-show"),
                   lambda v: v == "gap", 60, "the difference view")
        markers = frame.locator(".leaflet-marker-pane [data-id]")
        assert markers.count() > 0
        for i in range(markers.count()):
            markers.nth(i).hover(force=True)
            markers.nth(i).click(force=True)
            frame.wait_for_timeout(150)
        assert HOSTILE.strip()[:20] in frame.locator("#cmc-story").inner_text()
        made = frame.evaluate("""() => [...document.querySelectorAll(
            '#cmc-panel img, #cmc-story b, #cmc-moscow b, .leaflet-popup img, .leaflet-tooltip img, [onerror]')]
            .map(e => e.parentElement.outerHTML.slice(0, 300))""")
        assert made == []
        assert frame.evaluate("window.__xss") is None and page.evaluate("window.__xss") is None
        assert dialogs == [] and ctx.blocker.blocked == []
        ctx.close()
