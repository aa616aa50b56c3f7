"""The export benchmark: how long a curator waits for a snapshot or an animation, and whether the same inputs
give the same file.

Targets (issue 5): a 1920×1080 snapshot in ≤ 2 s; a GIF of 22–29 October 1962 at 12-hour steps in ≤ 60 s;
identical bytes for identical inputs. The GIF is timed as the whole command a person types
(``python -m geoapp animate ...``), start-up included. Run with ``make bench``.
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geoapp import clock
from geoapp.catalog import prepared_catalog
from geoapp.render.static import PRESETS, render_image
from geoapp.scene import build_scene
from layers import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
MOMENTS = ["1962-10-16T13:00Z", "1962-10-22T23:00Z", "1962-10-24T14:00Z", "1962-10-27T16:00Z", "1962-10-28T14:00Z"]


def snapshot_s(prepared, moment: str, lang: str, preset: str = "png_1080") -> tuple[float, bytes]:
    """Seconds from a moment to the finished file's bytes (scene built and image drawn), and the bytes."""
    w, h, dpi, fmt = PRESETS[preset]
    t0 = time.perf_counter()
    scene = build_scene(prepared, clock.parse_moment(moment), REGISTRY, lang=lang)
    data = render_image(scene, fmt, w, h, dpi)
    return time.perf_counter() - t0, data


def main() -> int:
    prepared = prepared_catalog()
    first, _ = snapshot_s(prepared, MOMENTS[0], "en")
    print(f"first snapshot in this process (basemap cut to the view, fonts loaded): {first:.2f} s")
    ok = True
    for lang in ("en", "ja"):
        times = [snapshot_s(prepared, m, lang)[0] for m in MOMENTS]
        med, worst = statistics.median(times), max(times)
        ok &= worst <= 2.0
        print(f"snapshot PNG 1920x1080 ({lang}), {len(times)} moments: median {med:.2f} s, worst {worst:.2f} s "
              f"(target <= 2 s: {'met' if worst <= 2.0 else 'MISSED'})")
    for preset in ("png_4k", "png_a4", "svg", "pdf"):
        dt, data = snapshot_s(prepared, MOMENTS[3], "ja", preset)
        print(f"snapshot {preset} (ja): {dt:.2f} s, {len(data) / 1e6:.2f} MB")
    same = all(snapshot_s(prepared, MOMENTS[3], "ja", p)[1] == snapshot_s(prepared, MOMENTS[3], "ja", p)[1]
               for p in ("png_1080", "svg", "pdf"))
    print(f"same inputs, same bytes (PNG, SVG, PDF): {'yes' if same else 'NO'}")
    ok &= same

    digests = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in (1, 2):
            out = Path(tmp) / f"crisis-{run}.gif"
            cmd = [sys.executable, "-m", "geoapp", "animate", "--start", "1962-10-22T00:00Z", "--end",
                   "1962-10-29T00:00Z", "--step", "12h", "--out", str(out), "--quiet"]
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
            dt = time.perf_counter() - t0
            digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
            if run == 1:
                ok &= dt <= 60.0
                print(f"GIF 22-29 Oct 1962, 12 h steps (15 frames, 1280x720), whole command: {dt:.1f} s, "
                      f"{out.stat().st_size / 1e6:.1f} MB (target <= 60 s: {'met' if dt <= 60 else 'MISSED'})")
    print(f"the same GIF twice, same bytes: {'yes' if digests[0] == digests[1] else 'NO'}")
    ok &= digests[0] == digests[1]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
