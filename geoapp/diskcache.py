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


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s value, read from the disk cache when ``name``/``key`` was stored before."""
    folder = paths.cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError:
        pass  # a read-only disk only costs speed
    return value
