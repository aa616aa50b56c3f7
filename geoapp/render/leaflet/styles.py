"""Neutral styles (:mod:`geoapp.style`) as Leaflet options: the one translator for the browser.

The browser receives these ready to use and picks them by reference; it never reads a neutral
style, applies a default or changes an opacity itself.
"""

from __future__ import annotations

import html
from typing import Any

from geoapp import style


def marker_icon(sty: dict[str, Any]) -> dict[str, Any]:
    """A point marker as a Leaflet ``divIcon``: its HTML and its size in px."""
    s = style.resolved(sty)
    size = 2 * int(s["radius"]) + 4
    border = "dashed" if s["dash"] else "solid"
    body = (f'<div class="cmc-mk" style="width:{size}px;height:{size}px;border:2px {border} {s["color"]};'
            f'background:{s["fill"]};background:color-mix(in srgb, {s["fill"]} {round(s["fill_opacity"] * 100)}%, '
            f'transparent);opacity:{s["opacity"]}">{html.escape(s["symbol"])}</div>')
    return {"icon": {"html": body, "size": size}}


def path_options(sty: dict[str, Any]) -> dict[str, Any]:
    """A line or an area as Leaflet path options."""
    s = style.resolved(sty)
    out: dict[str, Any] = {"color": s["color"], "weight": s["weight"], "opacity": s["opacity"],
                           "dashArray": s["dash"]}
    if s["shape"] == "area":
        out.update(fill=bool(s["fill"]), fillColor=s["fill"] or s["color"], fillOpacity=s["fill_opacity"])
    else:
        out["fill"] = False
    return out


def halo_options(color: str) -> dict[str, Any]:
    """The uncertainty halo round an estimated position, as Leaflet circle options."""
    h = style.HALO
    return {"color": color, "weight": h["weight"], "dashArray": h["dash"], "fill": True,
            "fillOpacity": h["fill_opacity"], "opacity": h["opacity"], "interactive": False}


def leaflet_style(sty: dict[str, Any]) -> dict[str, Any]:
    """Any neutral style in the form the browser draws it."""
    return marker_icon(sty) if sty.get("shape", "point") == "point" else path_options(sty)
