"""The atlas as a static site: ``python -m geoapp publish --out DIR``.

DIR holds plain files that any web server or CDN serves, with no Python at run time:

- ``index.html``: a small header (title, language, period, layers, range figures, downloads) over the live map,
  every text written here with :func:`html.escape`, and the manifest inline;
- ``site.json``: the manifest. Python decides what is valid (languages, views, range figures, layers, periods,
  the timeline's bounds, the default moment, the page file of each language, figure and view, the texts of
  each language); the browser code (``geoapp/site/*.js``) only looks values up in it;
- ``pages/``: the live map's pages (:mod:`geoapp.live_pages`), one per language, range figure and view, each
  named by its content (:mod:`geoapp.render.leaflet.page_file`), the same pages the Streamlit app serves;
- ``atlas/``, ``site/``, ``vendor/``: the atlas's browser modules, the site's own, and the vendored libraries
  and basemap with their licences (only what the map loads);
- ``downloads/``: what a visitor can take away (:func:`prebuilt_downloads`).

The address's fragment carries the app's own URL keys (``#t=1962-10-27T18:00Z&lang=ja&layers=ships,flights``,
``fig=``, ``view=``): a permalink, written as the visitor moves, read when one is pasted.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from geoapp import clock, knowledge, live_pages, paths, vocab
from geoapp.i18n import t, term
from geoapp.render.leaflet.page import ATLAS_SCRIPTS, ATLAS_STYLES, HOST_SCRIPTS, VENDOR_SCRIPTS, css_variables
from geoapp.render.leaflet.page_file import page_name, write_page
from geoapp.situation import Prepared
from layers import LAYER_IDS, REGISTRY

#: The manifest's name: a folder holding it is a site this command wrote (and may write again).
MANIFEST = "site.json"
#: The manifest's format, raised when site.js must read it differently.
FORMAT = 1
#: The site's own browser code and styles, copied to ``site/`` (in load order).
SITE_SOURCE = Path(__file__).parent / "site"
SITE_SCRIPTS = ("fragment.js", "site.js")
SITE_STYLES = ("site.css",)
#: What is copied of ``static/vendor``: each library's folder whole, the basemap's files the map loads (not the
#: land mask that only Python reads), with their licences.
VENDOR_FILES: dict[str, tuple[str, ...] | None] = {
    "leaflet": None,
    "topojson-client": None,
    "overlapping-marker-spiderfier-leaflet": None,
    "world-atlas": ("LICENSE", "README.md", "VERSION", paths.WORLD_BASEMAP, "caribbean-10m.json"),
}
#: The basemap files the site's map fetches from its own ``vendor/`` (``window.CMC_ASSET_BASE``, set by site.js).
BASEMAP_FILES = (paths.WORLD_BASEMAP, "caribbean-10m.json")
#: The period of the one-file maps offered as downloads.
DOWNLOAD_PERIOD = "crisis"
#: the formats of the timeline the site offers (a KML is the KMZ unzipped: one of them is enough)
GIS_DOWNLOADS = ("gpkg", "kmz", "geojson", "csv")


@dataclass(frozen=True)
class Download:
    """A prebuilt file the site offers: where it is under the site, its label in each language, the language
    of its content (None: any) and its size."""

    href: str
    label: dict[str, str]
    lang: str | None = None
    size: int = 0


@dataclass
class Built:
    """What a publish wrote: the manifest and the number and size of its files."""

    manifest: dict = field(default_factory=dict)
    files: int = 0
    size: int = 0


def page_keys(langs: tuple[str, ...]) -> list[tuple[str, str | None, str]]:
    """Every distinct live page: (language, range figure, view). The known view draws Washington's own figures
    whatever is chosen (``knowledge.figure_for``), so it has one page per language."""
    keys: list[tuple[str, str | None, str]] = []
    for lang in langs:
        for view in vocab.VIEWS:
            for figure in vocab.RANGE_FIGURES:
                key = (lang, _figure_arg(knowledge.figure_for(view, figure)), view)
                if key not in keys:
                    keys.append(key)
    return keys


def _figure_arg(figure: str | None) -> str | None:
    """The figure as the page builders take it: None for the default (the app's pages are keyed so)."""
    return None if figure in (None, vocab.DEFAULT_RANGE_FIGURE) else figure


def write_pages(prepared: Prepared, data_dir: Path, langs: tuple[str, ...], folder: Path,
                say: Callable[[str], None]) -> dict[str, dict[str, dict[str, str]]]:
    """Write every live page under ``folder``; return the file of each language, view and range figure
    (relative to the site: ``pages/<name>``)."""
    files: dict[tuple[str, str | None, str], str] = {}
    for lang, figure, view in page_keys(langs):
        say(f"building the {lang} page of the view '{view}'" + (f" with the {figure} figures" if figure else ""))
        parts = live_pages.live_parts_for(prepared, lang, figure, view, data_dir)
        name = page_name(parts, lang, figure, view)
        write_page(parts, folder, name)
        files[(lang, figure, view)] = f"{folder.name}/{name}"
    return {lang: {view: {fig: files[(lang, _figure_arg(knowledge.figure_for(view, fig)), view)]
                          for fig in vocab.RANGE_FIGURES}
                   for view in vocab.VIEWS}
            for lang in langs}


def _gis_label(fmt: str, lang: str) -> str:
    """A GIS format's name in ``lang``, e.g. "GeoPackage (QGIS)"."""
    return t(f"gis_{fmt}", lang)


def prebuilt_downloads(prepared: Prepared, langs: tuple[str, ...], folder: Path,
                       say: Callable[[str], None]) -> list[Download]:
    """Write the files the site offers for download under ``folder`` and describe them.

    A static site cannot make an export when asked, so each is built here: the one-file interactive map of the
    crisis in each language (what ``export-html`` writes), and the crisis's timeline for GIS tools in each
    language and format (what ``export`` writes: GeoPackage, KMZ, GeoJSON, CSV). A new export is added here:
    write the file under ``folder``, append a :class:`Download`, and the header's downloads menu lists it."""
    from geoapp import gis

    folder.mkdir(parents=True, exist_ok=True)
    out: list[Download] = []

    def offer(path: Path, lang: str, what: Callable[[str], str]) -> None:
        size = path.stat().st_size
        out.append(Download(href=f"{folder.name}/{path.name}", lang=lang, size=size,
                            label={x: f"{what(x)} · {vocab.LANG_NAMES[lang]} · {size / 1e6:.1f} MB" for x in langs}))

    start, end = clock.PERIODS[DOWNLOAD_PERIOD]
    for lang in langs:
        say(f"building the one-file {lang} map")
        doc = live_pages.standalone_for(prepared, lang, None, DOWNLOAD_PERIOD).encode("utf-8")
        path = folder / f"cuban-missile-crisis-atlas-{lang}.html"
        path.write_bytes(doc)
        offer(path, lang, lambda x: t("download_html", x))
        say(f"building the {lang} timeline for GIS tools")
        timeline = gis.timeline(prepared, lang=lang, start=start, end=end)
        for fmt in GIS_DOWNLOADS:
            path = folder / gis.file_name(fmt, lang, vocab.DEFAULT_VIEW, start, end)
            gis.write(timeline, fmt, path)
            offer(path, lang, functools.partial(_gis_label, fmt))
    return out


def _texts(lang: str) -> dict[str, str]:
    """What the site's header and notes say in ``lang``; ``{value}``, ``{why}`` and ``{key}`` are filled in the
    browser with what the address held."""
    start, end = clock.iso(clock.TIMELINE_START), clock.iso(clock.TIMELINE_END)
    texts = {
        "title": t("app_title", lang), "subtitle": t("app_subtitle", lang), "language": t("language", lang),
        "menu": t("site_menu", lang), "close": t("close", lang), "period": t("period", lang),
        "layers": t("layers", lang), "range_figure": t("range_figure", lang),
        "figure_in_known": t("figure_in_known", lang), "downloads": t("site_downloads", lang),
        "downloads_note": t("site_downloads_note", lang), "copy_link": t("site_copy_link", lang),
        "link_copied": t("site_link_copied", lang), "link_not_copied": t("site_link_not_copied", lang),
        "skip": t("skip_to_content", lang), "load_failed": t("map_load_failed", lang),
        "bad_value": t("site_bad_value", lang, name="{name}", value="{value}"),
        "bad_time": t("error_url_time", lang, value="{value}", why="{why}"),
        "time_unreadable": t("site_time_unreadable", lang),
        "time_outside": t("site_time_outside", lang, start=start, end=end),
        "time_too_long": t("error_url_too_long", lang),
        "bad_layers": t("error_url_layers", lang, value="{value}"),
        "bad_view": t("error_url_view", lang, value="{value}", choices=", ".join(vocab.VIEWS)),
    }
    texts |= {f"layer_{lid}": REGISTRY[lid].title.get(lang) for lid in LAYER_IDS}
    texts |= {f"figure_{f}": term("figure", f, lang) for f in vocab.RANGE_FIGURES}
    texts |= {f"period_{p}": term("period", p, lang) for p in vocab.PERIODS}
    return texts


def manifest(langs: tuple[str, ...], pages: dict, downloads: list[Download]) -> dict:
    """Everything the site's browser code needs to know, decided here: it looks values up, never re-derives."""
    def span(name: str) -> dict[str, list[int]]:
        start, end = clock.PERIODS[name]
        bounds = clock.story_bounds(start, end)
        return {"range": [int(start.timestamp()), int(end.timestamp())],
                "story_bounds": [int(b.timestamp()) for b in bounds]}

    return {
        "format": FORMAT,
        "generator": "Cuban Missile Crisis Atlas: python -m geoapp publish",
        "langs": list(langs), "default_lang": langs[0], "lang_names": {x: vocab.LANG_NAMES[x] for x in langs},
        "views": list(vocab.VIEWS), "default_view": vocab.DEFAULT_VIEW,
        "figures": list(vocab.RANGE_FIGURES), "default_figure": vocab.DEFAULT_RANGE_FIGURE,
        # a view that draws its own figures whatever is chosen (the known view: Washington's)
        "view_figure": {v: knowledge.figure_for(v, None) for v in vocab.VIEWS if knowledge.figure_for(v, None)},
        "layers": list(LAYER_IDS),
        "pages": pages,
        "periods": {p: span(p) for p in vocab.PERIODS},
        "period_menu": list(vocab.PERIODS),
        "follow": list(clock.FOLLOWED_PERIODS), "fallback_period": clock.FALLBACK_PERIOD,
        "timeline": [int(clock.TIMELINE_START.timestamp()), int(clock.TIMELINE_END.timestamp())],
        "default_t": clock.iso(clock.DEFAULT_MOMENT),
        "time_max": TIME_MAX, "quote_max": QUOTE_MAX,
        "basemap": {name: f"vendor/world-atlas/{name}" for name in BASEMAP_FILES},
        "asset_base": "vendor",  # the page's basemap script fetches <asset_base>/world-atlas/<file>
        "downloads": [{"href": d.href, "label": d.label, "lang": d.lang, "size": d.size} for d in downloads],
        "texts": {x: _texts(x) for x in langs},
    }


#: The longest time an address may carry, and the longest value quoted back in a note (as the app's
#: ``geoapp.ui.state``, which this module may not import: the UI layer is Streamlit's).
TIME_MAX = 64
QUOTE_MAX = 60


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _versioned(folder: Path, name: str, href: str) -> str:
    """``href`` with a digest of the file's content, so that a cache in front of the site never serves an old
    script with a new page."""
    digest = hashlib.sha1((folder / name).read_bytes()).hexdigest()[:10]
    return f"{href}?v={digest}"


def _json_in_html(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _download_item(index: int, d: dict, lang: str) -> str:
    """One entry of the downloads menu (``data-label``: its index in the manifest, for the other language)."""
    hreflang = f' hreflang="{_e(d["lang"])}"' if d["lang"] else ""
    return (f'<li><a class="site-download" href="{_e(d["href"])}" download{hreflang} data-label="{index}">'
            f'{_e(d["label"][lang])}</a></li>')


def index_html(site: Path, man: dict) -> str:
    """The site's one HTML page, in the default language (site.js relabels it from the manifest's texts)."""
    lang = man["default_lang"]
    tx = man["texts"][lang]

    def text(key: str, tag: str = "span", attrs: str = "") -> str:
        return f'<{tag}{attrs} data-text="{_e(key)}">{_e(tx[key])}</{tag}>'

    langs = "".join(f'<button type="button" class="site-btn" data-lang="{_e(x)}" lang="{_e(x)}" '
                    f'aria-pressed="{str(x == lang).lower()}">{_e(man["lang_names"][x])}</button>'
                    for x in man["langs"])
    periods = "".join(f'<option value="{_e(p)}" data-text="period_{_e(p)}">{_e(tx["period_" + p])}</option>'
                      for p in man["period_menu"])
    layer_boxes = "".join(f'<label class="site-check"><input type="checkbox" name="layer" value="{_e(lid)}" checked> '
                          f'{text("layer_" + lid)}</label>' for lid in man["layers"])
    figures = "".join(f'<label class="site-check"><input type="radio" name="fig" value="{_e(f)}"'
                      f'{" checked" if f == man["default_figure"] else ""}> {text("figure_" + f)}</label>'
                      for f in man["figures"])
    downloads = "".join(_download_item(i, d, lang) for i, d in enumerate(man["downloads"]))
    styles = [("vendor/leaflet", "leaflet.css")] + [("atlas", s) for s in ATLAS_STYLES] + \
             [("site", s) for s in SITE_STYLES]
    scripts = [("vendor", s) for s in VENDOR_SCRIPTS] + [("atlas", s) for s in ATLAS_SCRIPTS + HOST_SCRIPTS] + \
              [("site", s) for s in SITE_SCRIPTS]
    links = "\n".join(f'<link rel="stylesheet" href="{_e(_versioned(site / d, s, f"{d}/{s}"))}">' for d, s in styles)
    tags = "\n".join(f'<script src="{_e(_versioned(site / d, s, f"{d}/{s}"))}"></script>' for d, s in scripts)
    noscript = "".join(f'<p lang="{_e(x)}">{_e(t("site_noscript", x))}</p>' for x in man["langs"])
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(tx["title"])}</title>
<meta name="description" content="{_e(tx["subtitle"])}">
<meta name="generator" content="{_e(man["generator"])}">
<link rel="preload" href="{_e(man["basemap"][paths.WORLD_BASEMAP])}" as="fetch" crossorigin="anonymous">
{css_variables()}
{links}
</head>
<body class="site">
<header class="site-header" id="site-header">
<button type="button" class="site-skip" id="site-skip" data-text="skip">{_e(tx["skip"])}</button>
{text("title", "h1", ' class="site-title"')}
<button type="button" class="site-btn site-toggle" id="site-toggle" aria-expanded="false" aria-controls="site-controls"
 data-text="menu">{_e(tx["menu"])}</button>
<div class="site-controls" id="site-controls">
<div class="site-langs" role="group" aria-label="{_e(tx["language"])}" data-aria="language">{langs}</div>
<label class="site-period">{text("period")} <select id="site-period">{periods}</select></label>
<details class="site-menu" id="site-layers"><summary class="site-btn">{text("layers")}</summary>
<div class="site-panel">{layer_boxes}</div></details>
<details class="site-menu" id="site-figures"><summary class="site-btn">{text("range_figure")}</summary>
<div class="site-panel" role="radiogroup">{figures}{text("figure_in_known", "p", ' class="site-hint" hidden')}</div>
</details>
<details class="site-menu site-menu-end" id="site-downloads"><summary class="site-btn">{text("downloads")}</summary>
<div class="site-panel"><button type="button" class="site-btn" id="site-copy">{_e(tx["copy_link"])}</button>
<p class="site-hint" id="site-copied" role="status"></p>
<ul class="site-files">{downloads}</ul>{text("downloads_note", "p", ' class="site-hint"')}</div></details>
</div>
</header>
<div class="site-note" id="site-note" role="alert" hidden><p id="site-note-text"></p>
<button type="button" class="site-btn" id="site-note-close" data-text="close">{_e(tx["close"])}</button></div>
<noscript>{noscript}</noscript>
<main id="site-main">
<div id="atlas-style"></div>
<div id="atlas-host"></div>
</main>
<script type="application/json" id="site-manifest">{_json_in_html(man)}</script>
{tags}
</body>
</html>
"""


def _copy_assets(site: Path) -> None:
    """The browser files: the atlas's modules and styles, the site's own, the vendored libraries and basemap."""
    atlas = site / "atlas"
    atlas.mkdir()
    for name in ATLAS_SCRIPTS + HOST_SCRIPTS + ATLAS_STYLES:
        shutil.copy2(paths.ATLAS_STATIC / name, atlas / name)
    own = site / "site"
    own.mkdir()
    for name in SITE_SCRIPTS + SITE_STYLES:
        shutil.copy2(SITE_SOURCE / name, own / name)
    for lib, names in VENDOR_FILES.items():
        src, dst = paths.VENDOR / lib, site / "vendor" / lib
        if names is None:
            shutil.copytree(src, dst)
        else:
            dst.mkdir(parents=True)
            for name in names:
                shutil.copy2(src / name, dst / name)


def build(site: Path, prepared: Prepared, data_dir: Path, langs: tuple[str, ...],
          say: Callable[[str], None] = lambda _: None) -> Built:
    """Write a whole site into the empty folder ``site``; return what was written."""
    _copy_assets(site)
    pages = write_pages(prepared, data_dir, langs, site / "pages", say)
    downloads = prebuilt_downloads(prepared, langs, site / "downloads", say)
    man = manifest(langs, pages, downloads)
    man["built"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")
    (site / MANIFEST).write_text(json.dumps(man, ensure_ascii=False, indent=1), encoding="utf-8")
    (site / "index.html").write_text(index_html(site, man), encoding="utf-8")
    files = [p for p in site.rglob("*") if p.is_file()]
    for p in site.rglob("*"):  # read by a web server running as another user
        p.chmod(0o755 if p.is_dir() else 0o644)
    site.chmod(0o755)
    return Built(manifest=man, files=len(files), size=sum(p.stat().st_size for p in files))


def is_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site this command wrote (its manifest says so)."""
    try:
        man = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(man, dict) and "format" in man and "pages" in man
