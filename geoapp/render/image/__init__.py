"""The scene as a still image (PNG, SVG, PDF) or an animation's frames, drawn with matplotlib, for print, slides
and video.

It draws what the live map draws (the same features, styles, draw order and moment) on the embedded Natural
Earth basemap in Web Mercator, the live map's projection, and adds what a printed map needs: a title, the moment
in Washington time (zone named) and GMT, the latest event, a legend for the layers shown, a scale bar (true at
the map's centre latitude) and the sources of everything drawn. Text uses DejaVu Sans with IPAexGothic (bundled
by ``matplotlib-fontja``) for Japanese, so no glyph is missing.

The parts: :mod:`.basemap` (land and borders), :mod:`.draw` (styles to matplotlib, per geometry family),
:mod:`.furniture` (title, legend, scale bar, sources); the view itself is :mod:`geoapp.viewport`.

No pyplot: figures are made with ``Figure`` and the Agg canvas, so this is safe inside Streamlit's threads.
The same inputs always give the same bytes (no dates or random ids in the files).
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geoapp.layer import Feature
from geoapp.render.image import draw, furniture
from geoapp.render.image.basemap import draw_basemap, warm
from geoapp.render.image.draw import BOX, SEA
from geoapp.render.image.labels import draw_labels
from geoapp.scene import Scene
from geoapp.viewport import DEFAULT_BBOX, BBox, check_bbox, fit_frame, key_view

matplotlib.rcParams["svg.hashsalt"] = "cmc-atlas"  # stable ids in SVG files
matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: the SVG shows the same without the fonts
matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType in PDF: Japanese text stays text
# text from the data is drawn as written: a "$" in a name or a caption is a dollar sign, never the start of a
# formula (an unbalanced one would stop the drawing); the legend's glyphs ask for mathtext themselves
matplotlib.rcParams["text.parse_math"] = False

__all__ = ["BOX", "SEA", "StaticMap", "metadata", "render_image", "snapshot_view", "warm"]


def metadata(fmt: str, title: str, moment: str, bbox: BBox) -> dict[str, Any]:
    """The file's metadata for ``fmt`` (``png``, ``svg``, ``pdf``): title, moment and maker, and no creation
    date, so the same map always gives the same file. Raises ValueError for other formats."""
    if fmt == "png":
        return {"Title": title, "Software": "cmc-atlas", "Description": moment, "Source": "Natural Earth",
                "View": ",".join(f"{v:.3f}" for v in bbox)}
    if fmt == "svg":
        return {"Date": None, "Title": title, "Description": moment, "Creator": "cmc-atlas"}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Title": title, "Subject": moment, "Creator": "cmc-atlas",
                "Producer": "cmc-atlas"}
    raise ValueError(f"unknown image format {fmt!r}; use png, svg or pdf")


class StaticMap:
    """One image of the map: the basemap is drawn once; each scene's features and texts are added on top.

    ``draw(scene)`` then ``save(fmt)`` for a snapshot; for an animation, ``frame(scene)`` returns the RGB
    pixels and clears the scene's artists, keeping the basemap for the next frame.
    """

    def __init__(self, width: int = 1920, height: int = 1080, dpi: float = 100, bbox: BBox | None = None):
        self.width, self.height, self.dpi = int(width), int(height), float(dpi)
        self.bbox = check_bbox(bbox or DEFAULT_BBOX)
        self.frame_ = fit_frame(self.bbox, self.width, self.height)
        self.pens = draw.Pens(self.width, self.height, self.dpi)
        self.fig = Figure(figsize=(self.width / self.dpi, self.height / self.dpi), dpi=self.dpi, facecolor=SEA)
        self.canvas = FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()  # the figure's own colour is the sea
        ax.set_xlim(self.frame_.x0, self.frame_.x1)
        ax.set_ylim(self.frame_.y0, self.frame_.y1)
        ax.set_aspect("equal", adjustable="box")
        self.ax = ax
        self._dynamic: list[Any] = []  # the scene's artists, removed by clear()
        self.shown: list[Feature] = []  # the features of the scene drawn last that fall inside the image
        draw_basemap(ax, self.pens, self.frame_)
        self.scale_bar = furniture.draw_scale_bar(ax, self.pens, self.frame_)

    def _add(self, *artists: Any) -> None:
        self._dynamic.extend(a for a in artists if a is not None)

    def draw(self, scene: Scene) -> StaticMap:
        """Add a scene: its features in the layers' draw order, then the title, moment, legend, scale label and
        sources (the legend and the sources only for what falls inside the image)."""
        bands = draw.layer_zorders((layer.id, layer.z) for layer in scene.layer_info)
        lowest = draw.zband(draw.FEATURES_Z[0])
        shown: list[Feature] = []
        for f in scene.features:
            artists, seen = draw.feature(self.ax, self.pens, self.frame_, f, bands.get(f.layer, lowest))
            self._add(*artists)
            if seen:
                shown.append(f)
        self.shown = shown
        self._add(*draw_labels(self.ax, self.pens, self.frame_, scene, shown, self.width))
        self._add(*furniture.heading(self.fig, self.pens, scene, self.height))
        self._add(furniture.legend(self.ax, self.pens, scene, shown))
        self._add(furniture.scale_label(self.ax, self.pens, self.frame_, self.scale_bar, scene.lang))
        self._add(furniture.sources(self.fig, self.pens, scene, shown, self.width))
        return self

    def clear(self) -> None:
        """Remove the scene's artists, keeping the basemap and scale bar."""
        for a in self._dynamic:
            a.remove()
        self._dynamic.clear()
        self.shown = []

    def save(self, fmt: str = "png", title: str = "", moment: str = "") -> bytes:
        """The image as bytes (``png``, ``svg`` or ``pdf``), with no creation date so the same map gives the
        same file."""
        meta = metadata(fmt, title, moment, self.bbox)
        buf = io.BytesIO()
        self.fig.savefig(buf, format=fmt, dpi=self.dpi, metadata=meta, facecolor=SEA)
        return buf.getvalue()

    def progress(self, fraction: float) -> None:
        """A thin bar along the top edge: how far through its span an animation is (0 to 1)."""
        self._add(*furniture.progress_bar(self.fig, self.pens, fraction, self.height))

    def frame(self, scene: Scene, fraction: float | None = None) -> np.ndarray:
        """The scene drawn as an RGB array (height × width × 3), with the animation's progress bar when
        ``fraction`` is given; the scene's artists are then cleared."""
        if fraction is not None:
            self.progress(fraction)
        self.draw(scene)
        self.canvas.draw()
        rgb = np.asarray(self.canvas.buffer_rgba())[:, :, :3].copy()
        self.clear()
        return rgb


def snapshot_view(scene: Scene, bbox: BBox | None = None) -> BBox:
    """The view a snapshot of ``scene`` shows: ``bbox`` when asked (the app's view on screen, the CLI's
    ``--bbox``); else, at a key moment (or within ``viewport.KEY_HOLD`` after it), that moment's area; else the
    default view."""
    keys = [(e.time, e.focus.bbox) for e in scene.events if e.key and e.focus is not None]
    return bbox or key_view(keys, scene.t) or DEFAULT_BBOX


def render_image(scene: Scene, fmt: str = "png", width: int = 1920, height: int = 1080, dpi: float = 100,
                 bbox: BBox | None = None) -> bytes:
    """One scene as a PNG, SVG or PDF file's bytes, ``width`` × ``height`` pixels at ``dpi``, over ``bbox``
    (None: :func:`snapshot_view` chooses, a key moment's area or the default view)."""
    m = StaticMap(width, height, dpi, snapshot_view(scene, bbox)).draw(scene)
    return m.save(fmt, title=scene.title, moment=scene.iso_time)
