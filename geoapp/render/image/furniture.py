"""What a printed map needs around its features: the title, the moment (Washington with its zone, and GMT), the
caption (the latest event), the legend, a scale bar true at the centre latitude, the sources of what is drawn,
and an animation's progress bar. Boxes sit on the figure; the legend and the scale bar on the map's axes."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geoapp import geo
from geoapp.i18n import t
from geoapp.layer import Feature
from geoapp.render.image.draw import BOX, COAST, FONTS, INK, Pens, legend_handle
from geoapp.scene import Scene
from geoapp.viewport import Frame, unproject

#: z-orders of the furniture, above every feature (see draw.FEATURES_Z)
Z_SCALE, Z_SCALE_TEXT, Z_BOX, Z_LEGEND, Z_PROGRESS = 20, 21, 30, 40, 50


def bold(lang: str) -> str:
    """Bold where the font has it: the bundled Japanese font (IPAexGothic) has one weight only."""
    return "normal" if lang == "ja" else "bold"


def text_box(fig: Figure, pens: Pens, x: float, y: float, text: str, size: float, *, ha: str = "left",
             va: str = "top", weight: str = "normal", style: str = "normal", gid: str | None = None) -> Any:
    """A boxed text on the figure at (``x``, ``y``) in figure fractions, in the map's ink on the box colour."""
    bbox = dict(boxstyle="round,pad=0.4", facecolor=BOX, edgecolor=COAST, linewidth=pens.pt(1))
    return fig.text(x, y, text, ha=ha, va=va, fontsize=size, fontweight=weight, fontstyle=style, family=FONTS,
                    color=INK, bbox=bbox, zorder=Z_BOX, gid=gid, linespacing=1.35)


def below(fig: Figure, pens: Pens, text: Any, height: int) -> float:
    """The figure fraction just below a boxed text, with a small gap: the next box starts there."""
    ext = text.get_window_extent(fig.canvas.get_renderer())
    pad = 0.4 * text.get_fontsize() * pens.dpi / 72  # the box's padding (boxstyle pad=0.4)
    gap = pens.pt(10) * pens.dpi / 72
    return (ext.y0 - pad - gap) / height


def heading(fig: Figure, pens: Pens, scene: Scene, height: int) -> list[Any]:
    """The title, the moment in Washington and GMT, and the caption, boxed one under another at the top left
    (below an animation's progress bar)."""
    lang = scene.lang
    title = text_box(fig, pens, 0.012, 0.978, t("app_title", lang), pens.pt(20), weight=bold(lang), gid="cmc-title")
    moment = text_box(fig, pens, 0.012, below(fig, pens, title, height),
                      f"{scene.clock.washington.text}\n{scene.clock.gmt.text}", pens.pt(15), weight=bold(lang),
                      gid="cmc-moment")
    out = [title, moment]
    if scene.caption:
        out.append(text_box(fig, pens, 0.012, below(fig, pens, moment, height),
                            textwrap.fill(scene.caption, 46 if lang == "en" else 26), pens.pt(13),
                            style="italic" if lang == "en" else "normal", gid="cmc-caption"))
    return out


def legend(ax: Axes, pens: Pens, scene: Scene) -> Any | None:
    """The legend at the lower right: a bold heading per shown layer (its legend title) and its entries."""
    handles: list[Any] = []
    labels: list[str] = []
    heads: list[int] = []
    for layer in scene.layer_info:
        if not layer.legend:
            continue
        heads.append(len(labels))
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(layer.legend_title)
        for e in layer.legend:
            handles.append(legend_handle(pens, e.style))
            labels.append(e.label.get(scene.lang))
    if not handles:
        return None
    head_font = {"family": FONTS, "weight": bold(scene.lang), "size": pens.pt(12)}
    leg = ax.legend(handles, labels, loc="lower right", bbox_to_anchor=(0.995, 0.085), fontsize=pens.pt(11),
                    framealpha=0.94, facecolor=BOX[:3], edgecolor=COAST, borderpad=0.6, labelspacing=0.35,
                    handlelength=2.6, title=t("legend", scene.lang), title_fontproperties=head_font,
                    prop={"family": FONTS, "size": pens.pt(11)}, handler_map={tuple: HandlerTuple(ndivide=1)},
                    alignment="left")
    for i in heads:
        leg.get_texts()[i].set_fontweight(bold(scene.lang))
    leg.set_zorder(Z_LEGEND)
    leg.set_gid("cmc-legend")
    return leg


