"""Moved: the still-image renderer is now :mod:`geoapp.render.image`, boxes and projection are
:mod:`geoapp.viewport`, and the snapshot presets are :mod:`geoapp.export`.

This shim keeps the names ``geoapp/ui.py`` imports today working until it switches; delete it then. Box checks
and the presets load without matplotlib, as before the move only the image names do.
"""

from __future__ import annotations

from typing import Any

from geoapp.export import MIME, PRESETS
from geoapp.viewport import DEFAULT_BBOX, check_bbox, fit_frame, parse_bbox, project

__all__ = ["DEFAULT_BBOX", "MIME", "PRESETS", "check_bbox", "fit_frame", "parse_bbox", "project"]

_IMAGE_NAMES = ("StaticMap", "render_image", "warm")  # also importable from here, loaded on first use


def __getattr__(name: str) -> Any:
    """The image renderer's names, imported (with matplotlib) only when asked for."""
    if name in _IMAGE_NAMES:
        from geoapp.render import image

        return getattr(image, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
