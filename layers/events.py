"""Events of the last hours, placed where they happened (Washington, Moscow, the UN, at sea...)."""

from __future__ import annotations

from geoapp import clock, knowledge, style
from geoapp.i18n import t
from geoapp.layer import Context, Feature, Layer, LegendEntry, point
from geoapp.model import Text
from geoapp.situation import Situation
from geoapp.style import Style

LAYER_ID = "events"
EVENT_COLOR = style.EVENT


def build(sit: Situation, ctx: Context) -> list[Feature]:
    """A marker for each current event, the latest drawn larger."""
    lang = ctx.lang
    out = []
    for e in sit.events:
        place = ctx.catalog.place(e.place)
        if place is None:
            continue
        latest = sit.latest_event is not None and e.id == sit.latest_event.id
        sty = Style.point(EVENT_COLOR, fill=style.EVENT_FILL, fill_opacity=0.95, radius=9 if latest else 6, symbol="!")
        details = [("", clock.format_moment(e.time, lang)), ("", e.text.get(lang))]
        hidden = knowledge.unknown_words(ctx.catalog, e.id, lang) if ctx.view == "gap" else None
        if hidden:
            sty = style.unknown(sty)
            details.append((t("unknown_badge", lang), hidden))
        out.append(Feature(
            layer=LAYER_ID, id=e.id, geometry=point(place.lon, place.lat),
            props={"name": e.title.get(lang), "kind": "event",
                   "time": clock.iso(e.time), "time_original": e.time_text, "place": e.place,
                   "key": e.key, "latest": latest, "sources": list(e.sources)},
            style=sty, details=details,
        ))
    return out


LAYER = Layer(
    id=LAYER_ID, title=Text(t("layer_events", "en"), t("layer_events", "ja")), order=70, menu=6, build=build,
    legend=(
        LegendEntry.of("legend_event", Style.point(EVENT_COLOR, fill=style.EVENT_FILL, symbol="!")),
    ),
)
