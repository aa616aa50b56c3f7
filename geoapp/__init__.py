"""The Cuban Missile Crisis atlas: data model, validation, the crisis clock, scenes and renderers.

``geoapp.load()`` gives the atlas as GeoDataFrames (:mod:`geoapp.api`, ``docs/api.md``). It is imported on first
use, so that ``import geoapp`` (the app, the command line) stays light: no geopandas until it is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geoapp.api import Atlas, AtlasError, load

__version__ = "0.1.0"
__all__ = ["Atlas", "AtlasError", "load"]


def __getattr__(name: str) -> Any:
    """``geoapp.load``, ``geoapp.Atlas`` and ``geoapp.AtlasError``, imported from :mod:`geoapp.api` when first used."""
    if name in __all__:
        from geoapp import api

        return getattr(api, name)
    raise AttributeError(f"module 'geoapp' has no attribute {name!r}")
