"""The prepared catalog, loaded once per process (tracks computed once; sea routes are slow)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geoapp import diskcache, io
from geoapp.paths import DATA_DIR
from geoapp.situation import Prepared, prepare


@lru_cache(maxsize=4)
def _prepared(path: str) -> Prepared:
    key = diskcache.digest(Path(path), extra=diskcache.code_digest())
    return diskcache.cached("prepared", key, lambda: prepare(io.load_catalog(path)))


def prepared_catalog(data_dir: Path | str = DATA_DIR) -> Prepared:
    """The validated catalog of ``data_dir`` with its tracks; raises io.DataError when invalid."""
    return _prepared(str(Path(data_dir).resolve()))
