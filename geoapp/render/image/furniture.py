"""What a printed map needs around its features: the title, the moment (Washington with its zone, and GMT), the
caption (the latest event), the legend, a scale bar true at the centre latitude, the sources of what is drawn,
and an animation's progress bar. Boxes sit on the figure; the legend and the scale bar on the map's axes."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geoapp import geo, style
from geoapp.i18n import t
from geoapp.layer import Feature, LegendEntry
from geoapp.render.image.draw import BOX, COAST, FONTS, INK, Pens, legend_handle
from geoapp.scene import Scene, SceneLayer, view_legend
from geoapp.style import Style
from geoapp.viewport import Frame, unproject

#: z-orders of the furniture, above every feature (see draw.FEATURES_Z)
Z_SCALE, Z_SCALE_TEXT, Z_BOX, Z_LEGEND, Z_PROGRESS = 20, 21, 30, 40, 50


def bold(lang: str) -> str:
    """Bold where the font has it: the bundled Japanese font (IPAexGothic) has one weight only."""
    return "normal" if lang == "ja" else "bold"


def strong(lang: str, size: float) -> dict[str, Any]:
    """Text properties for emphasis (titles, legend headings) in ``lang`` at ``size`` points: the bold face in
    English; in Japanese, whose font has no bold face, the regular glyphs thickened by an ink stroke of about a
    twelfth of an em's stem (a "fake bold", so that headings stand out in both languages)."""
    if lang != "ja":
        return {"fontweight": "bold"}
    return {"fontweight": "normal",
            "path_effects": [patheffects.withStroke(linewidth=size * 0.055, foreground=INK)]}


def text_box(fig: Figure, pens: Pens, x: float, y: float, text: str, size: float, *, ha: str = "left",
             va: str = "top", emphasis: dict[str, Any] | None = None, style: str = "normal",
             gid: str | None = None) -> Any:
    """A boxed text on the figure at (``x``, ``y``) in figure fractions, in the map's ink on the box colour
    (``emphasis``: the properties from :func:`strong`)."""
    bbox = dict(boxstyle="round,pad=0.4", facecolor=BOX, edgecolor=COAST, linewidth=pens.pt(1))
    return fig.text(x, y, text, ha=ha, va=va, fontsize=size, fontstyle=style, family=FONTS, color=INK, bbox=bbox,
                    zorder=Z_BOX, gid=gid, linespacing=1.35, **(emphasis or {}))


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
    title = text_box(fig, pens, 0.012, 0.978, scene.title, pens.pt(20),
                     emphasis=strong(lang, pens.pt(20)), gid="cmc-title")
    moment = text_box(fig, pens, 0.012, below(fig, pens, title, height),
                      f"{scene.clock.washington.text}\n{scene.clock.gmt.text}", pens.pt(15),
                      emphasis=strong(lang, pens.pt(15)), gid="cmc-moment")
    out = [title, moment]
    if scene.caption:
        out.append(text_box(fig, pens, 0.012, below(fig, pens, moment, height),
                            textwrap.fill(scene.caption, 46 if lang == "en" else 26), pens.pt(13),
                            style="italic" if lang == "en" else "normal", gid="cmc-caption"))
    return out


def _same_look(entry: Style, drawn: Style) -> tuple[int, int] | None:
    """How well a legend sample explains a drawn style: None when it cannot (another shape; another colour,
    unless the sample is neutral grey, which stands for its look in any colour and then must share the dash
    pattern); else (dash pattern the same, glyph the same), to rank the samples that can."""
    if entry.shape != drawn.shape:
        return None
    same_dash = (entry.dash or "") == (drawn.dash or "")
    if entry.color != drawn.color and not (entry.color == style.NEUTRAL and same_dash):
        return None
    return int(same_dash), int(entry.symbol == drawn.symbol)


