"""Ships and submarines: the position at the moment and the track sailed so far."""

from __future__ import annotations

from geoapp import clock, style
from geoapp.i18n import t
from geoapp.layer import Context, Feature, Layer, LegendEntry, Mover, point
from geoapp.model import Text, Vessel
from geoapp.timeline import FIX_GRACE, Prepared, Situation
from layers.tracks import track_features

LAYER_ID = "ships"


def _marker(v: Vessel) -> dict:
    color = style.side_color(v.side)
    return {"shape": "point", "color": color, "fill": color, "fill_opacity": 0.9, "weight": 2,
            "radius": 7, "symbol": style.VESSEL_KIND.get(v.kind, "■")}


def timed(prepared: Prepared, ctx: Context) -> list[Mover]:
    """Every vessel over the whole timeline: its track, shown from 12 h before its first fix to 12 h after."""
    lang = ctx.lang
    out = []
    for v in prepared.catalog.vessels:
        track = prepared.vessel_tracks[v.id]
        first, last = v.fixes[0], v.fixes[-1]
        fixes = "; ".join(
            f"{clock.format_moment(f.time, lang)} ({t('observed', lang) if f.observed else t('estimate', lang)}, "
            f"± {f.precision_km:,.0f} km)" for f in v.fixes)
        details = [(t("kind", lang), f"{t('kind_' + v.kind, lang)}, {t('side_' + v.side, lang)}"),
                   (t("last_fix", lang), fixes)]
        if v.note:
            details.append(("", v.note.get(lang)))
        color = style.side_color(v.side)
        out.append(Mover(
            layer=LAYER_ID, id=v.id,
            props={"layer": LAYER_ID, "id": v.id, "name": v.name.get(lang), "kind": v.kind, "side": v.side,
                   "sources": list(v.sources)},
            marker=_marker(v), track_style={"shape": "line", "color": color, "weight": 2, "opacity": 0.85},
            track=track, show_from=(first.time - FIX_GRACE).timestamp(), show_to=(last.time + FIX_GRACE).timestamp(),
            marker_until=(last.time + FIX_GRACE).timestamp(), details=details,
        ))
    return out


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """Each vessel shown at the moment: its track so far and a marker (with a halo if estimated)."""
    lang = ctx.lang
    out: list[Feature] = []
    for vs in sit.vessels:
        v = vs.vessel
        color = style.side_color(v.side)
        status = "estimated" if vs.estimated else "reported"
        base = {"layer": LAYER_ID, "name": v.name.get(lang), "kind": v.kind, "side": v.side,
                "sources": list(v.sources)}
        out.extend(track_features(LAYER_ID, v.id, vs.track, color, base))
        sty = _marker(v)
        if vs.estimated or vs.precision_km > style.ESTIMATE_THRESHOLD_KM:
            sty["halo_km"] = vs.precision_km
            sty["fill_opacity"] = 0.45
        details = [
            (t("kind", lang), f"{t('kind_' + v.kind, lang)}, {t('side_' + v.side, lang)}"),
            (t("last_fix", lang), clock.format_moment(vs.last_fix_time, lang)),
            (t("position_at", lang), t("observed", lang) if vs.at_fix else t("interpolated", lang)),
            (t("precision", lang), f"± {vs.precision_km:,.0f} km"
                                   + (f" ({t('estimate', lang)})" if vs.estimated else "")),
        ]
        if v.note:
            details.append(("", v.note.get(lang)))
        out.append(Feature(
            layer=LAYER_ID, id=v.id, geometry=point(vs.lon, vs.lat),
            props={**base, "id": v.id, "status": status, "time": clock.iso(sit.t),
                   "last_fix": clock.iso(vs.last_fix_time), "precision_km": round(vs.precision_km, 1),
                   "estimated": vs.estimated},
            style=sty, details=details,
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_ships", "en"), t("layer_ships", "ja")), order=50, build=build, timed=timed,
    legend=(
        LegendEntry(Text(t("legend_soviet_ship", "en"), t("legend_soviet_ship", "ja")),
                    {"shape": "point", "color": style.SOVIET, "fill": style.SOVIET, "symbol": "■", "radius": 7}),
        LegendEntry(Text(t("legend_us_ship", "en"), t("legend_us_ship", "ja")),
                    {"shape": "point", "color": style.US, "fill": style.US, "symbol": "◆", "radius": 7}),
        LegendEntry(Text(t("legend_estimate", "en"), t("legend_estimate", "ja")),
                    {"shape": "line", "color": style.NEUTRAL, "weight": 2, **style.ESTIMATE}),
    ),
)
