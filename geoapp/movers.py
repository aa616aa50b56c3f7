"""Moving things (ships, aircraft): the one place where their drawing rules are applied.

A layer with moving things describes each one once, for the whole timeline, as a :class:`Mover`:
its timed track, when it is shown, until when its marker shows, when its track fades, and, decided
here in Python, the style of every stretch of track and of the marker at every vertex, and the
uncertainty halo at every vertex. Nothing is left for a renderer to decide.

Two consumers read a mover:

- the moment path (images, GeoJSON, CSV): :func:`features_at` evaluates it at one moment;
- the timeline path (the live map, the HTML export): the browser receives the same arrays
  (``geoapp.render.leaflet.schema``) and ``static/atlas/core.js`` evaluates them each frame.

:func:`frame_at` is the reference evaluation; the Node contract test checks that ``core.js``
computes the same ids, style references and positions at many moments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from geoapp import clock, style
from geoapp.layer import Feature, line, point
from geoapp.routes import Track
from geoapp.style import Style


@dataclass(frozen=True)
class Mover:
    """Something that moves, with every rule of its drawing decided.

    Per segment ``k`` (vertex k to k+1), ``segment_style[k]`` indexes ``line_styles`` (and
    ``faded_line_styles`` once the moment is past ``fade_after``). Per vertex ``i``,
    ``vertex_marker[i]`` indexes ``marker_styles`` and ``halo_km[i]`` is the radius of the
    uncertainty halo (0: none). Between vertices the last vertex passed decides.
    ``marker_states[k]`` names the state of marker style k (e.g. ``reported``, ``estimated``);
    ``after_marker_state`` is the state once the marker is gone (e.g. ``landed``).
    """

    layer: str
    id: str
    props: Mapping[str, Any]
    track: Track
    show_from: float
    show_to: float
    marker_until: float
    line_styles: tuple[Style, ...]
    segment_style: tuple[int, ...]
    marker_styles: tuple[Style, ...]
    marker_states: tuple[str, ...]
    vertex_marker: tuple[int, ...]
    halo_km: tuple[float, ...]
    fade_after: float | None = None
    faded_line_styles: tuple[Style, ...] | None = None
    after_marker_state: str | None = None
    details: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    #: details that change with time: ``(from, details)`` in time order, each told from ``from`` (epoch s) on,
    #: ``details`` before the first (a ship's popup names its latest report, never one from after the moment)
    detail_steps: tuple[tuple[float, tuple[tuple[str, str], ...]], ...] = ()

    def details_at(self, ts: float) -> tuple[tuple[str, str], ...]:
        """What the popup of this mover says at ``ts`` (epoch s): the last step begun by then."""
        told = self.details
        for start, details in self.detail_steps:
            if start > ts:
                break
            told = details
        return told

    @cached_property
    def runs(self) -> tuple[tuple[int, int, int], ...]:
        """The runs of consecutive segments sharing a style: (first vertex, last vertex, style index)."""
        out: list[tuple[int, int, int]] = []
        for k, s in enumerate(self.segment_style):
            if out and out[-1][2] == s:
                out[-1] = (out[-1][0], k + 1, s)
            else:
                out.append((k, k + 1, s))
        return tuple(out)


@dataclass(frozen=True)
class Run:
    """A stretch of track drawn in one style at a moment: its index among the mover's runs, its style
    (an index into the mover's line styles, faded or not) and its points (lon, lat)."""

    index: int
    style: int
    faded: bool
    estimated: bool
    coords: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Frame:
    """A mover at one moment: its position, the last vertex passed, the runs of track drawn so far,
    its marker style (None: no marker) and its halo radius (km, 0: none)."""

    lon: float
    lat: float
    vertex: int
    runs: tuple[Run, ...]
    marker: int | None
    halo_km: float


def position(track: Track, ts: float) -> tuple[int, float, float, bool]:
    """The last vertex passed at ``ts``, the interpolated (lon, lat), and whether ``ts`` lies strictly
    inside a segment (so that the track drawn so far ends at the position, not at a vertex)."""
    n = len(track.times)
    if ts <= track.times[0]:
        return 0, track.lons[0], track.lats[0], False
    if ts >= track.times[-1]:
        return n - 1, track.lons[-1], track.lats[-1], False
    i = track.index_at(ts)
    t0, t1 = track.times[i], track.times[i + 1]
    f = (ts - t0) / (t1 - t0)
    return (i, track.lons[i] + f * (track.lons[i + 1] - track.lons[i]),
            track.lats[i] + f * (track.lats[i + 1] - track.lats[i]), f > 0)


def frame_at(mover: Mover, ts: float) -> Frame | None:
    """The mover at epoch ``ts``, or None when it is not shown then."""
    if not mover.show_from <= ts <= mover.show_to:
        return None
    tr = mover.track
    i, lon, lat, partial = position(tr, ts)
    faded = mover.fade_after is not None and ts > mover.fade_after and mover.faded_line_styles is not None
    runs = []
    for k, (a, b, s) in enumerate(mover.runs):
        if a > i:
            break
        upto = min(b, i)
        coords = [(tr.lons[j], tr.lats[j]) for j in range(a, upto + 1)]
        if partial and a <= i < b:
            coords.append((lon, lat))
        if len(coords) >= 2:
            runs.append(Run(index=k, style=s, faded=faded, estimated=bool(tr.estimated[a]), coords=tuple(coords)))
    on = ts <= mover.marker_until
    return Frame(lon=lon, lat=lat, vertex=i, runs=tuple(runs),
                 marker=mover.vertex_marker[i] if on else None, halo_km=mover.halo_km[i] if on else 0.0)


def run_style(mover: Mover, run: Run) -> Style:
    """The style a run is drawn in."""
    styles = mover.faded_line_styles if run.faded and mover.faded_line_styles is not None else mover.line_styles
    return styles[run.style]


def features_at(mover: Mover, t: datetime) -> list[Feature]:
    """The mover at moment ``t`` as features for one-moment renderers: a line per run of track
    (ids ``<id>#track<k>``) and, while it shows, the marker (with ``halo_km`` in its style)."""
    fr = frame_at(mover, t.timestamp())
    if fr is None:
        return []
    i = fr.vertex
    state = mover.marker_states[fr.marker] if fr.marker is not None else (mover.after_marker_state or "")
    base = {**mover.props, "status": state, "time": clock.iso(t)}
    out = []
    for run in fr.runs:
        fid = f"{mover.id}#track{run.index}"
        out.append(Feature(layer=mover.layer, id=fid, geometry=line(list(run.coords)),
                           props={**base, "part": "track", "estimated": run.estimated},
                           style=run_style(mover, run), details=list(mover.details_at(t.timestamp()))))
    if fr.marker is not None:
        sty = mover.marker_styles[fr.marker]
        if fr.halo_km > 0:
            sty = sty.with_(halo_km=fr.halo_km)
        out.append(Feature(
            layer=mover.layer, id=mover.id, geometry=point(fr.lon, fr.lat),
            props={**base, "precision_km": round(mover.track.precision[i], 1),
                   "estimated": bool(mover.track.estimated[i])},
            style=sty, details=list(mover.details_at(t.timestamp()))))
    return out


def estimated_at(track: Track, i: int) -> bool:
    """Whether the position at vertex ``i`` is drawn as an estimate: it rests on an estimate, or its
    uncertainty is past :data:`geoapp.style.ESTIMATE_THRESHOLD_KM`."""
    return bool(track.estimated[i]) or track.precision[i] > style.ESTIMATE_THRESHOLD_KM


def segment_styles(track: Track) -> tuple[int, ...]:
    """Per segment: 0 where it joins reported positions, 1 where it rests on an estimate."""
    return tuple(1 if track.estimated[k] else 0 for k in range(len(track.times) - 1))


def halos(track: Track) -> tuple[float, ...]:
    """Per vertex: the halo radius (km) where the position is drawn as an estimate, else 0."""
    return tuple(p if estimated_at(track, i) and p > 0 else 0.0 for i, p in enumerate(track.precision))
