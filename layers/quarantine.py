"""The naval quarantine lines: geodesic arcs about Cape Maisí, styled by status."""

from __future__ import annotations

from geoapp import geo, style
from geoapp.i18n import t
from geoapp.layer import Context, Feature, Layer, LegendEntry, line
from geoapp.model import Text
from geoapp.situation import Situation

LAYER_ID = "quarantine"


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """One line per quarantine line that is planned, in force or lifted at the moment."""
    lang = ctx.lang
    out = []
    for qs in sit.quarantine:
        q = qs.line
        radius_km = q.radius_nmi * geo.NMI_KM
        coords = geo.geodesic_arc(q.center_lon, q.center_lat, radius_km, q.bearing_from, q.bearing_to)
        details = [
            (t("status", lang), t(f"status_{qs.status}", lang)),
            (t("radius", lang), t("radius_nmi", lang, nmi=f"{q.radius_nmi:g}", km=f"{radius_km:,.0f}")),
        ]
        if q.note:
            details.append(("", q.note.get(lang)))
        out.append(Feature(
            layer=LAYER_ID, id=q.id, geometry=line(coords),
            props={"name": q.name.get(lang), "kind": "quarantine_line",
                   "status": qs.status, "radius_km": round(radius_km, 1), "center_lat": q.center_lat,
                   "center_lon": q.center_lon, "sources": list(q.sources)},
            style=style.QUARANTINE_STATUS[qs.status], details=details,
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_quarantine", "en"), t("layer_quarantine", "ja")), order=20, menu=2, build=build,
    legend=(
        LegendEntry.of("legend_quarantine", style.QUARANTINE_STATUS["in_force"]),
        LegendEntry.of("legend_quarantine_suspended", style.QUARANTINE_STATUS["suspended"]),
        LegendEntry.of("legend_quarantine_planned", style.QUARANTINE_STATUS["planned"]),
        LegendEntry.of("legend_quarantine_lifted", style.QUARANTINE_STATUS["lifted"]),
    ),
)
