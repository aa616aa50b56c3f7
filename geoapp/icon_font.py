"""Streamlit's icon font, cut to the icons a page of Streamlit can name.

Streamlit's page loads its icon font, Material Symbols Rounded (366 KB, about 4,300 icons), as soon as it starts,
whatever the page shows: more than a third of a first visit's bytes, for the atlas's handful of icons (the
sidebar's arrows, a menu). An icon is named by a word that the font turns into the icon (a ligature), so the cut
keeps every letter and every icon whose name is a word in quotes in Streamlit's frontend scripts, or that
Streamlit's Python or the atlas's code names as ``:material/<name>:``: some 500 icons, 53 KB.

The cut is made once per font (kept in the disk cache) by the server's warm-up, and :class:`IconFont`, put in
front of Streamlit's server by ``geoapp.serve`` (:func:`geoapp.precompress.install`), sends it in place of the
font; until it is made, the font goes as it is. A name that is
not in the cut would show as its word, so the cut is only made when every name the atlas itself writes is in it.
Material Symbols is under the Apache License 2.0, which allows a cut; the cut keeps the font's names and
copyright, and says in its description (name 10) that it was cut, and by whom.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import logging
import re
import threading
from pathlib import Path
from typing import Any

from geoapp import diskcache, paths
from geoapp.precompress import ASGIApp, Receive, Scope, Send

#: the font's file name in Streamlit's frontend (``static/media/``), its hash part aside
FONT_GLOB = "MaterialSymbols-Rounded.*.woff2"
#: a word that may name an icon: in quotes, or in ``:material/<name>:``
_WORD = re.compile(r"""[`'"]([a-z0-9_]{2,60})[`'"]|:material/([a-z0-9_]+):""")
_MATERIAL = re.compile(r":material/([a-z0-9_]+):")
#: what the cut is made for, in the disk cache's key (a change of the rule makes it again)
VERSION = "3"
#: the cut's description (name 10): what was changed, and by whom
NOTICE = ("Cut from Material Symbols Rounded by the Cuban Missile Crisis Atlas (geoapp/icon_font.py) to the icons "
          "a Streamlit page can name; otherwise unchanged.")

_lock = threading.Lock()
_cut: tuple[str, bytes] | None = None  # the font's URL path and the cut


def streamlit_static() -> Path | None:
    """Streamlit's frontend folder (``streamlit/static``), found without importing Streamlit."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "static"


def font_file(static: Path | None = None) -> Path | None:
    """Streamlit's icon font file, if this Streamlit has one."""
    static = static or streamlit_static()
    found = sorted((static / "static" / "media").glob(FONT_GLOB)) if static else []
    return found[0] if len(found) == 1 else None


def icon_glyphs(font: Any) -> dict[str, str]:
    """Every icon of ``font`` (a fontTools font): its name (the word) -> its glyph."""
    reverse = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    icons: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, ligatures in getattr(table, "ligatures", {}).items():
                for lig in ligatures:
                    letters = [first, *lig.Component]
                    if all(g in reverse for g in letters):
                        icons["".join(reverse[g] for g in letters)] = lig.LigGlyph
    return icons


def words(files: list[Path]) -> set[str]:
    """The words of ``files`` (Streamlit's frontend scripts) that may name an icon."""
    found: set[str] = set()
    for path in files:
        for quoted, material in _WORD.findall(path.read_text(encoding="utf-8", errors="replace")):
            found.add(quoted or material)
    return found


def material_names(files: list[Path]) -> set[str]:
    """The icons ``files`` (Python) name as Streamlit's API does: ``:material/<name>:``."""
    return {m for p in files for m in _MATERIAL.findall(p.read_text(encoding="utf-8", errors="replace"))}


def atlas_names() -> set[str]:
    """The icons the atlas's own code names."""
    return material_names([*paths.ROOT.glob("geoapp/**/*.py"), *paths.ROOT.glob("layers/*.py"),
                           paths.ROOT / "streamlit_app.py"])


def make_cut(font_path: Path, static: Path) -> bytes:
    """The cut of the font at ``font_path``: every letter, and the icons named in Streamlit's code and the atlas's."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path))
    icons = icon_glyphs(font)
    named = (words(list(static.rglob("*.js"))) | material_names(list(static.parent.rglob("*.py"))) | atlas_names())
    named &= set(icons)
    missing = atlas_names() - set(icons)
    if missing:
        raise ValueError(f"the atlas names icons the font does not have: {sorted(missing)}")
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_closure = False  # the letters would otherwise bring every icon back
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    cutter = subset.Subsetter(options)
    cutter.populate(glyphs=[icons[n] for n in sorted(named)], unicodes=sorted({ord(c) for n in icons for c in n}))
    cutter.subset(font)
    # the Apache License asks a changed file to say so
    font["name"].setName(NOTICE, 10, 3, 1, 0x409)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def prepare() -> bool:
    """Make the cut (or read it from the disk cache) for the server's life; whether there is one to send."""
    global _cut
    static = streamlit_static()
    path = font_file(static)
    if static is None or path is None:
        return False
    try:
        body = path.read_bytes()
        key = hashlib.sha256(body + VERSION.encode() + repr(sorted(atlas_names())).encode()).hexdigest()
        cut = diskcache.cached(f"icon-font-{path.stem}", key, lambda: make_cut(path, static))
    except Exception:  # noqa: BLE001 - without the cut the page works as Streamlit made it
        logging.getLogger("cmc_atlas").warning("Streamlit's icon font could not be cut; sent whole", exc_info=True)
        return False
    with _lock:
        _cut = ("/static/media/" + path.name, cut)
    return True


def current() -> tuple[str, bytes] | None:
    """The font's URL path and its cut, once made."""
    with _lock:
        return _cut


class IconFont:
    """ASGI middleware: Streamlit's icon font answered with its cut (:func:`prepare`), once made."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cut = current()
        if (cut is None or scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD")
                or not str(scope.get("path", "")).endswith(cut[0])):
            await self.app(scope, receive, send)
            return
        body = cut[1]
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        headers = [(b"content-type", b"font/woff2"), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", b"public, immutable, max-age=31536000"), (b"etag", etag.encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
