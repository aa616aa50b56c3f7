"""The map component's files as the browser gets them: each document with its own scripts and style sheets inside.

The component's documents (``geoapp/component``: ``index.html`` and the sandboxed map frame ``map.html``) name
their scripts and style sheets one by one, as written. Asked for one by one of Streamlit's Python server, the map
frame's seventeen files took about 0.3 s of a first visit before the map could be built, and the frame's bridge
one more round trip. So the component is served from a copy in which each document carries them inline: one
answer per document. The copy is written once per content, in a folder named by a digest of it
(:data:`geoapp.paths.COMPONENT_BUILD`), whole or not at all, and every other file of the component is copied
beside the documents unchanged (a document whose file could not be inlined still finds it).

Only local files are taken in: ``/app/static/...`` (the app's static folder) and names relative to the component's
own folder. A script that holds ``</script``, ``<script`` or ``<!--``, or a style sheet that holds ``</style``,
stays a separate file: inline, it could end its element early. Where no copy can be written (a read-only install
without a writable temporary folder), the component is served from its own folder as written.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from geoapp import paths

#: a local script or style sheet element, as the component's documents write them
_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
#: what an inlined script or style sheet must not hold: it would end (or escape) its element
_UNSAFE_SCRIPT = re.compile(r"</script|<script|<!--", re.IGNORECASE)
_UNSAFE_STYLE = re.compile(r"</style", re.IGNORECASE)
#: a relative ``url(...)`` in a style sheet (not ``data:``, a fragment, an absolute path or another scheme)
_CSS_URL = re.compile(r"""url\((['"]?)(?![a-z][a-z0-9+.-]*:|/|#)([^'")]+)\1\)""", re.IGNORECASE)
#: folders of older copies are removed once they are this old (a replica still running older code keeps its own)
KEEP_OLD_SECONDS = 24 * 3600

_lock = threading.Lock()
_served: Path | None = None


def _local(ref: str, source: Path) -> tuple[Path, str] | None:
    """The file a document's ``src``/``href`` names, and its URL's folder; None when it is not a local file."""
    if ref.startswith(paths.STATIC_URL):
        root, rel, base = paths.STATIC, ref[len(paths.STATIC_URL):], paths.STATIC_URL
    elif re.match(r"^[A-Za-z0-9_.-]+$", ref) and not ref.startswith("."):
        root, rel, base = source, ref, ""
    else:
        return None
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    return path, base + folder


def inline_document(document: str, source: Path) -> str:
    """``document`` with each local script and style sheet it names put inside it (see the module's notes).

    A style sheet's relative ``url(...)`` is made absolute from where the sheet lives, so that its images are
    still found from the document."""

    def script(m: re.Match[str]) -> str:
        found = _local(m.group(1), source)
        if found is None:
            return m.group(0)
        text = found[0].read_text(encoding="utf-8")
        return m.group(0) if _UNSAFE_SCRIPT.search(text) else f"<script>{text}</script>"

    def stylesheet(m: re.Match[str]) -> str:
        found = _local(m.group(1), source)
        if found is None:
            return m.group(0)
        path, folder = found
        text = path.read_text(encoding="utf-8")
        if _UNSAFE_STYLE.search(text):
            return m.group(0)
        if folder.startswith("/"):  # images beside a sheet in the static folder; the component's own stay relative
            text = _CSS_URL.sub(lambda u: f"url({u.group(1)}{folder}{u.group(2)}{u.group(1)})", text)
        return f"<style>{text}</style>"

    return _STYLESHEET.sub(stylesheet, _SCRIPT.sub(script, document))


def bundle(source: Path = paths.COMPONENT) -> dict[str, bytes]:
    """The component's files as served: its HTML documents inlined (:func:`inline_document`), the rest as is."""
    files: dict[str, bytes] = {}
    for path in sorted(p for p in source.iterdir() if p.is_file()):
        if path.suffix == ".html":
            files[path.name] = inline_document(path.read_text(encoding="utf-8"), source).encode("utf-8")
        else:
            files[path.name] = path.read_bytes()
    return files


def digest(files: dict[str, bytes]) -> str:
    """A name for a copy: the digest of its files' names and contents."""
    h = hashlib.sha1()
    for name in sorted(files):
        h.update(name.encode("utf-8") + b"\0" + files[name] + b"\0")
    return h.hexdigest()[:16]


def write(files: dict[str, bytes], out: Path) -> Path:
    """Write a copy under ``out``, in a folder named by its digest, unless it is there already; returns the folder.

    The files are written in a temporary folder that is then renamed, so a server never serves half a copy, and
    servers that start together write it once. Older copies more than :data:`KEEP_OLD_SECONDS` old are removed."""
    folder = out / digest(files)
    if folder.is_dir():
        return folder
    out.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(prefix=".part-", dir=out))
    try:
        for name, body in files.items():
            (part / name).write_bytes(body)
            os.chmod(part / name, 0o644)
        os.chmod(part, 0o755)
        try:
            os.rename(part, folder)
        except OSError:
            if not folder.is_dir():  # not another server's copy that came first
                raise
    finally:
        shutil.rmtree(part, ignore_errors=True)
    now = time.time()
    for old in out.iterdir():
        try:
            if old != folder and old.is_dir() and now - old.stat().st_mtime > KEEP_OLD_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return folder


def served_folder() -> Path:
    """The folder Streamlit serves the component from, prepared once per process: the inlined copy under
    :data:`geoapp.paths.COMPONENT_BUILD`, else in a new temporary folder, else the component's own folder."""
    global _served
    with _lock:
        if _served is None:
            _served = _prepare()
        return _served


def _prepare() -> Path:
    log = logging.getLogger("cmc_atlas")
    try:
        files = bundle()
    except (OSError, UnicodeDecodeError):
        log.warning("the map component's files could not be read for inlining; served as written", exc_info=True)
        return paths.COMPONENT
    try:
        return write(files, paths.COMPONENT_BUILD)
    except OSError:
        pass
    try:
        return write(files, Path(tempfile.mkdtemp(prefix="cmc-atlas-component-")))
    except OSError:
        log.warning("no folder to write the map component's inlined files in; served as written", exc_info=True)
        return paths.COMPONENT
