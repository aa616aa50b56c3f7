"""A file made when a download button is pressed outlives the clean-ups of other visitors' runs."""

from __future__ import annotations

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from geoapp.ui import downloads_grace


def _made_on_a_press(mgr: MediaFileManager) -> str:
    placeholder = mgr.add_deferred(lambda: b"layer,id\nships,kimovsk\n", "text/csv", "coord-1", "moment.csv")
    return downloads_grace._file_id(mgr.execute_deferred(placeholder))


def test_a_pressed_download_survives_the_clean_ups_of_other_runs(monkeypatch):
    assert downloads_grace.install()
    mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
    file_id = _made_on_a_press(mgr)
    for _ in range(5):  # five other visitors' runs end before the browser fetches it
        mgr.remove_orphaned_files()
    assert mgr._storage.get_file(file_id).content.startswith(b"layer,id")
    # once the grace has passed, the clean-up takes it as before (marked, then deleted)
    monkeypatch.setattr(downloads_grace, "GRACE_S", -1.0)
    mgr.remove_orphaned_files()
    mgr.remove_orphaned_files()
    assert mgr.read_file(file_id) is None
