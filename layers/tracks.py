"""Shared drawing of timed tracks (ships and flights): solid where reported, dashed where estimated."""

from __future__ import annotations

from geoapp import style
from geoapp.layer import Feature, line


def track_features(layer: str, fid: str, pts: tuple[tuple[float, float, bool], ...], color: str,
                   base_props: dict, weight: int = 2) -> list[Feature]:
    """Split a track into runs of reported and estimated stretches, one line feature per run."""
    out: list[Feature] = []
    if len(pts) < 2:
        return out
    runs: list[tuple[bool, list[tuple[float, float]]]] = []
    for (lon, lat, est), nxt in zip(pts, pts[1:], strict=False):
        if not runs or runs[-1][0] != est:
            runs.append((est, [(lon, lat)]))
        runs[-1][1].append((nxt[0], nxt[1]))
    for k, (est, coords) in enumerate(runs):
        sty = {"shape": "line", "color": color, "weight": weight, "opacity": 0.85, "dash": None}
        if est:
            sty.update(style.ESTIMATE)
        out.append(Feature(
            layer=layer, id=f"{fid}#track{k}", geometry=line(coords),
            props={**base_props, "id": f"{fid}#track{k}", "part": "track", "estimated": est},
            style=sty,
        ))
    return out
