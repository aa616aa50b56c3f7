"""The atlas's benchmark: how fast the parts people feel are, on this machine.

Reports the state-at-a-moment function over every hour of the crisis (target p95 <= 5 ms), the
full scene of a moment (what images, GeoJSON and CSV are made from), the whole timeline's scene and
live page, and the catalog load. Run with ``make bench``.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from geoapp import clock, io
from geoapp.render.leaflet.page import live_parts
from geoapp.scene import build_scene
from geoapp.situation import prepare, situation_at, step_moments
from geoapp.timeline_scene import build_timeline_scene
from layers import REGISTRY


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``."""
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def measure(fn, items) -> list[float]:
    out = []
    for x in items:
        t0 = time.perf_counter()
        fn(x)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    t0 = time.perf_counter()
    catalog = io.load_catalog()
    load_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    prepared = prepare(catalog)
    prep_ms = (time.perf_counter() - t0) * 1000
    start, end = clock.PERIODS["crisis"]
    hours = step_moments(start, end, timedelta(hours=1))
    sit = measure(lambda t: situation_at(prepared, t), hours)
    scene = measure(lambda t: build_scene(prepared, t, REGISTRY), hours[::6])
    t0 = time.perf_counter()
    whole = build_timeline_scene(prepared, REGISTRY, lang="ja")
    timed_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    period = tuple(x.timestamp() for x in clock.PERIODS["crisis"])
    parts = live_parts(whole, clock.DEFAULT_MOMENT.timestamp(), period, tuple(REGISTRY))
    live_ms = (time.perf_counter() - t0) * 1000
    views = []
    for view in ("known", "gap"):  # the two clocks: each view is a timeline scene and a live page of its own
        t0 = time.perf_counter()
        vs = build_timeline_scene(prepared, REGISTRY, lang="ja", view=view)
        v_ms = (time.perf_counter() - t0) * 1000
        v_parts = live_parts(vs, clock.DEFAULT_MOMENT.timestamp(), period, tuple(REGISTRY))
        views.append(f"{view}: {v_ms:,.0f} ms, {len(vs.fixed)} fixed, {len(vs.movers)} movers, live page "
                     f"{len(v_parts['script'].encode()) / 1e6:.2f} MB")
    print(f"catalog load + validation: {load_ms:,.0f} ms; tracks (sea routes): {prep_ms:,.0f} ms")
    print(f"timed scene for the whole timeline: {timed_ms:,.0f} ms ({len(whole.fixed)} fixed features, "
          f"{len(whole.movers)} movers); live page: {live_ms:,.0f} ms, {len(parts['script'].encode()) / 1e6:.2f} MB")
    print("timed scene of each view: " + "; ".join(views))
    rows = (("situation_at", sit, 5.0), ("full scene", scene, None))
    for name, xs, target in rows:
        verdict = "" if target is None else (" (target <= 5 ms: met)" if pct(xs, 95) <= target else
                                              " (target <= 5 ms: NOT met)")
        print(f"{name}: n={len(xs)} p50={statistics.median(xs):.2f} ms p95={pct(xs, 95):.2f} ms "
              f"max={max(xs):.2f} ms{verdict}")


if __name__ == "__main__":
    main()
