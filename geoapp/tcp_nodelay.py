"""TCP_NODELAY on every connection Streamlit's server accepts.

Streamlit's Starlette server (1.5x and later) binds its listening socket itself, with ``socket.socket(family)``,
whose protocol number is 0. asyncio turns Nagle's algorithm off only on sockets whose protocol is
``IPPROTO_TCP``, so every connection that server accepts keeps it. An answer is written as its headers, then its
body: on a connection the browser keeps alive, the body then waits until the browser acknowledges the headers,
and a browser delays that acknowledgement (40 ms on Linux). Measured on this machine: 41-43 ms between the
headers and the body of every request after a connection's first, for a 2-byte health check as for a script.
A first visit asks Streamlit for about 70 files over six connections, so this delay alone held the map back by
several tenths of a second, and every message on the page's websocket could wait the same.

An accepted socket takes the listening socket's TCP_NODELAY (Linux, the BSDs and Windows alike), so the option is
set once, on the listening socket, as Streamlit binds it.
"""

from __future__ import annotations

import socket
from typing import Any


def nodelay(sock: socket.socket) -> None:
    """Turn Nagle's algorithm off on a TCP socket (a listening one passes it on to what it accepts); nothing on a
    Unix socket, nor where the system refuses."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass


def install() -> bool:
    """Wrap the function with which Streamlit binds its server's socket so that the socket has TCP_NODELAY, for
    this process, before the server starts; once, however often asked. Returns False where this Streamlit binds
    its socket otherwise (its server then works as before)."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    if getattr(bind, "_cmc_nodelay", False):
        return True

    def bind_without_delay(*args: Any, **kwargs: Any) -> socket.socket:
        sock = bind(*args, **kwargs)
        nodelay(sock)
        return sock

    bind_without_delay._cmc_nodelay = True  # type: ignore[attr-defined]
    starlette_server._bind_socket = bind_without_delay
    return True
