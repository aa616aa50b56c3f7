"""Static files sent compressed once per server (geoapp.precompress), driven as an ASGI server would drive it."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from geoapp.precompress import GzipCache, PrecompressedStatic, accepts_gzip, install

SCRIPT = ("var atlas = 'the map';\n" * 400).encode()  # 9.6 KB of text that compresses well


def _app(root: Path, cache: GzipCache) -> PrecompressedStatic:
    (root / "js").mkdir(parents=True, exist_ok=True)
    (root / "js" / "big.js").write_bytes(SCRIPT)
    (root / "js" / "tiny.js").write_bytes(b"var x = 1;")
    (root / "font.woff2").write_bytes(bytes(range(256)) * 40)
    inner = Starlette(routes=[Mount("/static", app=StaticFiles(directory=root))])
    return PrecompressedStatic(inner, cache)


def _get(app, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """One request through the ASGI app: (status, headers, body)."""
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "root_path": ""}
    out: dict = {"body": b""}

    async def run():
        asked, done = [], asyncio.Event()

        async def receive():  # the request once; then, as a server does, nothing until the client has gone
            if not asked:
                asked.append(1)
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
                out["headers"] = {k.decode().lower(): v.decode() for k, v in message["headers"]}
            elif message["type"] == "http.response.body":
                out["body"] += message.get("body", b"")
                if not message.get("more_body", False):
                    done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    return out["status"], out["headers"], out["body"]


def test_a_text_file_comes_gzipped_with_its_length_and_vary(tmp_path):
    app = _app(tmp_path, GzipCache())
    status, headers, body = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, deflate"})
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body) == SCRIPT


def test_a_file_is_compressed_once_and_again_when_it_changes(tmp_path):
    cache = GzipCache()
    app = _app(tmp_path, cache)
    first = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2]
    assert _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2] == first
    assert cache.compressions == 1
    (tmp_path / "js" / "big.js").write_bytes(SCRIPT + b"// changed\n")
    changed = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2]
    assert gzip.decompress(changed).endswith(b"// changed\n") and cache.compressions == 2


@pytest.mark.parametrize(("path", "headers"), [
    ("/static/js/big.js", {}),                                      # no Accept-Encoding
    ("/static/js/big.js", {"Accept-Encoding": "gzip;q=0, br"}),     # gzip refused
    ("/static/js/big.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-99"}),  # a range
    ("/static/js/tiny.js", {"Accept-Encoding": "gzip"}),            # too small to be worth it
    ("/static/font.woff2", {"Accept-Encoding": "gzip"}),            # compressed already
])
def test_what_should_not_be_compressed_passes_as_it_was(tmp_path, path, headers):
    app = _app(tmp_path, GzipCache())
    status, out, body = _get(app, path, headers)
    assert status in (200, 206) and "content-encoding" not in out
    assert body == (tmp_path / path.removeprefix("/static/")).read_bytes()[: len(body)]


def test_errors_and_other_paths_pass_untouched(tmp_path):
    app = _app(tmp_path, GzipCache())
    assert _get(app, "/static/js/missing.js", {"Accept-Encoding": "gzip"})[0] == 404
    assert _get(app, "/elsewhere", {"Accept-Encoding": "gzip"})[0] == 404


def test_a_head_request_gets_the_files_headers_and_no_body(tmp_path):
    app = _app(tmp_path, GzipCache())
    status, headers, body = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200 and body == b"" and "content-encoding" not in headers


def test_the_cache_keeps_at_most_its_limit():
    cache = GzipCache(limit=300)
    for i in range(20):
        cache.get(("/p", i), bytes(range(256)) * 4)  # each compresses to about 270 bytes
    assert cache._size <= 300 and len(cache._items) == 1


@pytest.mark.parametrize(("value", "ok"), [("gzip, deflate", True), ("deflate, gzip;q=0.5", True), ("*", True),
                                           ("gzip;q=0", False), ("br", False), ("", False)])
def test_accept_encoding_is_read_as_http_says(value, ok):
    assert accepts_gzip([(b"accept-encoding", value.encode())] if value else []) is ok


def test_it_is_put_in_front_of_streamlits_server(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    monkeypatch.setattr(starlette_server, "create_starlette_app", starlette_server.create_starlette_app)  # undone after
    assert install() and install()  # twice is once
    assert starlette_server.create_starlette_app._cmc_precompressed
