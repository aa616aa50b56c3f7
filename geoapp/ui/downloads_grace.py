"""A file made when a download button is pressed is kept long enough for the browser to fetch it.

Streamlit (1.6x) runs a download button's callable when it is pressed, stores the file under ``/media/`` and sends
the browser its address; the file belongs to no session, so the clean-up at the end of any session's run marks it
and the next one deletes it. With many visitors committing moments, that is tens of milliseconds: the load
benchmark saw 4 downloads in 20 answered 404 before the browser could fetch them. Here such a file is kept for
:data:`GRACE_S` seconds after it is made. It touches two private methods of Streamlit's media file manager; if they
are not there (another version), nothing is changed and a warning says so.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

#: how long a file made on a press is kept whatever the clean-up says (a slow phone fetching a GeoPackage)
GRACE_S = 120.0

_fresh: dict[str, float] = {}
_lock = threading.Lock()


def _file_id(url: str) -> str:
    """The stored file's id in its address, e.g. ``/media/4f1c...e2.csv`` → ``4f1c...e2``."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def install() -> bool:
    """Keep files made on a press for :data:`GRACE_S` seconds (once per process); False when it cannot."""
    from streamlit.runtime import media_file_manager

    cls: Any = media_file_manager.MediaFileManager
    if getattr(cls, "_cmc_grace", False):
        return True
    execute, inactive = getattr(cls, "execute_deferred", None), getattr(cls, "_get_inactive_file_ids", None)
    if execute is None or inactive is None:
        logging.getLogger("cmc_atlas").warning("this Streamlit has no deferred downloads as expected: under load a "
                                               "download may be cleaned away before the browser fetches it")
        return False

    def execute_deferred(self: Any, file_id: str) -> str:
        url: str = execute(self, file_id)
        with _lock:
            now = time.monotonic()
            for old in [k for k, t in _fresh.items() if now - t > GRACE_S]:
                del _fresh[old]
            _fresh[_file_id(url)] = now
        return url

    def get_inactive_file_ids(self: Any) -> set[str]:
        ids: set[str] = inactive(self)
        with _lock:
            now = time.monotonic()
            return {i for i in ids if now - _fresh.get(i, -GRACE_S - 1) > GRACE_S}

    cls.execute_deferred = execute_deferred
    cls._get_inactive_file_ids = get_inactive_file_ids
    cls._cmc_grace = True
    return True
