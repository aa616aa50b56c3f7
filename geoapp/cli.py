"""The command line: ``python -m geoapp state|validate|snapshot|animate|export-html|export|publish|serve``.

Errors are one clear sentence on stderr and a non-zero exit, never a traceback: a bad argument, a full disk, a
path that cannot be written or a signal (Ctrl-C, SIGTERM) exit 2. A file is written under a temporary name beside
``--out`` and renamed only once complete, so a failure never leaves a partial file; a site (``publish``) is written
into a temporary folder beside ``--out`` and put in place of the previous one only once complete.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from geoapp import clock, io, paths
from geoapp.catalog import prepared_catalog
from geoapp.i18n import t
from geoapp.vocab import DEFAULT_VIEW, LANGS, RANGE_FIGURES, VIEWS

if TYPE_CHECKING:
    from geoapp.scene import Scene
    from geoapp.situation import Prepared


class UsageError(Exception):
    """A bad argument, explained in a sentence."""


def _layers(value: str | None) -> tuple[str, ...] | None:
    from layers import LAYER_IDS

    if not value:
        return None
    asked = tuple(x.strip() for x in value.split(",") if x.strip())
    unknown = [x for x in asked if x not in LAYER_IDS]
    if unknown:
        raise UsageError(t("cli_unknown_layer", "en", value=", ".join(unknown), choices=", ".join(LAYER_IDS)))
    return asked


def _scene(args: argparse.Namespace, prepared: Prepared, moment: datetime, layers: tuple[str, ...] | None) -> Scene:
    """The scene at ``moment`` with the command's language, range figure and view."""
    from geoapp.scene import build_scene
    from layers import REGISTRY

    return build_scene(prepared, moment, REGISTRY, lang=args.lang, layers=layers, range_figure=args.figure,
                       view=args.view)


def cmd_state(args: argparse.Namespace) -> int:
    """Print the map at a moment as a GeoJSON FeatureCollection."""
    from geoapp.render.geojson import to_feature_collection

    moment = _moment(args.at, "--at")
    layers = _layers(args.layers)
    scene = _scene(args, prepared_catalog(args.data), moment, layers)
    json.dump(to_feature_collection(scene), sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    sys.stdout.flush()  # a full disk or a closed pipe is told here, not at exit
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem as ``file: record: field: what``.

    Once the records are sound, the map is checked never to be empty (``geoapp.coverage``, sampled daily).
    """
    from geoapp.coverage import empty_map_problems
    from geoapp.situation import prepare

    catalog, problems = io.read_catalog(args.data)
    if catalog is not None:
        problems = empty_map_problems(prepare(catalog))
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) found in {args.data}", file=sys.stderr)
        return 1
    assert catalog is not None
    print(f"ok: {len(catalog.sites)} sites, {len(catalog.vessels)} vessels "
          f"({sum(len(v.fixes) for v in catalog.vessels)} fixes), {len(catalog.flights)} flights, "
          f"{len(catalog.events)} events, {len(catalog.weapons)} weapons, {len(catalog.quarantine)} quarantine "
          f"lines, {len(catalog.places) + len(catalog.cities)} places, {len(catalog.sources)} sources")
    return 0


@contextmanager
def _written(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` to write to; renamed to ``out`` when the block ends well, removed when it
    does not (an error, Ctrl-C, SIGTERM): no half-written file is ever left under the name asked for."""
    target = out.resolve()  # through a link, the file it points at is the one written (the link stays)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f".part{target.suffix}")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:  # named as the file asked for, not as the temporary one
        tmp.unlink(missing_ok=True)
        if exc.strerror:
            raise OSError(exc.errno, exc.strerror, str(out)) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what the umask leaves of rw-rw-rw-
    (a temporary file is private to its owner; an export is not: it goes to a shared folder, a web server...)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _writable(out: Path, suffixes: tuple[str, ...]) -> Path:
    """The output path, checked: the right kind of file, in a folder that exists and can be written."""
    if out.is_dir():
        raise UsageError(f"--out: {out} is a folder; give a file name inside it, e.g. {out / ('atlas' + suffixes[0])}")
    if out.suffix.lower() not in suffixes:
        raise UsageError(f"--out: {out} should end in {' or '.join(suffixes)}")
    folder = out.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"--out: the folder {folder} does not exist; create it or choose another path")
    if out.exists() and not out.resolve().is_file():
        raise UsageError(f"--out: {out} is not a plain file (a device or a pipe); choose a file name")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"--out: {out} cannot be written here; choose a path you can write to")
    return out


