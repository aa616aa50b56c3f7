"""Nagle's algorithm is off on the connections Streamlit's server accepts (geoapp.tcp_nodelay): without it, each
answer after a kept-alive connection's first waited about 40 ms for the browser's delayed acknowledgement."""

from __future__ import annotations

import socket

import pytest

from geoapp import tcp_nodelay

starlette_server = pytest.importorskip("streamlit.web.server.starlette.starlette_server")


def test_a_socket_bound_as_streamlit_binds_it_accepts_connections_without_nagle(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # undone after the test
    assert tcp_nodelay.install()
    assert tcp_nodelay.install()  # once, however often asked
    assert getattr(starlette_server._bind_socket, "_cmc_nodelay", False)
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        client = socket.create_connection(listener.getsockname(), timeout=5)
        listener.setblocking(True)
        accepted, _ = listener.accept()
        with client, accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        listener.close()


def test_without_it_streamlits_socket_keeps_nagle():
    """What the wrapper is for: Streamlit's own bind leaves the option off (protocol 0, which asyncio skips); a
    Streamlit that sets it itself makes the wrapper needless, and this test says so."""
    bind = starlette_server._bind_socket
    if getattr(bind, "_cmc_nodelay", False):
        pytest.skip("wrapped in this process already")
    listener = bind("127.0.0.1", 0, 8)
    try:
        client = socket.create_connection(listener.getsockname(), timeout=5)
        listener.setblocking(True)
        accepted, _ = listener.accept()
        with client, accepted:
            if accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
                pytest.skip("this Streamlit turns Nagle's algorithm off itself: geoapp.tcp_nodelay is needless")
    finally:
        listener.close()


def test_a_unix_socket_is_left_alone(tmp_path):
    with socket.socket(socket.AF_UNIX) as s:
        tcp_nodelay.nodelay(s)  # no error: the option is TCP's
