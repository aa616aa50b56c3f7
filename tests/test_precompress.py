"""Static files sent compressed once per server (geoapp.precompress), driven as an ASGI server would drive it."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import brotli
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from geoapp.precompress import CompressedCache, PrecompressedStatic, accepted_codings, accepts_gzip, install

SCRIPT = ("var atlas = 'the map';\n" * 400).encode()  # 9.6 KB of text that compresses well


def _app(root: Path, cache: CompressedCache) -> PrecompressedStatic:
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
    app = _app(tmp_path, CompressedCache())
    status, headers, body = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, deflate"})
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body) == SCRIPT


def test_a_file_is_compressed_once_and_again_when_it_changes(tmp_path):
    cache = CompressedCache()
    app = _app(tmp_path, cache)
    first = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2]
    assert _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2] == first
    assert cache.compressions == 1
    (tmp_path / "js" / "big.js").write_bytes(SCRIPT + b"// changed\n")
    changed = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[2]
    assert gzip.decompress(changed).endswith(b"// changed\n") and cache.compressions == 2


def test_brotli_is_made_in_the_background_and_sent_once_made(tmp_path):
    """A browser that takes brotli gets gzip while the brotli is being made (quality 11 takes about a second per
    0.5 MB), and brotli after; one that does not gets gzip every time."""
    cache = CompressedCache()
    app = _app(tmp_path, cache)
    first = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert first[1]["content-encoding"] in ("gzip", "br")  # the background may already be done
    assert cache.settled(30)
    status, headers, body = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert status == 200 and headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    assert brotli.decompress(body) == SCRIPT and int(headers["content-length"]) == len(body)
    assert _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, br;q=0"})[1]["content-encoding"] == "gzip"
    assert _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"})[1]["content-encoding"] == "gzip"


def test_a_restarted_server_finds_the_brotli_an_earlier_one_made(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CMC_ATLAS_CACHE", str(folder))  # the disk cache (geoapp.diskcache)
    first = CompressedCache(persist=True)
    app = _app(tmp_path / "site", first)
    _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip, br"})
    assert first.settled(30) and [p.name.startswith("brotli-") for p in folder.iterdir()] == [True]
    again = CompressedCache(persist=True)  # a new process
    status, headers, body = _get(_app(tmp_path / "site", again), "/static/js/big.js", {"Accept-Encoding": "gzip, br"})
    assert headers["content-encoding"] == "br" and brotli.decompress(body) == SCRIPT
    assert again.compressions == 0  # read, not made again
    # a folder that cannot be written is no folder: brotli is still made and sent
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CMC_ATLAS_CACHE", str(blocked / "cache"))
    unwritable = CompressedCache(persist=True)
    app = _app(tmp_path / "site", unwritable)
    _get(app, "/static/js/big.js", {"Accept-Encoding": "br"})
    assert unwritable.settled(30)
    assert brotli.decompress(_get(app, "/static/js/big.js", {"Accept-Encoding": "br"})[2]) == SCRIPT


def test_a_browser_taking_only_brotli_gets_the_file_as_it_is_until_it_is_made(tmp_path):
    cache = CompressedCache()
    app = _app(tmp_path, cache)
    first = _get(app, "/static/js/big.js", {"Accept-Encoding": "br"})
    assert first[2] == SCRIPT or brotli.decompress(first[2]) == SCRIPT
    assert cache.settled(30)
    assert brotli.decompress(_get(app, "/static/js/big.js", {"Accept-Encoding": "br"})[2]) == SCRIPT


@pytest.mark.parametrize(("header", "codings"), [
    ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}), ("br;q=0, gzip;q=0.5", {"gzip"}),
    ("", set()), ("gzip;q=bad", set()), ("*", {"*"})])
def test_the_codings_a_browser_takes(header, codings):
    assert accepted_codings([(b"accept-encoding", header.encode())]) == codings


def test_streamlits_page_itself_comes_compressed_and_other_paths_as_they_are(tmp_path):
    from starlette.responses import Response

    page = b"<!DOCTYPE html><html>" + b"<script>var x = 1;</script>" * 100 + b"</html>"

    async def streamlit(scope, receive, send):
        await Response(page, media_type="text/html", headers={"etag": '"1"'})(scope, receive, send)

    app = PrecompressedStatic(streamlit, CompressedCache())
    status, headers, body = _get(app, "/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == page
    assert "content-encoding" not in _get(app, "/_stcore/health", {"Accept-Encoding": "gzip"})[1]


def test_a_file_without_validators_is_keyed_by_its_content(tmp_path):
    """Streamlit reads a component's file anew for each request and sends it without ETag or Last-Modified: a
    changed file of the same length is compressed again, not answered from the kept bytes."""
    from starlette.responses import Response

    body = {"now": SCRIPT}

    async def component(scope, receive, send):
        await Response(body["now"], media_type="text/html")(scope, receive, send)

    cache = CompressedCache()
    app = PrecompressedStatic(component, cache)
    first = _get(app, "/component/atlas_map/map.html", {"Accept-Encoding": "gzip"})
    assert first[1]["content-encoding"] == "gzip" and gzip.decompress(first[2]) == SCRIPT
    _get(app, "/component/atlas_map/map.html", {"Accept-Encoding": "gzip"})
    assert cache.compressions == 1
    body["now"] = SCRIPT.replace(b"the map", b"a map!!")  # the same length
    assert gzip.decompress(_get(app, "/component/atlas_map/map.html", {"Accept-Encoding": "gzip"})[2]) == body["now"]
    assert cache.compressions == 2


@pytest.mark.parametrize(("path", "headers"), [
    ("/static/js/big.js", {}),                                      # no Accept-Encoding
    ("/static/js/big.js", {"Accept-Encoding": "gzip;q=0, br"}),     # gzip refused
    ("/static/js/big.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-99"}),  # a range
    ("/static/js/tiny.js", {"Accept-Encoding": "gzip"}),            # too small to be worth it
    ("/static/font.woff2", {"Accept-Encoding": "gzip"}),            # compressed already
])
def test_what_should_not_be_compressed_passes_as_it_was(tmp_path, path, headers):
    app = _app(tmp_path, CompressedCache())
    status, out, body = _get(app, path, headers)
    assert status in (200, 206) and "content-encoding" not in out
    assert body == (tmp_path / path.removeprefix("/static/")).read_bytes()[: len(body)]


def test_errors_and_other_paths_pass_untouched(tmp_path):
    app = _app(tmp_path, CompressedCache())
    assert _get(app, "/static/js/missing.js", {"Accept-Encoding": "gzip"})[0] == 404
    assert _get(app, "/elsewhere", {"Accept-Encoding": "gzip"})[0] == 404


def test_a_head_request_gets_the_files_headers_and_no_body(tmp_path):
    app = _app(tmp_path, CompressedCache())
    status, headers, body = _get(app, "/static/js/big.js", {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200 and body == b"" and "content-encoding" not in headers


def test_the_cache_keeps_at_most_its_limit():
    cache = CompressedCache(limit=300)
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
