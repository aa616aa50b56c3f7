"""The static site (``python -m geoapp publish --out DIR``): what it writes, that every text is escaped, that it
replaces only a site it wrote, and, in Debian's Chromium, the site served by nginx and driven offline."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geoapp import cli, publish, vocab
from layers import LAYER_IDS

MINI = Path(__file__).parent / "fixtures" / "mini"
HOSTILE = '<script>alert("x")</script> & </title><img src=x onerror=alert(1)> \u2028'


def _publish(out: Path, *extra: str, data: Path = MINI) -> int:
    return cli.main(["publish", "--out", str(out), "--data", str(data), "--quiet", *extra])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site published from the small data set, both languages."""
    out = tmp_path_factory.mktemp("pub") / "site"
    assert _publish(out) == 0
    return out


def _manifest(site: Path) -> dict:
    return json.loads((site / publish.MANIFEST).read_text(encoding="utf-8"))


def test_the_site_has_its_page_manifest_pages_scripts_and_licences(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "site.json", "site/site.js", "site/fragment.js", "site/site.css", "atlas/host.js",
            "atlas/core.js", "atlas/atlas.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
            "vendor/leaflet/LICENSE", "vendor/leaflet/images/layers.png", "vendor/topojson-client/LICENSE",
            "vendor/world-atlas/LICENSE", "vendor/world-atlas/countries-50m-simplified.json",
            "vendor/world-atlas/caribbean-10m.json", "vendor/overlapping-marker-spiderfier-leaflet/oms.js"} <= names
    assert "vendor/world-atlas/land-50m.json" not in names  # only Python reads the land mask
    man = _manifest(site)
    assert man["langs"] == list(vocab.LANGS) and man["layers"] == list(LAYER_IDS)
    assert set(man["texts"]) == set(vocab.LANGS)
    for lang in vocab.LANGS:
        for view in vocab.VIEWS:
            for fig in vocab.RANGE_FIGURES:
                parts = json.loads((site / man["pages"][lang][view][fig]).read_text(encoding="utf-8"))
                assert set(parts) == {"version", "head", "body", "script"}
    # the known view draws Washington's figures whatever is chosen: one page per language
    assert len({man["pages"]["en"]["known"][f] for f in vocab.RANGE_FIGURES}) == 1
    assert len({man["pages"]["en"]["actual"][f] for f in vocab.RANGE_FIGURES}) == 2
    per_lang = 1 + len(publish.GIS_DOWNLOADS)  # the one-file map, and the timeline in each GIS format
    assert [d["lang"] for d in man["downloads"]] == [lang for lang in vocab.LANGS for _ in range(per_lang)]
    for d in man["downloads"]:
        assert (site / d["href"]).stat().st_size == d["size"] > 0
        if d["href"].endswith(".html"):
            assert d["size"] > 100_000
    import pyogrio

    gpkg = next(d for d in man["downloads"] if d["href"].endswith(".gpkg"))
    tables = [name for name, _ in pyogrio.list_layers(site / gpkg["href"])]
    assert "missile_sites" in tables
    fields = pyogrio.read_info(site / gpkg["href"], layer="missile_sites")["fields"]
    assert {"valid_from", "valid_to", "sources"} <= set(fields)


