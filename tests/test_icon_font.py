"""Streamlit's icon font cut to the icons a page of Streamlit can name (geoapp.icon_font)."""

from __future__ import annotations

import asyncio
import io
import re

import pytest
from fontTools.ttLib import TTFont

from geoapp import icon_font

FONT = icon_font.font_file()
pytestmark = pytest.mark.skipif(FONT is None, reason="this Streamlit has no Material Symbols font")


@pytest.fixture(scope="module")
def cut() -> bytes:
    static = icon_font.streamlit_static()
    assert FONT is not None and static is not None
    return icon_font.make_cut(FONT, static)


def test_the_cut_keeps_every_icon_streamlit_names_and_is_a_seventh_of_the_font(cut):
    assert FONT is not None
    whole = icon_font.icon_glyphs(TTFont(str(FONT)))
    kept = icon_font.icon_glyphs(TTFont(io.BytesIO(cut)))
    static = icon_font.streamlit_static()
    assert static is not None
    named = {m for p in static.rglob("*.js") for m in re.findall(r":material/([a-z0-9_]+):", p.read_text("utf-8"))}
    assert named and named & set(whole) <= set(kept)
    # the sidebar's arrows, the menu, a select box's arrow, a help mark
    assert {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "more_vert", "expand_more",
            "help"} <= set(kept)
    assert len(kept) < len(whole) / 4 and len(cut) < FONT.stat().st_size / 5
    names = TTFont(io.BytesIO(cut))["name"]
    assert names.getDebugName(0) == TTFont(str(FONT))["name"].getDebugName(0)  # the copyright
    assert names.getDebugName(10) == icon_font.NOTICE  # and that it was changed


def _get(app, path: str) -> tuple[int, dict[str, str], bytes]:
    out: dict = {"body": b""}

    async def run():
        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
                out["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
            else:
                out["body"] += message.get("body", b"")

        await app({"type": "http", "method": "GET", "path": path, "headers": []}, receive, send)

    asyncio.run(run())
    return out["status"], out["headers"], out["body"]


def test_the_font_is_answered_with_its_cut_once_made(cut, monkeypatch):
    async def streamlit(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"font/woff2")]})
        await send({"type": "http.response.body", "body": b"the whole font"})

    app = icon_font.IconFont(streamlit)
    assert FONT is not None
    path = "/static/media/" + FONT.name
    monkeypatch.setattr(icon_font, "_cut", None)
    assert _get(app, path)[2] == b"the whole font"  # not made yet: the font as it is
    monkeypatch.setattr(icon_font, "_cut", (path, cut))
    status, headers, body = _get(app, path)
    assert status == 200 and body == cut and headers["content-type"] == "font/woff2"
    assert headers["content-length"] == str(len(cut)) and "immutable" in headers["cache-control"]
    assert _get(app, "/static/media/SourceSansVF-Upright.woff2")[2] == b"the whole font"  # other files: Streamlit's
