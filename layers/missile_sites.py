"""Missile sites and other fixed military places, coloured by side and shaped by status."""

from __future__ import annotations

from functools import lru_cache

from geoapp import clock, knowledge, style
from geoapp.i18n import t
from geoapp.layer import Context, Feature, Layer, LegendEntry, point
from geoapp.model import Text
from geoapp.situation import Situation
from geoapp.style import Style

LAYER_ID = "missile_sites"


@lru_cache(maxsize=512)
def site_style(side: str, kind: str, status: str, precision_km: float) -> Style:
    """The style of a site marker: its side's colour, its kind's glyph, its status's look, and a halo
    when its position is uncertain."""
    s = Style.point(style.side_color(side)).with_(**style.SITE_KIND[kind], **style.SITE_STATUS[status])
    return s.with_(halo_km=precision_km) if precision_km > style.ESTIMATE_THRESHOLD_KM else s


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """One point per site that exists at the moment, with its status."""
    lang = ctx.lang
    out = []
    for st in sit.sites:
        s = st.site
        details = [
            (t("kind", lang), t(f"kind_{s.kind}", lang)),
            (t("status", lang), t("status_since", lang, status=t("status_" + st.status, lang),
                                  when=clock.format_moment(st.since, lang))),
        ]
        if s.first_photographed:
            details.append((t("first_photographed", lang), clock.format_moment(s.first_photographed, lang)))
        details.append((t("precision", lang), f"± {s.precision_km:g} km"))
        if s.note and ctx.view != "known":  # the note tells what was there; the known view tells what the US saw
            details.append(("", s.note.get(lang)))
        details += knowledge.rows(ctx.catalog, s.id, sit.t, ctx.view, lang)
        sty = site_style(s.side, s.kind, st.status, s.precision_km)
        if ctx.view == "gap" and not knowledge.known_at(ctx.catalog, s.id, sit.t):
            sty = style.unknown(sty)
        out.append(Feature(
            layer=LAYER_ID, id=s.id, geometry=point(s.lon, s.lat),
            props={"name": s.name.get(lang), "kind": s.kind, "side": s.side,
                   "status": st.status, "time": clock.iso(st.since), "weapon": s.weapon,
                   "precision_km": s.precision_km, "estimated": s.precision_km > style.ESTIMATE_THRESHOLD_KM,
                   "sources": list(s.sources)},
            style=sty, details=details,
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_missile_sites", "en"), t("layer_missile_sites", "ja")), order=40, menu=1,
    build=build,
    legend=(
        LegendEntry.of("legend_site_mrbm", site_style("soviet", "MRBM", "operational", 0)),
        LegendEntry.of("legend_site_irbm", site_style("soviet", "IRBM", "operational", 0), True),
        LegendEntry.of("legend_site_sam", site_style("soviet", "SAM", "operational", 0), True),
        LegendEntry.of("legend_site_fkr", site_style("soviet", "FKR", "operational", 0), True),
        LegendEntry.of("legend_site_luna", site_style("soviet", "LUNA", "operational", 0), True),
        LegendEntry.of("legend_site_airfield", site_style("soviet", "IL28", "operational", 0), True),
        LegendEntry.of("legend_site_warheads", site_style("soviet", "WARHEADS", "operational", 0), True),
        LegendEntry.of("legend_site_hq", site_style("soviet", "HQ", "operational", 0), True),
        LegendEntry.of("legend_site_port", site_style("soviet", "PORT", "operational", 0), True),
        LegendEntry.of("legend_site_cuban", site_style("cuban", "COMMAND", "operational", 0), True),
        LegendEntry.of("legend_site_us_missile", site_style("us", "JUPITER", "operational", 0)),
        LegendEntry.of("legend_us_airbase", site_style("us", "AIRBASE", "operational", 0)),
        LegendEntry.of("legend_us_site", site_style("us", "NAVAL_BASE", "operational", 0)),
        LegendEntry.of("legend_site_construction", site_style("soviet", "MRBM", "construction", 0)),
        LegendEntry.of("legend_site_dismantling", site_style("soviet", "MRBM", "dismantling", 0)),
    ),
)
