"""Geodesic range rings from every MRBM, IRBM and Jupiter site that stands at the moment."""

from __future__ import annotations

from functools import lru_cache

from geoapp import geo, style
from geoapp.i18n import STRINGS, t
from geoapp.layer import Context, Feature, Layer, LegendEntry, polygon
from geoapp.model import Catalog, Text
from geoapp.situation import Situation
from geoapp.style import Style

LAYER_ID = "range_rings"
RING_KINDS = {"MRBM", "IRBM", "JUPITER", "THOR"}


@lru_cache(maxsize=256)
def _ring(lon: float, lat: float, radius_km: float) -> tuple[tuple[float, float], ...]:
    return tuple(geo.geodesic_circle(lon, lat, radius_km, n=180))


def cities_in_reach(catalog: Catalog, lon: float, lat: float, radius_km: float) -> list[str]:
    """Ids of the major cities within ``radius_km`` (geodesic) of (lon, lat), nearest first."""
    found = []
    for c in catalog.cities.values():
        if c.major_city:
            d = geo.distance_km(lon, lat, c.lon, c.lat)
            if d <= radius_km:
                found.append((d, c.id))
    return [cid for _, cid in sorted(found)]


def figure_words(figure: str, lang: str) -> str:
    """Whose figure a ring's radius is, in words (never the data's code such as ``us_design``)."""
    key = f"ring_figure_{figure}"
    return t(key if key in STRINGS else "ring_figure_other", lang)


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """A ring per standing missile site (not removed), radius from the chosen range figure."""
    lang = ctx.lang
    out = []
    for st in sit.sites:
        s = st.site
        if s.kind not in RING_KINDS or not s.weapon or st.status == "removed":
            continue
        weapon = ctx.catalog.weapons.get(s.weapon)
        if weapon is None:
            continue
        fig = weapon.range_km(ctx.range_figure)
        cities = cities_in_reach(ctx.catalog, s.lon, s.lat, fig.km)
        names = [ctx.catalog.cities[c].name.get(lang) for c in cities]
        color = style.RING_COLOR.get(weapon.id, style.side_color(s.side))
        sty = Style.area(color, fill_opacity=0.0, opacity=0.8, dash=None if st.status == "operational" else "6 6")
        details = [
            (t("range", lang), t("ring_range", lang, weapon=weapon.name.get(lang), km=f"{fig.km:,.0f}",
                                 figure=figure_words(fig.figure, lang))),
            (t("status", lang), t(f"status_{st.status}", lang)),
            (t("cities_in_reach", lang), t("list_sep", lang).join(names) or t("nothing_shown", lang)),
        ]
        if fig.note:
            details.append(("", fig.note.get(lang)))
        out.append(Feature(
            layer=LAYER_ID, id=f"{s.id}#ring", geometry=polygon(list(_ring(s.lon, s.lat, fig.km))),
            props={"name": f"{s.name.get(lang)}: {weapon.name.get(lang)}",
                   "kind": weapon.id.upper(), "status": st.status, "weapon": weapon.id, "figure": fig.figure,
                   "center_lat": s.lat, "center_lon": s.lon, "radius_km": fig.km, "cities_in_reach": cities,
                   "sources": list(dict.fromkeys((*fig.sources, *s.sources)))},
            style=sty, details=details,
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_range_rings", "en"), t("layer_range_rings", "ja")), order=10, menu=5, build=build,
    legend=(
        LegendEntry.of("legend_ring_mrbm", Style.area(style.RING_COLOR["r-12"])),
        LegendEntry.of("legend_ring_irbm", Style.area(style.RING_COLOR["r-14"], dash="6 6")),
        LegendEntry.of("legend_ring_jupiter", Style.area(style.RING_COLOR["jupiter"])),
    ),
)