@dataclass(frozen=True)
class ScaleBar:
    """A drawn scale bar: its round distance, the latitude where it is true, and where it lies (map metres)."""

    km: int
    lat: float
    hemi: str
    x0: float
    y0: float
    length: float  # in map metres

    def label(self, lang: str) -> str:
        """The bar's distance in km and nautical miles, and the latitude where it is true."""
        nmi = self.km / geo.NMI_KM
        if lang == "ja":
            return f"{self.km:,} km（{nmi:,.0f} 海里）・{'北緯' if self.hemi == 'N' else '南緯'}{self.lat:.0f}度で正確"
        return f"{self.km:,} km ({nmi:,.0f} nmi), true at {self.lat:.0f}° {self.hemi}"


def draw_scale_bar(ax: Axes, pens: Pens, frame: Frame) -> ScaleBar:
    """A bar of a round distance, true at the centre latitude (Mercator's scale changes with latitude), drawn
    half ink, half white at the lower left."""
    f = frame
    cy = (f.y0 + f.y1) / 2
    (lon_a, lon_b), (lat_c, _) = unproject([f.x0, f.x0 + 100_000.0], [cy, cy])
    km_per_unit = geo.distance_km(lon_a, lat_c, lon_b, lat_c) / 100_000.0
    want_km = (f.x1 - f.x0) * km_per_unit / 6
    nice = max(v for v in (10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000) if v <= max(want_km, 10))
    length = nice / km_per_unit
    x0 = f.x0 + (f.x1 - f.x0) * 0.02
    y0 = f.y0 + (f.y1 - f.y0) * 0.1
    lw = pens.pt(4)
    ax.plot([x0, x0 + length / 2], [y0, y0], color=INK, linewidth=lw, solid_capstyle="butt", zorder=Z_SCALE,
            gid="cmc-scalebar")
    ax.plot([x0 + length / 2, x0 + length], [y0, y0], color="white", linewidth=lw, solid_capstyle="butt",
            zorder=Z_SCALE, path_effects=[patheffects.withStroke(linewidth=lw + pens.pt(1.5), foreground=INK)])
    return ScaleBar(km=nice, lat=abs(float(lat_c)), hemi="N" if lat_c >= 0 else "S", x0=x0, y0=y0, length=length)


def scale_label(ax: Axes, pens: Pens, frame: Frame, bar: ScaleBar, lang: str) -> Any:
    """The scale bar's label, just above the bar, in the scene's language."""
    return ax.text(bar.x0, bar.y0 + (frame.y1 - frame.y0) * 0.012, bar.label(lang), fontsize=pens.pt(11),
                   family=FONTS, color=INK, va="bottom", ha="left", zorder=Z_SCALE_TEXT,
                   path_effects=[patheffects.withStroke(linewidth=pens.pt(3), foreground="white")])


def sources(fig: Figure, pens: Pens, scene: Scene, shown: list[Feature], width: int) -> Any:
    """The works cited by what is drawn inside the image, then the basemap's credit, along the bottom edge
    (at most three lines of citations; the CSV export has them all)."""
    lang = scene.lang
    cited: dict[str, None] = {}
    for f in shown:
        for ref in f.props.get("sources", []):
            cited[ref.split("#")[0]] = None
    short = list(dict.fromkeys(scene.source_short.get(s, s) for s in cited))
    head = t("sources", lang) + (": " if lang == "en" else "：")
    tail = t("snapshot_credit", lang)
    chars = int(width / (pens.pt(9.5) * pens.dpi / 72) * (1.6 if lang == "en" else 0.95))
    body = ("; " if lang == "en" else "、").join(short)
    lines = textwrap.wrap(head + body, max(40, chars))
    if len(lines) > 3:
        lines = lines[:3]
        more = " … (see CSV)" if lang == "en" else "…（CSVを参照）"
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 12)] + more
    lines.append(tail)
    return fig.text(0.5, 0.006, "\n".join(lines), ha="center", va="bottom", fontsize=pens.pt(9.5), family=FONTS,
                    color=INK, zorder=Z_BOX, gid="cmc-sources", linespacing=1.3,
                    bbox=dict(boxstyle="square,pad=0.35", facecolor=(1, 1, 1, 0.78), edgecolor="none"))


def progress_bar(fig: Figure, pens: Pens, fraction: float, height: int) -> list[Any]:
    """A thin bar along the top edge: how far through its span an animation is (0 to 1)."""
    h = pens.pt(6) * pens.dpi / 72 / height
    return [fig.add_artist(Rectangle((0, 1 - h), 1, h, transform=fig.transFigure, facecolor=(1, 1, 1, 0.6),
                                     edgecolor="none", zorder=Z_PROGRESS)),
            fig.add_artist(Rectangle((0, 1 - h), max(0.0, min(1.0, fraction)), h, transform=fig.transFigure,
                                     facecolor=INK, edgecolor="none", zorder=Z_PROGRESS + 1, gid="cmc-progress"))]
