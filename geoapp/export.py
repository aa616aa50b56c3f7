"""The snapshot formats offered to visitors and the command line: sizes, MIME types and file names, in one table.

Nothing here loads matplotlib: the table can be read (menus, ``--size a4``) without the image renderer, which is
imported only when a snapshot is actually made (:func:`snapshot`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from geoapp.scene import Scene
    from geoapp.viewport import BBox


class Preset(NamedTuple):
    """One output choice: the image's size in pixels, its resolution and its file format."""

    width: int
    height: int
    dpi: int
    fmt: str


#: Output choices offered in the app: (width px, height px, dpi, format).
PRESETS: dict[str, Preset] = {
    "png_1080": Preset(1920, 1080, 100, "png"),
    "png_4k": Preset(3840, 2160, 200, "png"),
    "png_a4": Preset(3508, 2480, 300, "png"),
    "svg": Preset(1920, 1080, 100, "svg"),
    "pdf": Preset(3508, 2480, 300, "pdf"),
}
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

#: what a snapshot's file name says about its size
FILE_TAG = {"png_1080": "1920x1080", "png_4k": "3840x2160", "png_a4": "a4-300dpi", "svg": "1920x1080", "pdf": "a4"}


def mime(preset: str) -> str:
    """The MIME type of a preset's file (for a download button)."""
    return MIME[PRESETS[preset].fmt]


def snapshot_file_name(preset: str, stamp: str, lang: str) -> str:
    """The file name a snapshot is saved under, e.g. ``cmc-atlas-1962-10-27T1600Z-en-1920x1080.png``:
    the moment (``stamp``, an ISO time without colons), the language and the size, so files sort and say what
    they hold."""
    return f"cmc-atlas-{stamp}-{lang}-{FILE_TAG[preset]}.{PRESETS[preset].fmt}"


def snapshot(scene: Scene, preset: str, view: BBox | None = None) -> bytes:
    """The image of a scene in one of the presets, over ``view`` (west, south, east, north; when None, the key
    moment's area at a key moment, else the default view: ``render.image.snapshot_view``). This is where
    matplotlib is loaded, on first use."""
    from geoapp.render.image import render_image

    p = PRESETS[preset]
    return render_image(scene, p.fmt, p.width, p.height, p.dpi, view)
