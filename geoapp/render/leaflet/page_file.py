"""The live page as a file the browser fetches, named by its content.

The live map's page (head, body and script: the whole timeline scene, 0.6-1 MB) changes only with its language,
range figure and view. Sent as an argument of the Streamlit component it would travel again with every committed
moment; written once as ``<lang>-<figure>-<view>-<digest>.json`` and fetched by the browser, it travels once per
visitor (compressed, and cached by the browser), and a commit sends only its name. The name changes whenever the
content does, so a browser never keeps a stale page, and replicas on several machines write the same name.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def page_name(parts: dict[str, str], lang: str, figure: str | None, view: str) -> str:
    """The file name of a page: what it is for, then a digest of its content."""
    body = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return f"{lang}-{figure or 'none'}-{view}-{hashlib.sha1(body).hexdigest()[:16]}.json"


def write_page(parts: dict[str, str], folder: Path, name: str) -> Path:
    """Write a page under ``folder`` (whole or not at all: a temporary file renamed), unless it is there already."""
    path = folder / name
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".part", delete=False) as fh:
        try:
            json.dump(parts, fh, ensure_ascii=False, separators=(",", ":"))
        except BaseException:
            fh.close()
            os.unlink(fh.name)
            raise
    os.chmod(fh.name, 0o644)  # read by the server, and by a web server in front of it
    os.replace(fh.name, path)
    # the same page built by older code is never asked for again
    prefix = name.rsplit("-", 1)[0] + "-"
    for old in folder.glob(f"{prefix}*.json"):
        if old.name != name and old.name.rsplit("-", 1)[0] + "-" == prefix:
            old.unlink(missing_ok=True)
    return path
