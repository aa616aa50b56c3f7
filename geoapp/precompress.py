"""Static files sent compressed (brotli, else gzip), each compressed once per server rather than once per visitor.

Streamlit sends its own frontend (``/static/``, about 2.9 MB on a first visit) uncompressed, on purpose: its gzip
middleware would compress the same bytes again for every visitor, and a public site usually sits behind a proxy
that compresses and caches. A kiosk or a school server has no such proxy, and for the app's own files
(``/app/static/``: the map's page, 0.6-1 MB, and the basemap, 0.76 MB) Streamlit does the opposite and compresses
them at level 9 on its event loop for every new visitor.

The map component's files (``/component/``) are gzipped by Streamlit for every request, the map frame's document
(about 0.3 MB with its scripts inline, :mod:`geoapp.component_files`) included.

:class:`PrecompressedStatic` sits in front of all three: it asks the file of Streamlit as usual (without the
visitor's ``Accept-Encoding``, so that Streamlit leaves it alone), compresses its body once and keeps the result,
keyed by the path and the file's validators (``ETag``, ``Last-Modified``, length; a component's file has none, and
its content is the key), so a file that changes is compressed again. Later visitors get the kept bytes. Ranges,
conditional answers (304), errors and what is already compressed (and HEAD requests) pass through untouched.
A browser that takes brotli (Chromium, Firefox and Safari all do, also over plain HTTP on a school's network) gets
it once the background has made it (:class:`CompressedCache`): some 20 % fewer bytes than gzip.
``geoapp.serve`` puts it in front of Streamlit's server.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from geoapp import diskcache

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the paths whose files are compressed: Streamlit's frontend, the app's own static files and the map component's
#: files (its map frame carries the atlas's scripts inline, about 0.3 MB: Streamlit would gzip it for every visitor)
PREFIXES = ("/static/", "/app/static/", "/component/")
#: Streamlit's page itself (7.8 KB), at the root
DOCUMENTS = ("/", "/index.html")
#: what compresses well (fonts in woff2 and images are compressed already)
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/geo+json",
                "image/svg+xml", "application/xml", "application/wasm")
#: below this a compressed answer saves less than its headers cost
MIN_SIZE = 1024
#: the kept compressed bodies, at most (the files a first visit asks for compress to about 1.5 MB)
CACHE_BYTES = 64 * 1024 * 1024
LEVEL = 9
BROTLI_QUALITY = 11

try:
    import brotli
except ImportError:  # without it, gzip only
    brotli = None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def accepted_codings(headers: list[tuple[bytes, bytes]]) -> set[str]:
    """The content codings a request's ``Accept-Encoding`` allows (named, and not refused with ``q=0``)."""
    value = _header(headers, b"accept-encoding")
    codings: set[str] = set()
    for part in (value or b"").decode("latin-1").lower().split(","):
        coding, _, params = part.strip().partition(";")
        q = params.strip()
        try:
            refused = q.startswith("q=") and float(q[2:] or 0) == 0
        except ValueError:
            refused = True
        if coding.strip() and not refused:
            codings.add(coding.strip())
    return codings


def accepts_gzip(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a request's ``Accept-Encoding`` allows gzip (and does not refuse it with ``q=0``)."""
    return bool(accepted_codings(headers) & {"gzip", "*"})


def idle_priority() -> None:
    """Run the calling thread only when the machine has nothing else to do (Linux's SCHED_IDLE, per thread; else
    the lowest nice): background work at a server's start (brotli, the icon font's cut) never slows a visitor's
    page, even on two cores shared with the visitor's own browser (a kiosk)."""
    tid = threading.get_native_id()
    try:
        os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))  # type: ignore[attr-defined]
        return
    except (AttributeError, OSError):
        pass
    try:
        os.setpriority(os.PRIO_PROCESS, tid, 19)
    except (AttributeError, OSError):
        pass


