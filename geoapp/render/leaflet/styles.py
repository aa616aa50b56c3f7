"""Styles (:class:`geoapp.style.Style`) as Leaflet options: the one translator for the browser.

The browser receives these ready to use and picks them by reference; it never reads a style,
applies a default or changes an opacity itself.
"""

from __future__ import annotations

import html
from typing import Any

from geoapp import style
from geoapp.style import Style


def marker_icon(s: Style) -> dict[str, Any]:
    """A point marker as a Leaflet ``divIcon``: its HTML and its size in px."""
    size = 2 * int(s.radius) + 4
    border = "dashed" if s.dash else "solid"
    ring = f"outline:2.5px dashed {s.outline};outline-offset:2px;" if s.outline else ""
    body = (f'<div class="cmc-mk{" cmc-unknown" if s.outline else ""}" style="width:{size}px;height:{size}px;'
            f'border:2px {border} {s.color};{ring}'
            f'background:{s.fill_color};background:color-mix(in srgb, {s.fill_color} {round(s.fill_opacity * 100)}%, '
            f'transparent);opacity:{s.opacity:g}">{html.escape(s.symbol)}</div>')
    return {"icon": {"html": body, "size": size}}


def path_options(s: Style) -> dict[str, Any]:
    """A line or an area as Leaflet path options."""
    out: dict[str, Any] = {"color": s.color, "weight": s.weight, "opacity": s.opacity, "dashArray": s.dash}
    if s.shape == "area":
        out.update(fill=s.fill is not None or s.fill_opacity > 0, fillColor=s.fill_color, fillOpacity=s.fill_opacity)
    else:
        out["fill"] = False
    return out


def halo_options(color: str) -> dict[str, Any]:
    """The uncertainty halo round an estimated position, as Leaflet circle options."""
    h = style.HALO
    return {"color": color, "weight": h["weight"], "dashArray": h["dash"], "fill": True,
            "fillOpacity": h["fill_opacity"], "opacity": h["opacity"], "interactive": False}


def leaflet_style(s: Style) -> dict[str, Any]:
    """Any style in the form the browser draws it."""
    return marker_icon(s) if s.shape == "point" else path_options(s)
