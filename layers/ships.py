"""Ships and submarines: where each one is, and the track it has sailed so far."""

from __future__ import annotations

from datetime import timedelta

from geoapp import clock, knowledge, movers, style
from geoapp.i18n import t
from geoapp.layer import Context, Layer, LegendEntry
from geoapp.model import Text, Vessel
from geoapp.movers import Mover
from geoapp.situation import Prepared
from geoapp.style import Style

LAYER_ID = "ships"
#: A vessel is shown from this long before its first fix to this long after its last, standing at that
#: fix (never moved beyond what the fixes say).
FIX_GRACE = timedelta(hours=12)


def _marker(side: str, kind: str) -> Style:
    """A ship's marker: its side's colour, its kind's glyph (the map and the legend alike)."""
    return Style.point(style.side_color(side), symbol=style.VESSEL_KIND[kind])


def _fix_text(v: Vessel, i: int, lang: str) -> str:
    f = v.fixes[i]
    how = t("observed", lang) if f.observed else t("estimate", lang)
    return t("fix_of", lang, when=clock.format_moment(f.time, lang), how=how, km=f"{f.precision_km:,.0f}")


def _details(v: Vessel, lang: str, last: int | None) -> tuple[tuple[str, str], ...]:
    """The popup's rows once fix ``last`` has been reported (None: before the first report, when the ship is
    drawn where it was first reported)."""
    latest = (_fix_text(v, last, lang) if last is not None
              else t("not_yet_reported", lang, when=clock.format_moment(v.fixes[0].time, lang)))
    details = [(t("kind", lang), t("kind_side", lang, kind=t("kind_" + v.kind, lang), side=t("side_" + v.side, lang))),
               (t("last_fix", lang), latest)]
    if v.note:
        details.append(("", v.note.get(lang)))
    return tuple(details)


def _detail_steps(v: Vessel, ctx: Context) -> tuple[tuple[float, tuple[tuple[str, str], ...]], ...]:
    """From each report on, the popup names that report, never one from after the moment shown; in the known and
    difference views, from each US reading on, what Washington knew of the ship then."""
    times = {f.time for f in v.fixes}
    if ctx.view != "actual" and (k := knowledge.record(ctx.catalog, v.id)) is not None:
        times.update(r.time for r in k.readings)
    out = []
    for moment in sorted(times):
        last = max((i for i, f in enumerate(v.fixes) if f.time <= moment), default=None)
        rows = _details(v, ctx.lang, last) + tuple(knowledge.rows(ctx.catalog, v.id, moment, ctx.view, ctx.lang))
        out.append((moment.timestamp(), rows))
    return tuple(out)


def movers_of(prepared: Prepared, ctx: Context) -> list[Mover]:
    """Every vessel over the whole timeline: shown from 12 h before its first fix to 12 h after its
    last, standing at the nearest fix outside them; estimated stretches dashed, estimated positions
    paler with a halo of their uncertainty."""
    out = []
    for v in prepared.catalog.vessels:
        track = prepared.vessel_tracks[v.id]
        line = style.track_style(style.side_color(v.side))
        marker = _marker(v.side, v.kind)
        show_from = (v.fixes[0].time - FIX_GRACE).timestamp()
        since = knowledge.known_since(ctx.catalog, v.id)
        looks: tuple[Style, ...] = (marker, style.estimated_marker(marker))
        vertex = [1 if movers.estimated_at(track, i) else 0 for i in range(len(track.times))]
        if ctx.view == "known" and since is not None:  # drawn from the moment Washington identified it
            show_from = max(show_from, since.timestamp())
        elif ctx.view == "gap" and knowledge.record(ctx.catalog, v.id) is not None:
            # ringed until Washington identified it: a vertex there, where the marker's look changes
            known_ts = since.timestamp() if since is not None else float("inf")
            track = knowledge.split(track, known_ts)
            vertex = [(1 if movers.estimated_at(track, i) else 0) + (0 if ts >= known_ts else 2)
                      for i, ts in enumerate(track.times)]
            looks = (*looks, *(style.unknown(s) for s in looks))
        out.append(Mover(
            layer=LAYER_ID, id=v.id,
            props={"name": v.name.get(ctx.lang), "kind": v.kind, "side": v.side,
                   "sources": list(v.sources)},
            track=track,
            show_from=show_from, show_to=(v.fixes[-1].time + FIX_GRACE).timestamp(),
            marker_until=(v.fixes[-1].time + FIX_GRACE).timestamp(),
            line_styles=(line, style.estimated(line)), segment_style=movers.segment_styles(track),
            marker_styles=looks, marker_states=("reported", "estimated", "reported", "estimated")[:len(looks)],
            vertex_marker=tuple(vertex),
            halo_km=movers.halos(track), details=_details(v, ctx.lang, None),
            detail_steps=_detail_steps(v, ctx),
        ))
    return out


def _entry(key: str, side: str, kind: str, detail: bool = False) -> LegendEntry:
    return LegendEntry.of(key, _marker(side, kind), detail)


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_ships", "en"), t("layer_ships", "ja")), order=50, menu=3, movers=movers_of,
    legend=(
        _entry("legend_soviet_ship", "soviet", "cargo"),
        _entry("legend_submarine", "soviet", "submarine", True),
        _entry("legend_bloc_ship", "bloc", "passenger"),
        _entry("legend_charter_ship", "charter", "cargo", True),
        _entry("legend_us_ship", "us", "destroyer"),
        _entry("legend_carrier", "us", "carrier", True),
        LegendEntry.of("legend_estimate", style.estimated(style.track_style(style.NEUTRAL))),
    ),
)
