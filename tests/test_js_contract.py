"""The contract between Python and the browser, checked without a browser: ``static/atlas/core.js``
runs under Node (``node --test tests/js``) on the timed scene as the browser receives it and must
compute, at several hundred moments, the ids, style references and positions that Python computes
(:func:`geoapp.render.leaflet.schema.reference_frame`), and the same clock words and captions."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from geoapp import clock, knowledge
from geoapp.render.leaflet import schema
from geoapp.situation import EVENT_WINDOW, situation_at
from geoapp.timeline_scene import build_timeline_scene
from layers import REGISTRY

ROOT = Path(__file__).resolve().parents[1]


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.fail("Node.js is needed for the browser contract test: `make setup` installs Debian's nodejs")
    return node


def _moments(scene) -> list[float]:
    """Moments that test the rules: a grid over the crisis and the whole timeline, every mover's
    show, marker and fade edges, vertex times and just after them, and span edges."""
    rng = random.Random(1962)
    out: set[float] = set()
    t, end = clock.PERIODS["crisis"][0], clock.PERIODS["crisis"][1]
    while t <= end:
        out.add(t.timestamp())
        t += timedelta(hours=3, minutes=7)
    t = clock.TIMELINE_START
    while t <= clock.TIMELINE_END:
        out.add(t.timestamp())
        t += timedelta(days=2, hours=5)
    for m in scene.movers:
        for x in (m.show_from, m.show_to, m.marker_until, m.fade_after):
            if x is not None:
                out.update({x - 1, x, x + 1})
        for x in rng.sample(m.track.times, min(4, len(m.track.times))):
            out.update({x, x + 0.5})
    for sp in rng.sample(scene.fixed, 40):
        for a, b in sp.spans:
            out.update({a - 1, a, b - 1, b})
    lo, hi = clock.TIMELINE_START.timestamp(), clock.TIMELINE_END.timestamp()
    return sorted(x for x in out if lo <= x <= hi)


@pytest.mark.parametrize("view", ["actual", "known", "gap"])
def test_core_js_computes_what_python_decides(prepared, tmp_path, view):
    """In every view: what Washington knew is a catalog of its own (known), or marker looks that change where a
    ship became known (gap), and the browser draws each from the same contract."""
    node = _node()
    scene = build_timeline_scene(prepared, REGISTRY, lang="en", view=view)
    prepared = knowledge.prepare_view(prepared, view)
    period = (clock.TIMELINE_START.timestamp(), clock.TIMELINE_END.timestamp())
    data = json.loads(schema.to_json(schema.encode(scene, period[0], period, tuple(REGISTRY))))
    frames = [{"ts": ts, "want": schema.reference_frame(scene, data, ts)} for ts in _moments(scene)]
    words = []
    for lang in ("en", "ja"):
        # every 37 hours, and each side of Washington's changes of clock (EDT to EST, and back in April 1963)
        switches = [datetime(1962, 10, 28, 5, 59, tzinfo=UTC), datetime(1962, 10, 28, 6, 0, tzinfo=UTC),
                    datetime(1963, 4, 28, 6, 59, tzinfo=UTC), datetime(1963, 4, 28, 7, 0, tzinfo=UTC)]
        for t in [datetime(1962, 9, 1, tzinfo=UTC) + timedelta(hours=k) for k in range(0, 24 * 200, 37)] + switches:
            latest = situation_at(prepared, t).latest_event
            words.append({"ts": t.timestamp(), "lang": lang, "washington": clock.format_moment(t, lang),
                          "gmt": clock.format_moment(t, lang, "gmt"),
                          "rows": [[clock.ZONE_NAMES[z], clock.zone_label(z, lang), clock.format_moment(t, lang, z)]
                                   for z in schema.CLOCK_ROWS],
                          "caption": latest.title.get("en") if latest else None})  # the scene is in English
    panels = [{"ts": ts, "want": schema.reference_panel(prepared, "en", ts)} for ts in _panel_moments(prepared)]
    fixture = tmp_path / "contract.json"
    fixture.write_text(json.dumps({"data": data, "frames": frames, "clock": words, "panels": panels}),
                       encoding="utf-8")
    r = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                       timeout=300, env={"CMC_CONTRACT_FIXTURE": str(fixture), "PATH": "/usr/bin:/bin",
                                         "TZ": "UTC"})
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    assert "# fail 0" in r.stdout and "# skipped 0" in r.stdout, r.stdout[-3000:]
    assert len(frames) >= 300 and len(panels) >= 300


def _panel_moments(prepared) -> list[float]:
    """Moments that test the panels' steps: each event's time and the end of its window (and a second
    either side), every quarantine change, and a grid over the whole timeline."""
    out: set[float] = set()
    for e in prepared.catalog.events:
        for x in (e.time, e.time + EVENT_WINDOW):
            out.update({x.timestamp() - 1, x.timestamp(), x.timestamp() + 1})
    for q in prepared.catalog.quarantine:
        for p in q.periods:
            for x in (p.start, p.end):
                if x is not None:
                    out.update({x.timestamp() - 1, x.timestamp()})
    t = clock.TIMELINE_START
    while t <= clock.TIMELINE_END:
        out.add(t.timestamp())
        t += timedelta(hours=11, minutes=13)
    lo, hi = clock.TIMELINE_START.timestamp(), clock.TIMELINE_END.timestamp()
    return sorted(x for x in out if lo <= x <= hi)


def test_schema_carries_styles_by_reference_only(prepared):
    """Every style the browser uses is a pooled Leaflet-ready object; movers carry one style
    reference per segment and one marker reference and halo per vertex."""
    scene = build_timeline_scene(prepared, REGISTRY, lang="ja")
    period = tuple(x.timestamp() for x in clock.PERIODS["crisis"])
    data = schema.encode(scene, period[0], period, tuple(REGISTRY))
    assert data["schema"] == schema.SCHEMA
    for m in data["movers"]:
        n = len(m["t"])
        assert len(m["ll"]) == len(m["mk"]) == len(m["halo_km"]) == n and len(m["seg"]) == n - 1
        for ref in m["lines"] + m["markers"] + (m["faded"] or []):
            assert isinstance(data["pool"][ref], dict)
        assert all("icon" in data["pool"][ref] for ref in m["markers"])
    for f in data["fixed"]:
        sty = data["pool"][f["style"]]
        assert ("icon" in sty) == (f["kind"] == "point")
