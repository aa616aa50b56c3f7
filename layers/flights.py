"""Reconnaissance flights: the route flown so far and, while airborne, the aircraft."""

from __future__ import annotations

from datetime import timedelta

from geoapp import clock
from geoapp.i18n import t
from geoapp.layer import Context, Feature, Layer, LegendEntry, Mover, point
from geoapp.model import Flight, Text
from geoapp.timeline import Prepared, Situation
from layers.tracks import track_features

LAYER_ID = "flights"
FLIGHT_COLOR = "#56b4e9"  # Okabe-Ito sky blue: apart from the US Navy blue for colour-blind readers
#: A finished route stays on the map this long after landing.
KEEP_AFTER_LANDING = timedelta(days=2)


MARKER = {"shape": "point", "color": FLIGHT_COLOR, "fill": "#ffffff", "fill_opacity": 1.0, "weight": 2,
          "radius": 8, "symbol": "✈"}


def _details(f: Flight, lang: str, status: str | None = None) -> list[tuple[str, str]]:
    details = [(t("kind", lang), f.kind)]
    if status:
        details.append((t("status", lang), t(status, lang)))
    if f.crew:
        details.append((t("crew", lang), f.crew))
    if f.representative:
        details.append(("", t("representative", lang)))
    if f.note:
        details.append(("", f.note.get(lang)))
    return details


def timed(prepared: Prepared, ctx: Context) -> list[Mover]:
    """Every flight over the whole timeline: drawn as it is flown, kept faded for two days after."""
    out = []
    for f in prepared.catalog.flights:
        track = prepared.flight_tracks[f.id]
        end = f.vertices[-1].time
        out.append(Mover(
            layer=LAYER_ID, id=f.id,
            props={"layer": LAYER_ID, "id": f.id, "name": f.name.get(ctx.lang), "kind": f.kind, "side": f.side,
                   "sources": list(f.sources), "representative": f.representative},
            marker=MARKER, track_style={"shape": "line", "color": FLIGHT_COLOR, "weight": 3, "opacity": 0.85},
            track=track, show_from=track.start, show_to=(end + KEEP_AFTER_LANDING).timestamp(),
            marker_until=track.end, fade_after=track.end, details=_details(f, ctx.lang),
        ))
    return out


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """Each flight begun at the moment: its flown route, and the aircraft while in the air."""
    lang = ctx.lang
    out: list[Feature] = []
    for fs in sit.flights:
        f = fs.flight
        end = f.vertices[-1].time
        if fs.done and sit.t - end > KEEP_AFTER_LANDING:
            continue
        status = "airborne" if fs.airborne else "landed"
        base = {"layer": LAYER_ID, "name": f.name.get(lang), "kind": f.kind, "side": f.side,
                "status": status, "sources": list(f.sources), "representative": f.representative}
        feats = track_features(LAYER_ID, f.id, fs.flown, FLIGHT_COLOR, base, weight=3)
        if fs.done:
            for ft in feats:
                ft.style["opacity"] = 0.45
        details = _details(f, lang, status)
        for ft in feats:
            ft.details = details
        out.extend(feats)
        if fs.airborne:
            out.append(Feature(
                layer=LAYER_ID, id=f.id, geometry=point(fs.lon, fs.lat),
                props={**base, "id": f.id, "time": clock.iso(sit.t)},
                style=dict(MARKER),
                details=details,
            ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_flights", "en"), t("layer_flights", "ja")), order=60, build=build, timed=timed,
    legend=(
        LegendEntry(Text(t("legend_flight", "en"), t("legend_flight", "ja")),
                    {"shape": "line", "color": FLIGHT_COLOR, "weight": 3, "opacity": 0.85}),
    ),
)
