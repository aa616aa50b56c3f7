"""A Streamlit client at the protocol level: one visitor's session without a browser, for the load benchmark.

It speaks to the server as Streamlit's own page does, so that the server does the same work per visitor:
- ``GET /_stcore/health`` (which sets the ``_streamlit_xsrf`` cookie) and ``/_stcore/host-config``, then the
  websocket ``/_stcore/stream`` with the subprotocols ``["streamlit", <xsrf token>]``, the cookie and an
  ``Origin`` header;
- every rerun is a ``BackMsg.rerun_script`` carrying the page's query string, the current value of every
  widget the page shows (the page sends them all on each rerun, not only the one that changed) and the
  hashes of the messages it has cached;
- Streamlit's ForwardMsg cache, as the page keeps it: a ``new_element`` delta marked ``cacheable`` (10 KB or
  more) is kept by its hash, its hash is sent back with each rerun, and a ``ref_hash`` message the server
  sends instead of a message it knows the client has is resolved from that cache; entries not used for
  ``max_cached_message_age`` runs (from ``new_session``) are dropped after each finished run;
- widget values follow the elements: a widget first seen (or sent with ``set_value``) takes the value the
  element carries; widgets absent from a finished run are forgotten;
- a deferred download (``st.download_button(data=callable)``) is a ``BackMsg.backend_operation_request``
  with ``deferred_file.file_id``; the server runs the callable and answers with a
  ``backend_operation_response`` carrying the file's URL, which is then fetched over HTTP.

Nothing here knows the atlas except through widget keys passed in by the caller: the map component's
arguments are kept as their raw JSON (``component_args`` parses them on demand), whatever they hold.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect as ws_connect

FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
#: Alert formats that count as an error shown to the visitor (st.error)
ERROR_ALERT = 1


@dataclass
class Run:
    """One script run as the client saw it: when each part arrived (``time.perf_counter`` seconds), what it
    cost on the wire, and anything that went wrong."""

    sent: float
    query: str
    url_at: float | None = None  # the first page_info_changed (the address the page shows)
    url_query: str | None = None
    exports_at: float | None = None  # the last download button drawn (its file can be asked for from then on)
    finished_at: float | None = None
    status: int | None = None
    bytes: int = 0  # websocket payload bytes received for this run (no compression is negotiated)
    messages: int = 0
    ref_hits: int = 0  # messages the server sent as a reference to the client's cache
    cacheable_bytes: int = 0  # bytes of messages marked cacheable (the page would keep them)
    errors: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Send to script_finished."""
        return (self.finished_at or float("nan")) - self.sent

    @property
    def url_seconds(self) -> float:
        """Send to the new address (page_info_changed)."""
        return (self.url_at or float("nan")) - self.sent

    @property
    def exports_seconds(self) -> float:
        """Send to the last export button of the run."""
        return (self.exports_at or float("nan")) - self.sent


class ProtocolError(RuntimeError):
    """The server said something the page would show as an error, or the connection went away."""


def widget_key(widget_id: str) -> str:
    """The user key of a keyed widget id (``$$ID-<hash>-<key>``), or the id itself."""
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") and widget_id.count("-") >= 2 else widget_id


def _http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 60.0) -> tuple[bytes, Any]:
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.read(), r.headers