def drawn_entries(layer: SceneLayer, shown: Iterable[Feature]) -> list[LegendEntry]:
    """The legend entries of ``layer`` that stand for something drawn in the image, in the layer's order.

    Each feature drawn in view claims the one entry of its layer that looks most like it (:func:`_same_look`: the
    same shape and colour, then the same dash pattern, then the same glyph); of entries that tie, the later one,
    since a legend lists particular rows before the row that stands for the rest (an airfield's ✈ ties "missile
    site, operational" ▲ and "SAM, airfield, HQ, port…" ✶, and is the latter). An entry no drawn feature claims
    is left out, so a layer with nothing drawn shows no entries."""
    claimed: set[int] = set()
    for f in shown:
        if f.layer != layer.id:
            continue
        scores = [(sc, i) for i, e in enumerate(layer.legend) if (sc := _same_look(e.style, f.style)) is not None]
        if scores:
            claimed.add(max(scores)[1])
    return [e for i, e in enumerate(layer.legend) if i in claimed]


_BRACKETED = re.compile(r"^(?P<title>.+?)\s*[(（](?P<what>.*[(（].*[)）].*)[)）]$")


def heading_text(text: str, lang: str) -> str:
    """A legend heading as printed: in Japanese, a qualifier in brackets that holds brackets of its own
    ("ミサイル射程圏（ソ連側の数値（既定））") becomes "title：qualifier", so that brackets never nest."""
    m = _BRACKETED.match(text) if lang == "ja" else None
    return f"{m.group('title')}：{m.group('what')}" if m else text


def _flush_left(leg: Any, rows: list[int]) -> None:
    """Move the given rows of a legend to its left edge, over the column its samples take (a heading has no
    sample). Uses the legend's packing boxes; if matplotlib ever packs them differently, the rows stay indented."""
    boxes = getattr(leg, "_legend_handle_box", None)
    packs = [row for column in boxes.get_children() for row in column.get_children()] if boxes else []
    for i in rows:
        if i < len(packs) and len(packs[i].get_children()) == 2:
            packs[i].get_children()[0].width = 0  # the (empty) sample's drawing area
            packs[i].sep = 0


def legend(ax: Axes, pens: Pens, scene: Scene, shown: Iterable[Feature] = ()) -> Any | None:
    """The legend at the lower right: per layer with something drawn, a bold heading flush left (its legend
    title) and the entries that stand for what is drawn (:func:`drawn_entries`)."""
    shown = list(shown)
    leg = _legend(ax, pens, scene, shown, details=True)
    if leg is not None:
        fig = ax.get_figure()
        renderer = fig.canvas.get_renderer()  # type: ignore[union-attr, attr-defined]
        if leg.get_window_extent(renderer).height > 0.86 * ax.get_window_extent(renderer).height:
            leg.remove()  # no room for every kind: the detail rows go, the headings and the looks stay
            leg = _legend(ax, pens, scene, shown, details=False)
    return leg


def _legend(ax: Axes, pens: Pens, scene: Scene, shown: list[Feature], details: bool) -> Any | None:
    lang = scene.lang
    handles: list[Any] = []
    labels: list[str] = []
    heads: list[int] = []
    for layer in scene.layer_info:
        entries = [e for e in drawn_entries(layer, shown) if details or not e.detail]
        if not entries:
            continue
        heads.append(len(labels))
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(heading_text(layer.legend_title, lang))
        for e in entries:
            handles.append(legend_handle(pens, e.style))
            labels.append(e.label.get(lang))
    for title, view_entries in view_legend(scene.view, lang):  # which view the picture shows, and its ring
        if scene.view != "gap" or any(f.style.outline for f in shown):
            heads.append(len(labels))
            handles.append(Line2D([], [], linestyle="none"))
            labels.append(title)
            for e in view_entries:
                handles.append(legend_handle(pens, e.style))
                labels.append(e.label.get(lang))
    if not handles:
        return None
    head_size = pens.pt(12)
    head_font = {"family": FONTS, "weight": bold(lang), "size": head_size}
    leg = ax.legend(handles, labels, loc="lower right", bbox_to_anchor=(0.995, 0.085), fontsize=pens.pt(11),
                    framealpha=0.94, facecolor=BOX[:3], edgecolor=COAST, borderpad=0.6, labelspacing=0.35,
                    handlelength=2.6, title=t("legend", lang), title_fontproperties=head_font,
                    prop={"family": FONTS, "size": pens.pt(11)}, handler_map={tuple: HandlerTuple(ndivide=1)},
                    alignment="left")
    emphasis = strong(lang, pens.pt(11))
    for i in heads:
        leg.get_texts()[i].update(emphasis)
    leg.get_title().update(strong(lang, head_size))
    _flush_left(leg, heads)
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