SIZE_LIMITS = (200, 8000)
STEPS = {"h": 3600, "d": 86400}
MAX_FRAMES = 2000


def parse_size(text: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` in pixels (or ``a4``: A4 landscape at 300 dpi), each within the limits."""
    from geoapp.export import PRESETS

    if text.strip().lower() == "a4":
        return PRESETS["png_a4"][:2]
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m:
        raise UsageError(f"--size: '{text}' should be WIDTHxHEIGHT in pixels, e.g. 1920x1080 (or a4)")
    w, h = int(m.group(1)), int(m.group(2))
    lo, hi = SIZE_LIMITS
    if not (lo <= w <= hi and lo <= h <= hi):
        raise UsageError(f"--size: {w}x{h} is out of range; width and height must each be between {lo} and {hi}")
    return w, h


def parse_step(text: str) -> int:
    """A frame step such as ``1h``, ``6h``, ``12h`` or ``1d``, in seconds."""
    m = re.fullmatch(r"\s*(\d+)\s*([hd])\s*", text.lower())
    if not m or int(m.group(1)) == 0:
        raise UsageError(f"--step: '{text}' should be a number of hours or days, e.g. 1h, 6h, 12h or 1d")
    return int(m.group(1)) * STEPS[m.group(2)]


def _moment(value: str, flag: str) -> datetime:
    """A moment from the command line (``clock.parse_moment`` refuses one outside the timeline)."""
    try:
        return clock.parse_moment(value)
    except clock.TimeError as exc:
        raise UsageError(f"{flag}: {exc}") from exc


def _span(start: str | None, end: str | None, default_start=None, default_end=None):
    """``--start`` and ``--end`` as moments in the timeline (the defaults when not given), the end after the start."""
    first = _moment(start, "--start") if start else default_start
    last = _moment(end, "--end") if end else default_end
    if last <= first:
        raise UsageError("--end must come after --start")
    return first, last


def _bbox(value: str | None):
    from geoapp.viewport import parse_bbox

    if not value:
        return None
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise UsageError(f"--bbox: {exc}") from exc


def cmd_snapshot(args: argparse.Namespace) -> int:
    """Write the map at one moment as a PNG, SVG or PDF with title, moment, legend, scale bar and sources, over
    ``--bbox``, else at a key moment (or less than an hour after one) over its area, else the default view."""
    from geoapp.render.image import render_image, snapshot_view
    from geoapp.viewport import DEFAULT_BBOX

    out = _writable(args.out, (".png", ".svg", ".pdf"))
    moment = _moment(args.at, "--at")
    width, height = parse_size(args.size)
    dpi = args.dpi if args.dpi is not None else (300 if args.size.strip().lower() == "a4" else 100)
    if not 30 <= dpi <= 1200:
        raise UsageError(f"--dpi: {dpi} is out of range; choose between 30 and 1200 dots per inch")
    layers = _layers(args.layers)
    bbox = _bbox(args.bbox)
    scene = _scene(args, prepared_catalog(args.data), moment, layers)
    view = snapshot_view(scene, bbox)
    data = render_image(scene, out.suffix.lower().lstrip("."), width, height, dpi, view)
    with _written(out) as tmp:
        tmp.write_bytes(data)
    framed = ""
    if bbox is None and view != DEFAULT_BBOX:
        framed = f", framed on the key moment's area {','.join(f'{v:g}' for v in view)} (--bbox to choose another)"
    print(f"wrote {out} ({width}x{height} px, {len(data) / 1e6:.2f} MB){framed}", file=sys.stderr)
    return 0


def cmd_animate(args: argparse.Namespace) -> int:
    """Write the map from one moment to another, a frame per step, as an animated GIF or an MP4 video."""
    import imageio.v2 as imageio
    from tqdm import tqdm

    from geoapp.render.image import StaticMap

    out = _writable(args.out, (".gif", ".mp4"))
    start, end = _span(args.start, args.end)
    step = parse_step(args.step)
    width, height = parse_size(args.size)
    if out.suffix.lower() == ".mp4" and (width % 2 or height % 2):
        raise UsageError(f"--size: an MP4 needs an even width and height; {width}x{height} is not")
    if not 0.1 <= args.fps <= 60:
        raise UsageError(f"--fps: {args.fps} is out of range; choose between 0.1 and 60 frames per second")
    n = int((end - start).total_seconds() // step) + 1
    if n > MAX_FRAMES:
        raise UsageError(f"--step: {n} frames is too many (at most {MAX_FRAMES}); take a longer step or a shorter span")
    layers = _layers(args.layers)
    bbox = _bbox(args.bbox)
    prepared = prepared_catalog(args.data)
    canvas = StaticMap(width, height, 100, bbox)
    mp4 = out.suffix.lower() == ".mp4"
    with _written(out) as tmp:
        writer = None
        try:
            with _signals_held():  # a writer stopped halfway through its making prints a traceback when collected
                if not mp4:
                    writer = imageio.get_writer(tmp, format="GIF", mode="I", duration=1000.0 / args.fps, loop=0)
                else:
                    writer = imageio.get_writer(tmp, format="FFMPEG", mode="I", fps=args.fps, codec="libx264",
                                                quality=8, macro_block_size=2, pixelformat="yuv420p",
                                                ffmpeg_log_level="error")
            for i in tqdm(range(n), desc=f"{out.name}", unit="frame", file=sys.stderr, disable=args.quiet):
                moment = start + timedelta(seconds=i * step)
                writer.append_data(canvas.frame(_scene(args, prepared, moment, layers),
                                                i / (n - 1) if n > 1 else 1.0))
        except BaseException:
            if writer is not None:
                _abandon(writer)
            raise
        _close(writer)
        if mp4:
            _check_video(tmp, out, n)
    print(f"wrote {out} ({n} frames, {width}x{height} px, {out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app (Streamlit), prepared at start rather than on its first visitor's request."""
    from geoapp import serve

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # Streamlit stops itself on SIGTERM
    return serve.main(args.streamlit)


def cmd_export_html(args: argparse.Namespace) -> int:
    """Write the live map as one self-contained HTML file (no network, no Python needed to open it).

    It opens at ``--at`` or, when not given, at the period's first key moment (``page.opening_moment``), else at
    its start."""
    from geoapp.render.leaflet.page import opening_moment, standalone_document
    from geoapp.timeline_scene import build_timeline_scene
    from layers import REGISTRY

    out = _writable(args.out, (".html", ".htm"))
    start, end = _span(args.start, args.end, clock.CRISIS_START, clock.CRISIS_END)
    at = _moment(args.at, "--at") if args.at else None
    if at is not None and not start <= at <= end:
        raise UsageError(f"--at: {clock.iso(at)} is outside the period shown, {clock.iso(start)} to "
                         f"{clock.iso(end)}; choose a moment inside it or widen it with --start and --end")
    prepared = prepared_catalog(args.data)
    print("building the timeline scene...", file=sys.stderr)
    scene = build_timeline_scene(prepared, REGISTRY, lang=args.lang, view=args.view)
    period = (start.timestamp(), end.timestamp())
    t0 = at.timestamp() if at is not None else opening_moment(scene, period)
    doc = standalone_document(scene, t0, period, tuple(REGISTRY))
    with _written(out) as tmp:
        tmp.write_text(doc, encoding="utf-8")
    opens = clock.iso(datetime.fromtimestamp(t0, tz=UTC))
    print(f"wrote {out} ({len(doc.encode()) / 1e6:.1f} MB), opening at {opens}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a period of the timeline for GIS tools: a GeoPackage (QGIS's Temporal Controller), KML or KMZ (Google
    Earth's time slider), GeoJSON or CSV; every feature with ``valid_from`` and ``valid_to`` (:mod:`geoapp.gis`)."""
    from geoapp import gis

    fmt = args.format or next((k for k, f in gis.FORMATS.items() if f.suffix == args.out.suffix.lower()), None)
    if fmt is None and not args.out.is_dir():
        raise UsageError(f"--format: choose one of {', '.join(gis.FORMATS)}, or give --out a file name ending in "
                         f"{' or '.join(f.suffix for f in gis.FORMATS.values())}")
    out = _writable(args.out, (gis.FORMATS[fmt or "gpkg"].suffix,))
    assert fmt is not None
    start, end = _span(args.start, args.end, *clock.PERIODS["all"])
    layers = _layers(args.layers)
    prepared = prepared_catalog(args.data)
    print("building the timeline...", file=sys.stderr)
    timeline = gis.timeline(prepared, lang=args.lang, view=args.view, layers=layers, start=start, end=end,
                            figure=args.figure)
    with _written(out) as tmp:
        gis.write(timeline, fmt, tmp)
    print(f"wrote {out} ({len(timeline.rows)} rows with valid_from and valid_to, {clock.iso(start)} to "
          f"{clock.iso(end)}, {out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def _langs(value: str | None) -> tuple[str, ...]:
    """``--langs`` as languages of the atlas, in the order given (the first is the site's default)."""
    if not value:
        return LANGS
    asked = tuple(dict.fromkeys(x.strip() for x in value.split(",") if x.strip()))
    unknown = [x for x in asked if x not in LANGS]
    if unknown or not asked:
        raise UsageError(f"--langs: '{value}' should be languages of the atlas separated by commas, from "
                         f"{', '.join(LANGS)}")
    return asked


def _site_folder(out: Path) -> Path:
    """The folder a site is written to, checked: new, empty, or a site this command wrote before."""
    from geoapp.publish import MANIFEST, is_site

    target = out.resolve()
    if out.exists() and not target.is_dir():
        raise UsageError(f"--out: {out} is a file, not a folder; give the folder the site is written to")
    if target.is_dir() and any(target.iterdir()) and not is_site(target):
        raise UsageError(f"--out: {out} holds other files and no {MANIFEST}, so it is not a site written by this "
                         "command; choose a new or empty folder")
    if target == target.parent or target == Path.home().resolve():
        raise UsageError(f"--out: {out} is not a folder a site can replace; choose a new folder")
    if not target.parent.is_dir():
        raise UsageError(f"--out: the folder {target.parent} does not exist; create it or choose another path")
    if not os.access(target.parent, os.W_OK):
        raise UsageError(f"--out: {target.parent} cannot be written to; choose a folder you can write to")
    return target


@contextmanager
def _written_folder(out: Path) -> Iterator[Path]:
    """A temporary folder beside ``out`` to write a site into; put in place of ``out`` (a previous site, or an
    empty folder) when the block ends well, removed when it does not: a failure never leaves half a site."""
    target = out.resolve()
    try:
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from exc
    try:
        yield tmp
        if target.exists():
            old = target.parent / f".{target.name}.{os.getpid()}.{time.time_ns()}.old"
            os.replace(target, old)
            try:
                os.replace(tmp, target)
            except BaseException:
                os.replace(old, target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except OSError as exc:  # named as the folder asked for, not as the temporary one
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.strerror:
            raise OSError(exc.errno, exc.strerror, str(out)) from exc
        raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def cmd_publish(args: argparse.Namespace) -> int:
    """Write the interactive atlas as a static site: plain files any web server or CDN serves, no Python."""
    from geoapp import publish

    langs = _langs(args.langs)
    out = args.out
    _site_folder(out)
    started = time.monotonic()
    prepared = prepared_catalog(args.data)
    with _written_folder(out) as tmp:
        built = publish.build(tmp, prepared, args.data, langs,
                              say=(lambda _: None) if args.quiet else (lambda m: print(m + "...", file=sys.stderr)))
    print(f"wrote {out}: {built.files} files, {built.size / 1e6:.1f} MB, in {time.monotonic() - started:.0f} s; "
          f"serve the folder with any web server, e.g. python -m http.server -d {out}", file=sys.stderr)
    return 0


#: while a block holds interruptions back (:func:`_signals_held`): whether one came meanwhile
_holding: dict[str, bool] = {"on": False, "pending": False}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back for the block and acted on when it ends, so that an interruption never leaves
    an object made halfway (imageio's writer, collected at exit, would print a traceback after the one sentence)."""
    _holding["on"] = True
    try:
        yield
    finally:
        _holding["on"] = False
        if _holding["pending"]:
            _holding["pending"] = False
            raise KeyboardInterrupt


def _close(writer: object) -> None:
    """Close an imageio writer once, for good: imageio's GIF writer (a v2 wrapper round a v3 plugin) closes again
    when it is collected, which after a failed close (a full disk) would print a traceback after the error's
    sentence, and after a stop could write a removed file anew; both closes do nothing from now on."""
    try:
        writer.close()  # type: ignore[attr-defined]
    finally:
        for part in (writer, getattr(writer, "instance", None)):
            if part is not None:
                part.close = lambda: None  # type: ignore[method-assign]


def _abandon(writer: object) -> None:
    """A writer whose file is being removed (Ctrl-C, SIGTERM, an error): closed, which stops ffmpeg, with whatever
    its closing says ignored (a frame left half added, ffmpeg's pipe gone: it would only hide why it stopped)."""
    with suppress(Exception):
        _close(writer)


def _check_video(path: Path, out: Path, frames: int) -> None:
    """The video holds every frame (ffmpeg, a process of its own, can stop short without a word on a full disk)."""
    import imageio_ffmpeg

    try:
        found, _ = imageio_ffmpeg.count_frames_and_secs(str(path))
    except (RuntimeError, OSError) as exc:
        raise OSError(f"could not write {out}: the video was cut short and cannot be read back; the disk may be "
                      "full or the file too large for this system") from exc
    if found < frames:
        raise OSError(f"could not write {out}: the video holds {found} of its {frames} frames; the disk may be full")


def _os_error(exc: OSError) -> str:
    """An operating-system error as one sentence: what could not be done, where, and why."""
    where = f" {exc.filename}" if exc.filename else " the output"
    if exc.strerror:
        full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
        hint = "free some space or choose another path" if full else "choose another path"
        return f"could not write{where}: {exc.strerror.lower()}; {hint}"
    return str(exc)


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the command stops, removes what it was writing and says so (when the block that holds
    interruptions back has ended, where one does)."""
    if _holding["on"]:
        _holding["pending"] = True
        return
    raise KeyboardInterrupt


def _options(*adders: Callable[[argparse.ArgumentParser], object]) -> argparse.ArgumentParser:
    """A parent parser holding options that several commands share (declared once)."""
    p = argparse.ArgumentParser(add_help=False)
    for add in adders:
        add(p)
    return p


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geoapp``."""
    p = argparse.ArgumentParser(prog="python -m geoapp", description="The Cuban Missile Crisis atlas, from the shell.")
    sub = p.add_subparsers(dest="command", required=True)
    data = _options(lambda o: o.add_argument("--data", type=Path, default=paths.DATA_DIR, help=argparse.SUPPRESS))
    lang = _options(lambda o: o.add_argument("--lang", choices=LANGS, default=LANGS[0]),
                    lambda o: o.add_argument(
                        "--view", choices=VIEWS, default=DEFAULT_VIEW,
                        help="what the map shows: actual (what was there, the default), known (only what Washington "
                             "had identified by the moment, with the US range figures) or gap (both, with what "
                             "Washington did not know marked)"))
    content = _options(
        lambda o: o.add_argument("--layers", help="comma-separated layer ids (default: all)"),
        lambda o: o.add_argument("--figure", choices=RANGE_FIGURES, default=None,
                                 help="whose range figures the rings use (default: each weapon's Soviet figure)"))
    picture = _options(lambda o: o.add_argument(
        "--bbox", help="west,south,east,north in degrees (default: at a key moment, or less than an hour after one, "
                       "the area it is about; else the Caribbean and the US east coast)"))

    s = sub.add_parser("state", parents=[lang, content, data], help="the map at a moment as GeoJSON on stdout")
    s.add_argument("--at", required=True, help="ISO 8601 time, e.g. 1962-10-27T16:00Z or 1962-10-27T12:00-04:00")
    s.add_argument("--compact", action="store_true", help="one-line JSON")
    s.set_defaults(func=cmd_state)
    e = sub.add_parser("export-html", parents=[lang, data], help="the live map as one self-contained HTML file")
    e.add_argument("--out", type=Path, required=True, help="the .html file to write")
    e.add_argument("--start", help="first moment of its time bar (default: 1 Sep 1962)")
    e.add_argument("--end", help="last moment of its time bar (default: 21 Nov 1962)")
    e.add_argument("--at", help="the moment it opens at, ISO 8601, inside the period (default: the period's "
                                "first key moment, else its start)")
    e.set_defaults(func=cmd_export_html)
    x = sub.add_parser("export", parents=[lang, content, data],
                       help="the timeline of a period for GIS tools: GeoPackage, KML/KMZ, GeoJSON or CSV, every "
                            "feature with valid_from and valid_to")
    x.add_argument("--format", choices=("gpkg", "kml", "kmz", "geojson", "csv"),
                   help="gpkg (QGIS), kml or kmz (Google Earth), geojson or csv (default: from --out's ending)")
    x.add_argument("--out", type=Path, required=True, help="the file to write, e.g. crisis.gpkg")
    x.add_argument("--start", help="first moment of the period, ISO 8601 (default: the timeline's start, 1 May 1962)")
    x.add_argument("--end", help="last moment of the period, ISO 8601 (default: the timeline's end, 30 Apr 1963)")
    x.set_defaults(func=cmd_export)
    n = sub.add_parser("snapshot", parents=[lang, content, picture, data],
                       help="the map at a moment as a PNG, SVG or PDF image")
    n.add_argument("--at", required=True, help="ISO 8601 time, e.g. 1962-10-27T16:00Z")
    n.add_argument("--out", type=Path, required=True, help="the .png, .svg or .pdf file to write")
    n.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in pixels, or a4 (default 1920x1080)")
    n.add_argument("--dpi", type=int, default=None, help="dots per inch (default 100; 300 for a4)")
    n.set_defaults(func=cmd_snapshot)
    a = sub.add_parser("animate", parents=[lang, content, picture, data],
                       help="the map over a span of time as an animated GIF or MP4")
    a.add_argument("--start", required=True, help="first moment, ISO 8601")
    a.add_argument("--end", required=True, help="last moment, ISO 8601")
    a.add_argument("--step", default="12h", help="time between frames: 1h, 6h, 12h, 1d... (default 12h)")
    a.add_argument("--out", type=Path, required=True, help="the .gif or .mp4 file to write")
    a.add_argument("--fps", type=float, default=2.0, help="frames per second (default 2)")
    a.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT in pixels (default 1280x720)")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.set_defaults(func=cmd_animate)
    r = sub.add_parser("serve", help="serve the app, prepared before its first visitor (Streamlit's options follow, "
                                     "e.g. --server.port 8501)")
    r.set_defaults(func=cmd_serve, streamlit=[])  # main() hands it Streamlit's options untouched
    w = sub.add_parser("publish", parents=[data],
                       help="the interactive atlas as a static site: plain files any web server serves")
    w.add_argument("--out", type=Path, required=True,
                   help="the folder to write (new, empty, or a site written before, which is replaced)")
    w.add_argument("--langs", help="comma-separated languages, the first the default (default: en,ja)")
    w.add_argument("--quiet", action="store_true", help="no progress lines")
    w.set_defaults(func=cmd_publish)
    v = sub.add_parser("validate", help="check every data file")
    v.add_argument("--data", type=Path, default=paths.DATA_DIR, help="data folder (default: the atlas's data/)")
    v.set_defaults(func=cmd_validate)
    return p


def _glue_negative_values(argv: list[str]) -> list[str]:
    """``--bbox -90,15,-65,35`` as ``--bbox=-90,15,-65,35``: argparse would take the value for an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--bbox" and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"--bbox={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["serve"] and argv[1:2] not in (["-h"], ["--help"]):  # Streamlit's options are Streamlit's
        return cmd_serve(argparse.Namespace(streamlit=argv[1:]))
    args = parser().parse_args(_glue_negative_values(argv))
    previous = {sig: signal.signal(sig, _interrupted) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; nothing was written", file=sys.stderr)
        return 2
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            return 0
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - what could not be written is dropped, not flushed at exit
        print(f"error: {_os_error(exc)}", file=sys.stderr)
        return 2
    except io.DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"error: the data in {args.data} has {len(exc.problems)} problem(s); fix them and try again",
              file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
