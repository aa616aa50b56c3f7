"""Static files sent gzip-compressed, each compressed once per server rather than once per visitor.

Streamlit sends its own frontend (``/static/``, about 2.9 MB on a first visit) uncompressed, on purpose: its gzip
middleware would compress the same bytes again for every visitor, and a public site usually sits behind a proxy
that compresses and caches. A kiosk or a school server has no such proxy, and for the app's own files
(``/app/static/``: the map's page, 0.6-1 MB, and the basemap, 0.76 MB) Streamlit does the opposite and compresses
them at level 9 on its event loop for every new visitor.

:class:`PrecompressedStatic` sits in front of both: it asks the file of Streamlit as usual (without the visitor's
``Accept-Encoding``, so that Streamlit leaves it alone), compresses its body once and keeps the result, keyed by
the path and the file's validators (``ETag``, ``Last-Modified``, length), so a file that changes is compressed
again. Later visitors get the kept bytes. Ranges, conditional answers (304), errors and what is already compressed
(and HEAD requests) pass through untouched. ``geoapp.serve`` puts it in front of Streamlit's server.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the paths whose files are compressed: Streamlit's frontend and the app's own static files
PREFIXES = ("/static/", "/app/static/")
#: what compresses well (fonts in woff2 and images are compressed already)
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/geo+json",
                "image/svg+xml", "application/xml", "application/wasm")
#: below this a compressed answer saves less than its headers cost
MIN_SIZE = 1024
#: the kept compressed bodies, at most (the files a first visit asks for compress to about 1.5 MB)
CACHE_BYTES = 64 * 1024 * 1024
LEVEL = 9


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def accepts_gzip(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a request's ``Accept-Encoding`` allows gzip (and does not refuse it with ``q=0``)."""
    value = _header(headers, b"accept-encoding")
    if not value:
        return False
    for part in value.decode("latin-1").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            q = params.strip()
            return not (q.startswith("q=") and float(q[2:] or 0) == 0)
    return False


class GzipCache:
    """Compressed bodies kept by key, least recently used dropped beyond ``limit`` bytes (thread-safe)."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.compressions = 0

    def get(self, key: tuple[Any, ...], body: bytes) -> bytes:
        """The gzip of ``body`` kept under ``key``, compressed now if it is not kept yet."""
        with self._lock:
            kept = self._items.get(key)
            if kept is not None:
                self._items.move_to_end(key)
                return kept
        packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        with self._lock:
            self.compressions += 1
            if key not in self._items and len(packed) <= self.limit:
                self._items[key] = packed
                self._size += len(packed)
                while self._size > self.limit:
                    _, dropped = self._items.popitem(last=False)
                    self._size -= len(dropped)
        return packed


class PrecompressedStatic:
    """ASGI middleware: static files under :data:`PREFIXES` answered gzip-compressed from :class:`GzipCache`."""

    def __init__(self, app: ASGIApp, cache: GzipCache | None = None) -> None:
        self.app = app
        self.cache = cache or GzipCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = list(scope.get("headers") or [])
        if (scope.get("type") != "http" or scope.get("method") != "GET"
                or not str(scope.get("path", "")).startswith(PREFIXES)
                or _header(headers, b"range") is not None or not accepts_gzip(headers)):
            await self.app(scope, receive, send)
            return
        # Streamlit is asked without Accept-Encoding, so that it sends the file as it is
        inner = dict(scope, headers=[(k, v) for k, v in headers if k.lower() != b"accept-encoding"])
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                out = list(message.get("headers") or [])
                kind = (_header(out, b"content-type") or b"").decode("latin-1").lower()
                if (message.get("status") != 200 or _header(out, b"content-encoding") is not None
                        or not kind.startswith(COMPRESSIBLE)):
                    passing = True
                    await send(message)
                return
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(scope, start, b"".join(chunks), send)
                return
            await send(message)  # anything else (e.g. a pathsend) goes through unchanged

        await self.app(inner, receive, capture)

    async def _finish(self, scope: Scope, start: Message | None, body: bytes, send: Send) -> None:
        """Send the captured answer: compressed if that is worth it, as it came otherwise."""
        assert start is not None
        if len(body) < MIN_SIZE:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        out = [(k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"]
        key = (scope["path"], _header(out, b"etag"), _header(out, b"last-modified"), len(body))
        packed = self.cache.get(key, body)
        out += [(b"content-encoding", b"gzip"), (b"content-length", str(len(packed)).encode())]
        vary = _header(out, b"vary")
        if vary is None:
            out.append((b"vary", b"Accept-Encoding"))
        elif b"accept-encoding" not in vary.lower():
            out = [(k, v) for k, v in out if k.lower() != b"vary"] + [(b"vary", vary + b", Accept-Encoding")]
        await send({**start, "headers": out})
        await send({"type": "http.response.body", "body": packed})


def install() -> bool:
    """Put :class:`PrecompressedStatic` in front of Streamlit's server for this process (before it starts).

    Streamlit (1.5x and later) builds its Starlette application in ``create_starlette_app``; that function is
    wrapped so the application it returns gets the middleware. Returns False where this Streamlit builds its
    server otherwise: the app then works as before, with its frontend sent uncompressed."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    create = getattr(starlette_server, "create_starlette_app", None)
    if create is None:
        return False
    if getattr(create, "_cmc_precompressed", False):
        return True

    def create_with_precompression(*args: Any, **kwargs: Any) -> Any:
        app = create(*args, **kwargs)
        app.add_middleware(PrecompressedStatic)
        return app

    create_with_precompression._cmc_precompressed = True  # type: ignore[attr-defined]
    starlette_server.create_starlette_app = create_with_precompression
    return True
