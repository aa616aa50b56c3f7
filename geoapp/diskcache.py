"""A small on-disk cache for slow, deterministic builds (the prepared catalog, the live pages).

Entries are keyed by a digest of the data files and of the code that builds them, so a change to
either rebuilds. The cache lives in ``.cache/atlas`` (``CMC_ATLAS_CACHE`` moves it; ``0`` turns it
off) and only speeds up the first page after a server restart; nothing depends on it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from geoapp import paths

T = TypeVar("T")
#: each entry begins with the SHA-256 of the rest: a damaged entry is never read back as a value
_SUM = 32


def digest(*folders: Path, extra: str = "") -> str:
    """A digest of every file under ``folders`` (names and contents) and ``extra``."""
    h = hashlib.sha1(extra.encode())
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(folder)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def code_digest() -> str:
    """A digest of the code that builds cached values (geoapp and layers)."""
    return digest(*paths.CODE_DIRS)


def load(name: str, key: str) -> object | None:
    """The value stored as ``name``/``key``, or None when there is none (or it is damaged, or the cache is off)."""
    folder = paths.cache_dir()
    if folder is None:
        return None
    try:
        raw = (folder / f"{name}-{key}.pickle").read_bytes()
        body = raw[_SUM:]
        if raw[:_SUM] == hashlib.sha256(body).digest():  # a damaged entry, whatever byte, is built again
            return pickle.loads(body)  # noqa: S301 - our own file, checked against its digest
    except Exception:  # noqa: BLE001 - missing, or an entry that cannot be read back: built again, written over
        pass
    return None


def store(name: str, key: str, value: object) -> None:
    """Store ``value`` as ``name``/``key`` (whole or not at all); a read-only disk only costs speed."""
    folder = paths.cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as fh:
            fh.write(hashlib.sha256(body).digest() + body)
        os.replace(fh.name, folder / f"{name}-{key}.pickle")
    except OSError:
        pass


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s value, read from the disk cache when ``name``/``key`` was stored before."""
    value = load(name, key)
    if value is not None:
        return value  # type: ignore[return-value]
    value = build()
    store(name, key, value)
    return value
