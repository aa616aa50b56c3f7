"""The Streamlit page, one job per module.

* :mod:`~geoapp.ui.state`: the page's state and its URL round trip (pure: no Streamlit);
* :mod:`~geoapp.ui.session`: the only reads and writes of ``st.session_state``;
* :mod:`~geoapp.ui.data`: the only caches (catalog, live pages, standalone page);
* :mod:`~geoapp.ui.controls`: the sidebar;
* :mod:`~geoapp.ui.map_view`: the map component (map, caption, clock, story, time bar) and the call that shows it;
* :mod:`~geoapp.ui.exports`: the snapshot and download buttons;
* :mod:`~geoapp.ui.kiosk`: the kiosk's stylesheet;
* :mod:`~geoapp.ui.app`: the page's order and its error shell.

Importing this package does not import Streamlit: :func:`run` and :func:`main` load :mod:`geoapp.ui.app`
when first asked for.
"""

from __future__ import annotations

from typing import Any

from geoapp.ui.state import UIState, parse_query, period_for, to_query

__all__ = ["UIState", "main", "parse_query", "period_for", "run", "to_query"]


def __getattr__(name: str) -> Any:
    if name in ("main", "run"):
        from geoapp.ui import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