class CompressedCache:
    """Compressed bodies kept by key and coding, least recently used dropped beyond ``limit`` bytes (thread-safe).

    gzip is made at once, when first asked for. Brotli at its best (quality 11) takes about a second per
    0.5 MB, so it is made by one background thread at a lower priority: a file's first visitors get gzip, and
    those who come once it is made get brotli, some 20 % smaller (the map's page 45 %). With ``persist``, each
    brotli made is also kept in the disk cache (:mod:`geoapp.diskcache`), keyed by a digest of the file, so a
    restarted server (a kiosk's every morning) sends brotli from its first visitor on and does not make it again."""

    def __init__(self, limit: int = CACHE_BYTES, persist: bool = False) -> None:
        self.limit = limit
        self.persist = persist
        self._items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._queued: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._work = threading.Condition(self._lock)
        self._worker: threading.Thread | None = None
        self.compressions = 0

    def _kept(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            kept = self._items.get(key)
            if kept is not None:
                self._items.move_to_end(key)
            return kept

    def _keep(self, key: tuple[Any, ...], packed: bytes) -> None:
        """Keep ``packed`` under ``key`` (the lock held)."""
        if key not in self._items and len(packed) <= self.limit:
            self._items[key] = packed
            self._size += len(packed)
            while self._size > self.limit:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def get(self, key: tuple[Any, ...], body: bytes) -> bytes:
        """The gzip of ``body`` kept under ``key``, compressed now if it is not kept yet."""
        kept = self._kept(key + ("gzip",))
        if kept is not None:
            return kept
        packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        with self._lock:
            self.compressions += 1
            self._keep(key + ("gzip",), packed)
        return packed

    def brotli(self, key: tuple[Any, ...], body: bytes) -> bytes | None:
        """The brotli of ``body`` kept under ``key``; None while it is not made yet (it is then asked for)."""
        kept = self._kept(key + ("br",))
        if kept is not None or brotli is None:
            return kept
        with self._lock:
            if key in self._queued:  # being made: the disk was looked at when it was asked for
                return None
        stored = self._stored(body)
        if isinstance(stored, bytes):
            with self._lock:
                self._keep(key + ("br",), stored)
            return stored
        with self._lock:
            if key not in self._queued:
                self._queued[key] = body
                self._work.notify()
            if self._worker is None:
                self._worker = threading.Thread(target=self._make_brotli, name="cmc-brotli", daemon=True)
                self._worker.start()
        return None

    def _make_brotli(self) -> None:
        idle_priority()
        while True:
            with self._lock:
                while not self._queued:
                    self._work.wait()
                key, body = next(iter(self._queued.items()))
            packed = brotli.compress(body, quality=BROTLI_QUALITY)
            self._store(body, packed)
            with self._lock:
                self.compressions += 1
                self._keep(key + ("br",), packed)
                del self._queued[key]
                self._work.notify_all()

    def _disk_key(self, body: bytes) -> str:
        return hashlib.blake2b(body, digest_size=20).hexdigest()

    def _stored(self, body: bytes) -> object | None:
        """The brotli of ``body`` an earlier server kept in the disk cache, if any."""
        return diskcache.load("brotli", self._disk_key(body)) if self.persist else None

    def _store(self, body: bytes, packed: bytes) -> None:
        if self.persist:
            diskcache.store("brotli", self._disk_key(body), packed)

    def settled(self, timeout: float = 30.0) -> bool:
        """Wait until every brotli asked for is made; whether it was within ``timeout`` seconds (for tests)."""
        with self._lock:
            return self._work.wait_for(lambda: not self._queued, timeout)


class PrecompressedStatic:
    """ASGI middleware: static files under :data:`PREFIXES` answered compressed from :class:`CompressedCache`
    (brotli where the browser takes it and it is made, gzip otherwise)."""

    def __init__(self, app: ASGIApp, cache: CompressedCache | None = None) -> None:
        self.app = app
        self.cache = cache or CompressedCache(persist=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = list(scope.get("headers") or [])
        codings = accepted_codings(headers)
        wants = (brotli is not None and "br" in codings, bool(codings & {"gzip", "*"}))  # (brotli, gzip)
        if (scope.get("type") != "http" or scope.get("method") != "GET"
                or not (str(scope.get("path", "")).startswith(PREFIXES) or scope.get("path") in DOCUMENTS)
                or _header(headers, b"range") is not None or not any(wants)):
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
                    await self._finish(scope, start, b"".join(chunks), send, wants)
                return
            await send(message)  # anything else (e.g. a pathsend) goes through unchanged

        await self.app(inner, receive, capture)

    async def _finish(self, scope: Scope, start: Message | None, body: bytes, send: Send,
                      wants: tuple[bool, bool]) -> None:
        """Send the captured answer: compressed if that is worth it, as it came otherwise."""
        assert start is not None
        if len(body) < MIN_SIZE:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        out = [(k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"]
        etag, modified = _header(out, b"etag"), _header(out, b"last-modified")
        # a component's file comes with neither (Streamlit reads it anew each time): its content is the key
        content = hashlib.blake2b(body, digest_size=16).digest() if etag is None and modified is None else None
        key = (scope["path"], etag, modified, len(body), content)
        packed, coding = None, b"br"
        if wants[0]:
            packed = self.cache.brotli(key, body)
        if packed is None and wants[1]:
            packed, coding = self.cache.get(key, body), b"gzip"
        if packed is None:  # brotli only, and not made yet: as it is, this once
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        out += [(b"content-encoding", coding), (b"content-length", str(len(packed)).encode())]
        vary = _header(out, b"vary")
        if vary is None:
            out.append((b"vary", b"Accept-Encoding"))
        elif b"accept-encoding" not in vary.lower():
            out = [(k, v) for k, v in out if k.lower() != b"vary"] + [(b"vary", vary + b", Accept-Encoding")]
        await send({**start, "headers": out})
        await send({"type": "http.response.body", "body": packed})


def install(*middleware: Callable[[ASGIApp], Any]) -> bool:
    """Put :class:`PrecompressedStatic` (or the ASGI ``middleware`` given) in front of Streamlit's server for this
    process, before it starts; each one once, however often asked.

    Streamlit (1.5x and later) builds its Starlette application in ``create_starlette_app``; that function is
    wrapped so the application it returns gets the middleware. Returns False where this Streamlit builds its
    server otherwise: the app then works as before, with its frontend sent as Streamlit sends it."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    create = getattr(starlette_server, "create_starlette_app", None)
    if create is None:
        return False
    added = tuple(getattr(create, "_cmc_added", ()))
    new = [m for m in (middleware or (PrecompressedStatic,)) if m not in added]
    if not new:
        return True

    def create_with_middleware(*args: Any, **kwargs: Any) -> Any:
        app = create(*args, **kwargs)
        for m in new:
            app.add_middleware(m)
        return app

    create_with_middleware._cmc_added = (*added, *new)  # type: ignore[attr-defined]
    create_with_middleware._cmc_precompressed = PrecompressedStatic in (*added, *new)  # type: ignore[attr-defined]
    starlette_server.create_starlette_app = create_with_middleware
    return True
