"""Reconnaissance flights: the route flown so far and, while airborne, the aircraft."""

from __future__ import annotations

from datetime import timedelta

from geoapp import movers, style
from geoapp.i18n import t
from geoapp.layer import Context, Layer, LegendEntry
from geoapp.model import Flight, Text
from geoapp.movers import Mover
from geoapp.situation import Prepared
from geoapp.style import Style

LAYER_ID = "flights"
FLIGHT_COLOR = style.FLIGHT
#: A finished route stays on the map this long after landing.
KEEP_AFTER_LANDING = timedelta(days=2)

MARKER = Style.point(FLIGHT_COLOR, fill=style.WHITE, fill_opacity=1.0, radius=8, symbol="✈")


def _details(f: Flight, lang: str) -> tuple[tuple[str, str], ...]:
    details = [(t("kind", lang), f.kind)]
    if f.crew:
        details.append((t("crew", lang), f.crew.get(lang)))
    if f.representative:
        details.append(("", t("representative", lang)))
    if f.note:
        details.append(("", f.note.get(lang)))
    return tuple(details)


def movers_of(prepared: Prepared, ctx: Context) -> list[Mover]:
    """Every flight over the whole timeline: drawn as it is flown, the aircraft while airborne, the
    route kept faded for two days after landing; uncertain stretches dashed, with a halo."""
    out = []
    for f in prepared.catalog.flights:
        track = prepared.flight_tracks[f.id]
        line = style.track_style(FLIGHT_COLOR, weight=3)
        lines = (line, style.estimated(line))
        out.append(Mover(
            layer=LAYER_ID, id=f.id,
            props={"name": f.name.get(ctx.lang), "kind": f.kind, "side": f.side,
                   "sources": list(f.sources), "representative": f.representative},
            track=track, show_from=track.start, show_to=(f.vertices[-1].time + KEEP_AFTER_LANDING).timestamp(),
            marker_until=track.end, fade_after=track.end,
            line_styles=lines, faded_line_styles=tuple(style.faded(s) for s in lines),
            segment_style=movers.segment_styles(track),
            marker_styles=(MARKER,), marker_states=("airborne",), after_marker_state="landed",
            vertex_marker=(0,) * len(track.times), halo_km=movers.halos(track), details=_details(f, ctx.lang),
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_flights", "en"), t("layer_flights", "ja")), order=60, menu=4, movers=movers_of,
    legend=(
        LegendEntry.of("legend_aircraft", MARKER),
        LegendEntry.of("legend_flight", style.track_style(FLIGHT_COLOR, weight=3)),
    ),
)