class StClient:
    """One visitor's session over Streamlit's websocket (see the module's docstring)."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.ws: Any = None
        self.cookie = ""
        self.session_id = ""
        self.page_script_hash = ""
        self.query_string = ""
        self.max_cache_age = 2
        self.elements: dict[str, Element] = {}  # widget or component id -> its latest element
        self.states: dict[str, WidgetState] = {}  # widget id -> the value the page would send
        self._seen: set[str] = set()  # ids drawn in the current run
        self._cache: dict[str, list[Any]] = {}  # hash -> [encoded ForwardMsg, run count when last used]
        self._run_count = 0
        self.run: Run | None = None
        self._done: asyncio.Future[Run] | None = None
        self._ops: dict[str, asyncio.Future[ForwardMsg]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.closed_error: str | None = None
        self._closing = False
        self.total_bytes = 0
        self.runs: list[Run] = []

    # -- connecting -------------------------------------------------------------------------------------

    async def connect(self, query: str = "") -> Run:
        """Open the page: health and host-config over HTTP (the xsrf cookie), the websocket, the first run."""
        body, headers = await asyncio.to_thread(_http_get, f"{self.base_url}/_stcore/health")
        cookie = headers.get("set-cookie", "")
        self.cookie = cookie.split(";", 1)[0]
        xsrf = self.cookie.split("=", 1)[1] if "=" in self.cookie else "PLACEHOLDER_AUTH_TOKEN"
        await asyncio.to_thread(_http_get, f"{self.base_url}/_stcore/host-config")
        ws_url = "ws" + self.base_url[4:] + "/_stcore/stream"
        self.ws = await ws_connect(
            ws_url, subprotocols=["streamlit", xsrf], max_size=None, compression=None,  # type: ignore[list-item]
            additional_headers={"Cookie": self.cookie, "Origin": self.base_url}, open_timeout=self.timeout)
        self._reader = asyncio.create_task(self._read())
        self.query_string = query
        return await self.rerun()

    async def close(self) -> None:
        """Leave the page (close the websocket). A server too busy to answer the close is not an error: the page
        would not wait for it either."""
        self._closing = True
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, asyncio.CancelledError):
                self._reader.cancel()

    # -- reruns -------------------------------------------------------------------------------------------

    async def rerun(self, changed: WidgetState | None = None) -> Run:
        """Send a rerun with every widget's current value (``changed`` replacing its own) and wait for the
        script to finish; the run's timings, bytes and errors."""
        if changed is not None:
            self.states[changed.id] = changed
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_script_hash
        cs.widget_states.widgets.extend(self.states.values())
        cs.cached_message_hashes.extend(self._cache)
        loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        self.run = Run(sent=time.perf_counter(), query=self.query_string)
        self._seen = set()
        await self.ws.send(msg.SerializeToString())
        try:
            run = await asyncio.wait_for(asyncio.shield(self._done), self.timeout)
        except TimeoutError as exc:
            raise ProtocolError(f"no script_finished within {self.timeout:g} s") from exc
        self.runs.append(run)
        return run

    def widget_id(self, key: str) -> str:
        """The id of the widget (or component) drawn with user key ``key``."""
        for wid in self.elements:
            if widget_key(wid) == key:
                return wid
        raise KeyError(f"no widget with key {key!r} on the page (keys: {sorted(map(widget_key, self.elements))})")

    def element(self, key: str) -> Element:
        """The latest element of the widget with user key ``key``."""
        return self.elements[self.widget_id(key)]

    async def set_value(self, key: str, value: Any) -> Run:
        """Change a widget as a visitor would (a checkbox's bool, a radio's or menu's shown label, a multiselect's
        labels, a component's JSON value) and wait for the rerun."""
        wid = self.widget_id(key)
        kind = self.elements[wid].WhichOneof("type")
        ws = WidgetState(id=wid)
        if kind == "checkbox":
            ws.bool_value = bool(value)
        elif kind in ("radio", "selectbox"):
            ws.string_value = str(value)
        elif kind == "multiselect":
            ws.string_array_value.data.extend(value)
        elif kind == "component_instance":
            ws.json_value = json.dumps(value)
        else:
            raise TypeError(f"cannot set a {kind}")
        return await self.rerun(ws)

    def value(self, key: str) -> Any:
        """The value the page holds for the widget with user key ``key`` (None when it holds none)."""
        ws = self.states.get(self.widget_id(key))
        if ws is None:
            return None
        kind = ws.WhichOneof("value")
        if kind == "string_array_value":
            return list(ws.string_array_value.data)
        if kind == "json_value":
            return json.loads(ws.json_value)
        return getattr(ws, kind) if kind else None

    def options(self, key: str) -> list[str]:
        """The labels a radio, menu or multiselect offers."""
        el = self.element(key)
        return list(getattr(el, el.WhichOneof("type")).options)

    def component_args(self, key: str) -> dict[str, Any]:
        """A component's arguments, parsed from its JSON (whatever they are)."""
        return json.loads(self.element(key).component_instance.json_args or "{}")

    # -- downloads ----------------------------------------------------------------------------------------

    async def download(self, key: str) -> tuple[bytes, float]:
        """Press a download button: a deferred file is asked for over the websocket (the server builds it), then
        fetched over HTTP; a file already sent with the page is fetched at its URL. The bytes and seconds."""
        btn = self.element(key).download_button
        t0 = time.perf_counter()
        url = btn.url
        if btn.deferred_file_id:
            rid = uuid.uuid4().hex
            msg = BackMsg()
            op = msg.backend_operation_request
            op.request_id = rid
            op.session_id = self.session_id
            op.deferred_file.file_id = btn.deferred_file_id
            fut: asyncio.Future[ForwardMsg] = asyncio.get_running_loop().create_future()
            self._ops[rid] = fut
            await self.ws.send(msg.SerializeToString())
            try:
                resp = (await asyncio.wait_for(fut, self.timeout)).backend_operation_response
            finally:
                self._ops.pop(rid, None)
            if resp.error_msg:
                raise ProtocolError(f"download {key}: {resp.error_msg} {resp.error_reason}".strip())
            url = resp.deferred_file.url
        if not url:
            raise ProtocolError(f"download {key}: no URL")
        answered = time.perf_counter()
        try:
            data, _ = await asyncio.to_thread(_http_get, urljoin(self.base_url + "/", url.lstrip("/")),
                                              {"Cookie": self.cookie}, self.timeout)
        except urllib.error.HTTPError as exc:
            # Streamlit keeps a generated file unreferenced: the orphan sweep at the end of any session's run marks
            # it, the next one deletes it, so under load it can be gone before it is fetched
            raise ProtocolError(f"download {key}: HTTP {exc.code} for the generated file, fetched "
                                f"{(time.perf_counter() - answered) * 1000:.0f} ms after the server answered "
                                f"(it built it in {(answered - t0) * 1000:.0f} ms)") from exc
        return data, time.perf_counter() - t0

    # -- reading ------------------------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                now = time.perf_counter()
                self.total_bytes += len(data)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._take(msg, data, now)
        except websockets.ConnectionClosed as exc:
            if not self._closing and (exc.rcvd is None or exc.rcvd.code not in (1000, 1001)):
                self.closed_error = f"connection closed: {exc}"
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits
            self.closed_error = f"{type(exc).__name__}: {exc}"
        finally:
            err = ProtocolError(self.closed_error or "connection closed")
            for fut in [self._done, *self._ops.values()]:
                if fut is not None and not fut.done():
                    fut.set_exception(err)
                    fut.add_done_callback(lambda f: f.exception())  # nobody may be waiting any more

    def _take(self, msg: ForwardMsg, data: bytes, now: float) -> None:
        run = self.run
        if run is not None:
            run.bytes += len(data)
            run.messages += 1
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            entry = self._cache.get(msg.ref_hash)
            if entry is None:  # the page throws "Cached ForwardMsg MISS"
                if run is not None:
                    run.errors.append(f"cache miss for {msg.ref_hash}")
                return
            entry[1] = self._run_count
            full = ForwardMsg()
            full.ParseFromString(entry[0])
            full.metadata.CopyFrom(msg.metadata)
            msg, kind = full, full.WhichOneof("type")
            if run is not None:
                run.ref_hits += 1
        elif msg.metadata.cacheable and msg.hash:
            if msg.hash not in self._cache:
                self._cache[msg.hash] = [data, self._run_count]
            if run is not None:
                run.cacheable_bytes += len(data)
        if kind == "new_session":
            ns = msg.new_session
            self.session_id = ns.initialize.session_id
            self.page_script_hash = ns.page_script_hash
            self.max_cache_age = ns.config.max_cached_message_age or 2
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
            if run is not None and run.url_at is None:
                run.url_at, run.url_query = now, self.query_string
        elif kind == "delta":
            self._take_delta(msg, now)
        elif kind == "session_event":
            ev = msg.session_event
            if run is not None and ev.WhichOneof("type") == "script_compilation_exception":
                run.errors.append(f"compile error: {ev.script_compilation_exception.message}")
        elif kind == "backend_operation_response":
            fut = self._ops.get(msg.backend_operation_response.request_id)
            if fut is not None and not fut.done():
                fut.set_result(msg)
        elif kind == "script_finished":
            self._finish(msg.script_finished, now)

    def _take_delta(self, msg: ForwardMsg, now: float) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        run = self.run
        if kind == "exception" and run is not None:
            run.errors.append(f"exception: {el.exception.type}: {el.exception.message}")
        elif kind == "alert" and el.alert.format == ERROR_ALERT and run is not None:
            run.errors.append(f"st.error: {el.alert.body}")
        elif kind == "download_button" and run is not None:
            run.exports_at = now
        inner = getattr(el, kind) if kind else None
        wid = getattr(inner, "id", "") if inner is not None else ""
        if not wid:
            return
        self.elements[wid] = el
        self._seen.add(wid)
        self._take_widget_value(wid, kind, inner)

    def _take_widget_value(self, wid: str, kind: str, w: Any) -> None:
        """The value the page commits for a widget drawn: the element's when sent with ``set_value`` or when the
        widget is new; otherwise the value the page already holds."""
        known = wid in self.states
        set_value = getattr(w, "set_value", False)
        if known and not set_value:
            return
        ws = WidgetState(id=wid)
        if kind == "checkbox":
            ws.bool_value = w.value if set_value else w.default
        elif kind in ("radio", "selectbox"):
            if set_value and w.HasField("raw_value"):
                ws.string_value = w.raw_value
            elif w.HasField("default") and 0 <= w.default < len(w.options):
                ws.string_value = w.options[w.default]
            else:
                return
        elif kind == "multiselect":
            ws.string_array_value.data.extend(w.raw_values if set_value else [w.options[i] for i in w.default])
        else:  # components (no value until they send one), download buttons (ignore_rerun), ...
            return
        self.states[wid] = ws

    def _finish(self, status: int, now: float) -> None:
        run = self.run
        if status in FINISHED_OK:
            # the page forgets widgets it no longer shows, then ages its message cache
            for wid in [w for w in self.states if w not in self._seen]:
                del self.states[wid]
            self._run_count += 1
            for h in [h for h, (_, used) in self._cache.items() if self._run_count - used > self.max_cache_age]:
                del self._cache[h]
        if run is None or status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return
        run.finished_at, run.status = now, status
        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            run.errors.append("script finished with a compile error")
        if self._done is not None and not self._done.done():
            self._done.set_result(run)
