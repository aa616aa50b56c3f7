"""The load benchmark's protocol client (``bench/st_client.py``) against the running app, for one visitor: it
opens the page, commits a moment as the map does on release, and sees the run finish and the address follow.

The benchmark (``bench/load.py``, in ``make bench``) trusts this client to do what a page does; this test keeps
it honest when Streamlit or the page changes (widget keys, the map's value, the message cache).
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from bench.st_client import StClient, widget_key
from tests.browser import running_app


async def one_visitor(url: str) -> None:
    c = StClient(url, timeout=60)
    try:
        first = await c.connect("t=1962-10-24T14:00Z")
        assert not first.errors, first.errors
        assert first.finished_at is not None and first.url_at is not None
        assert parse_qs(first.url_query or "")["t"] == ["1962-10-24T14:00Z"]
        assert c.widget_id("atlas_map")  # the map component, found among the elements
        assert "t" in c.component_args("atlas_map")
        assert "lang" not in {widget_key(w) for w in c.elements}  # the map first: the rest once it is drawn

        ready = await c.set_value("atlas_map", {"ready": True, "seq": 1})  # as the page's map says once drawn
        assert not ready.errors, ready.errors
        assert c.value("lang") == "English" and c.value("layer_ships") is True
        assert ready.exports_at is not None

        run = await c.set_value("atlas_map", {"t": "1962-10-25T06:00:00Z", "seq": 2, "bbox": [-90, 15, -70, 30]})
        assert not run.errors, run.errors
        assert run.finished_at is not None and run.url_at is not None
        assert run.sent < run.url_at <= run.finished_at
        assert parse_qs(run.url_query or "")["t"] == ["1962-10-25T06:00Z"]
        assert run.exports_at is not None  # the export buttons were drawn again for the new moment
        assert run.bytes > 0

        again = await c.rerun()  # nothing changed: the page is a file, so a rerun is a few kilobytes again
        assert not again.errors, again.errors
        assert again.bytes < 20_000

        data, _ = await c.download("dl_csv")
        assert data.startswith(b"\xef\xbb\xbflayer,")
    finally:
        await c.close()
    assert c.closed_error is None


def test_one_protocol_visitor_commits_a_moment():
    with running_app() as url:
        asyncio.run(one_visitor(url))