def test_the_site_asks_nothing_of_another_origin(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", index)
    for path in [*(site / "site").iterdir(), site / "atlas" / "host.js"]:
        assert not re.search(r"https?://|fonts\.googleapis", path.read_text(encoding="utf-8")), path


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_every_text_of_the_page_is_escaped(site):
    man = _manifest(site)
    for lang in man["texts"]:
        man["texts"][lang] = dict.fromkeys(man["texts"][lang], HOSTILE)
    man["lang_names"] = dict.fromkeys(man["lang_names"], HOSTILE)
    for d in man["downloads"]:
        d["label"] = dict.fromkeys(d["label"], HOSTILE)
        d["href"] = HOSTILE
    man["generator"] = HOSTILE
    doc = publish.index_html(site, man)
    assert "<img" not in doc and 'alert("x")</script>' not in doc
    parser = _Tags()
    parser.feed(doc)
    plain = _Tags()
    plain.feed((site / "index.html").read_text(encoding="utf-8"))
    assert parser.tags == plain.tags  # hostile words add no element
    inline = re.search(r'<script type="application/json" id="site-manifest">(.*?)</script>', doc, re.S).group(1)
    assert json.loads(inline)["texts"]["en"]["title"] == HOSTILE


def test_publishing_again_replaces_the_site_and_leaves_nothing_beside_it(site, tmp_path):
    out = tmp_path / "again"
    shutil.copytree(site, out)
    (out / "stale.txt").write_text("from an older site")
    assert _publish(out, "--langs", "ja") == 0
    assert not (out / "stale.txt").exists()
    assert _manifest(out)["langs"] == ["ja"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again"]


@pytest.mark.parametrize("case", ["file", "foreign", "no_parent", "langs"])
def test_a_bad_out_or_language_is_one_sentence_and_exit_2(tmp_path, capsys, case):
    out = tmp_path / "site"
    extra: tuple[str, ...] = ()
    if case == "file":
        out.write_text("a file")
    elif case == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    elif case == "no_parent":
        out = tmp_path / "missing" / "site"
    else:
        extra = ("--langs", "en,fr")
    assert _publish(out, *extra) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --") and "\n" not in err and "Traceback" not in err
    if case == "foreign":
        assert [p.name for p in out.iterdir()] == ["notes.txt"]  # left as it was
    if case == "file":
        assert out.read_text() == "a file"


def test_a_failure_leaves_no_half_site(tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".site.part" / "downloads"))

    monkeypatch.setattr(publish, "prebuilt_downloads", full)
    assert _publish(tmp_path / "site") == 2
    err = capsys.readouterr().err
    assert "no space left on device" in err and str(tmp_path / "site") in err
    assert list(tmp_path.iterdir()) == []


# -- in a browser, served by nginx -----------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PERMALINK = "#t=1962-10-27T18:00Z&lang=ja&layers=ships,flights"
SCREENS = Path("/tmp")


def _nginx_conf(tmp: Path, root: Path, port: int) -> str:
    """A minimal nginx: in the foreground, every file it writes under ``tmp``, the site at ``root``, compressed."""
    built = subprocess.run(["nginx", "-V"], capture_output=True, text=True).stderr
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # each module built in keeps a temporary folder
    temps = "".join(f"  {kind}_temp_path {tmp / kind};\n" for kind in kinds
                    if f"--http-{kind.replace('_body', '-body')}-temp-path" in built or kind == "client_body")
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers read a test's private folder
    return f"""daemon off;
{user}worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'};
events {{ worker_connections 64; }}
http {{
  access_log {tmp / 'access.log'};
{temps}  types {{ text/html html; application/json json; text/javascript js; text/css css; image/png png;
           text/plain txt md; }}
  default_type application/octet-stream;
  gzip on;
  gzip_types application/json text/javascript text/css;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
  }}
}}
"""


@contextmanager
def _nginx(root: Path, tmp: Path):
    from tests.browser import free_port, stop, wait_answering

    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(_nginx_conf(tmp, root, port))
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_answering(url, proc, tmp / "error.log")
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The atlas's real data published and served by Debian's nginx on a loopback port."""
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (Debian's nginx-light: apt-get install nginx-light)")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's Chromium is not installed (make setup installs it)")
    pytest.importorskip("playwright.sync_api")
    from geoapp import paths

    base = tmp_path_factory.mktemp("served")
    started = time.monotonic()
    assert _publish(base / "site", data=paths.DATA_DIR) == 0
    print(f"published the real atlas in {time.monotonic() - started:.0f} s")
    (base / "nginx").mkdir()
    with _nginx(base / "site", base / "nginx") as url:
        yield url


def _fragment(page) -> dict[str, str]:
    frag = page.evaluate("() => location.hash").lstrip("#")
    return dict(p.split("=", 1) for p in frag.split("&") if "=" in p)


def _map_time(page) -> str | None:
    return page.evaluate("() => { const c = document.querySelector('.leaflet-container'); "
                         "return c && c.getAttribute('data-time'); }")


def _shown_layers(page) -> list[str]:
    """The layers whose legend section is shown (the legend also has a section for the view, which is no layer)."""
    return [lid for lid in page.evaluate("""() => [...document.querySelectorAll('#cmc-legend [data-layer]')]
        .filter((e) => e.style.display !== 'none').map((e) => e.getAttribute('data-layer'))""") if lid in LAYER_IDS]


def _map_fills_the_window_below_the_header(page, height: int) -> None:
    """The map is the hero: a slim header, the map's page under it down to the window's foot, its time bar in view."""
    header = page.locator("#site-header").bounding_box()
    host = page.locator("#atlas-host").bounding_box()
    bar = page.locator("#cmc-timebar").bounding_box()
    assert header["height"] <= 60
    assert abs(host["y"] - header["height"]) <= 1 and abs(host["y"] + host["height"] - height) <= 1
    assert bar["y"] + bar["height"] <= height + 0.5


@pytest.mark.browser
def test_the_site_served_by_nginx_opens_a_permalink_and_keeps_the_address_offline(browser, served):
    from tests.browser import offline_context, wait_until

    ctx = offline_context(browser, 1400, 900)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + PERMALINK)
    wait_until(page, lambda: _map_time(page), lambda v: v == "1962-10-27T18:00Z", 60, "the map at the permalink")
    page.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    assert page.evaluate("() => document.documentElement.lang") == "ja"
    assert page.locator("h1.site-title").inner_text() == "キューバ危機アトラス"
    assert sorted(_shown_layers(page)) == ["flights", "ships"]
    assert page.locator("input[name=layer]:checked").evaluate_all("(b) => b.map((x) => x.value)") == \
        [x for x in LAYER_IDS if x in ("ships", "flights")]
    assert _fragment(page) == {"t": "1962-10-27T18:00Z", "lang": "ja", "layers": "ships,flights"}
    _map_fills_the_window_below_the_header(page, 900)
    page.screenshot(path=str(SCREENS / "site-1400x900-ja.png"))

    # the time bar: a key press moves the moment an hour; the address follows once it has settled
    page.locator("[role=slider]").focus()
    page.keyboard.press("ArrowRight")
    wait_until(page, lambda: _fragment(page).get("t"), lambda v: v == "1962-10-27T19:00Z", 15, "the moved moment")
    assert _map_time(page) == "1962-10-27T19:00Z"

    # the map's own view switch: another page, the same moment
    page.locator(".cmc-view[data-view='gap']").click()
    wait_until(page, lambda: _fragment(page), lambda f: f.get("view") == "gap", 15, "view=gap in the address")
    wait_until(page, lambda: page.locator(".cmc-view[data-view='gap'][aria-pressed='true']").count(),
               lambda n: n == 1, 30, "the gap view drawn")
    assert _fragment(page)["t"] == "1962-10-27T19:00Z" and _map_time(page) == "1962-10-27T19:00Z"

    # the address is a permalink: reloaded, the page opens there
    page.reload()
    wait_until(page, lambda: _map_time(page), lambda v: v == "1962-10-27T19:00Z", 60, "the map after a reload")
    assert page.locator(".cmc-view[data-view='gap'][aria-pressed='true']").count() == 1
    assert sorted(_shown_layers(page)) == ["flights", "ships"]

    # the header's language switch: English, the moment kept
    page.locator(".site-langs button[data-lang='en']").click()
    wait_until(page, lambda: _fragment(page).get("lang"), lambda v: v == "en", 15, "lang=en in the address")
    wait_until(page, lambda: page.evaluate("() => document.documentElement.lang"), lambda v: v == "en", 30,
               "the English map")
    assert _fragment(page)["t"] == "1962-10-27T19:00Z" and _map_time(page) == "1962-10-27T19:00Z"
    assert page.locator("h1.site-title").inner_text() == "Cuban Missile Crisis Atlas"

    # a pasted permalink moves the map; a bad value is ignored with a note
    page.evaluate("() => { location.hash = 't=1962-10-22T23:00Z&lang=en&layers=ships&view=nowhere'; }")
    wait_until(page, lambda: _map_time(page), lambda v: v == "1962-10-22T23:00Z", 30, "the pasted moment")
    assert page.locator("#site-note").is_visible() and "nowhere" in page.locator("#site-note").inner_text()
    # the app's words: "the map shows what was there"
    wait_until(page, lambda: page.locator(".cmc-view[data-view='actual'][aria-pressed='true']").count(),
               lambda n: n == 1, 30, "the actual view drawn")
    assert _fragment(page) == {"t": "1962-10-22T23:00Z", "lang": "en", "layers": "ships"}
    page.screenshot(path=str(SCREENS / "site-1400x900-en.png"))
    assert errors == []
    assert ctx.blocker.blocked == []
    ctx.close()


@pytest.mark.browser
def test_the_site_on_a_phone_folds_its_header_over_the_map(browser, served):
    from tests.browser import offline_context, wait_until

    ctx = offline_context(browser, 390, 844)
    page = ctx.new_page()
    page.goto(served + "#t=1962-10-27T18:00Z&lang=en")
    wait_until(page, lambda: _map_time(page), lambda v: v == "1962-10-27T18:00Z", 60, "the map on a phone")
    page.locator(".leaflet-container[data-basemap='ready']").wait_for(timeout=30_000)
    assert not page.locator("#site-controls").is_visible()
    _map_fills_the_window_below_the_header(page, 844)
    page.screenshot(path=str(SCREENS / "site-390x844.png"))
    page.locator("#site-toggle").click()
    assert page.locator("#site-controls").is_visible()
    page.locator("#site-downloads summary").click()
    assert page.locator("a.site-download").count() == len(vocab.LANGS) * (1 + len(publish.GIS_DOWNLOADS))
    page.screenshot(path=str(SCREENS / "site-390x844-menu.png"))
    assert ctx.blocker.blocked == []
    ctx.close()
