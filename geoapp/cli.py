"""The command line: ``python -m geoapp state|validate``.

Errors are one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from geoapp import clock, io
from geoapp.catalog import prepared_catalog
from geoapp.i18n import t


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


def cmd_state(args: argparse.Namespace) -> int:
    """Print the map at a moment as a GeoJSON FeatureCollection."""
    from geoapp.render.geojson import to_feature_collection
    from geoapp.scene import build_scene
    from layers import REGISTRY

    try:
        moment = clock.parse_moment(args.at)
    except clock.TimeError as exc:
        raise UsageError(f"--at: {exc}") from exc
    layers = _layers(args.layers)
    prepared = prepared_catalog(args.data)
    scene = build_scene(prepared, moment, REGISTRY, lang=args.lang, layers=layers, range_figure=args.figure)
    json.dump(to_feature_collection(scene), sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem as ``file: record: field: what``."""
    catalog, problems = io.read_catalog(args.data)
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


def _writable(out: Path, suffixes: tuple[str, ...]) -> Path:
    """The output path, checked: the right kind of file, in a folder that exists and can be written."""
    if out.suffix.lower() not in suffixes:
        raise UsageError(f"--out: {out} should end in {' or '.join(suffixes)}")
    folder = out.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"--out: the folder {folder} does not exist; create it or choose another path")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"--out: {out} cannot be written here; choose a path you can write to")
    return out


def cmd_export_html(args: argparse.Namespace) -> int:
    """Write the live map as one self-contained HTML file (no network, no Python needed to open it)."""
    from geoapp.render.live import standalone_document
    from geoapp.scene import source_labels
    from geoapp.timed import build_timed_scene
    from layers import REGISTRY

    out = _writable(args.out, (".html", ".htm"))
    try:
        start = clock.parse_moment(args.start) if args.start else clock.CRISIS_START
        end = clock.parse_moment(args.end) if args.end else clock.CRISIS_END
    except clock.TimeError as exc:
        raise UsageError(f"--start/--end: {exc}") from exc
    if end <= start:
        raise UsageError("--end must come after --start")
    prepared = prepared_catalog(args.data)
    print("building the timed scene...", file=sys.stderr)
    scene = build_timed_scene(prepared, REGISTRY, lang=args.lang, source_labels=source_labels(prepared))
    doc = standalone_document(scene, start.timestamp(), (start.timestamp(), end.timestamp()), tuple(REGISTRY))
    out.write_text(doc, encoding="utf-8")
    print(f"wrote {out} ({len(doc.encode()) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geoapp``."""
    p = argparse.ArgumentParser(prog="python -m geoapp", description="The Cuban Missile Crisis atlas, from the shell.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("state", help="the map at a moment as GeoJSON on stdout")
    s.add_argument("--at", required=True, help="ISO 8601 time, e.g. 1962-10-27T16:00Z or 1962-10-27T12:00-04:00")
    s.add_argument("--lang", choices=("en", "ja"), default="en")
    s.add_argument("--layers", help="comma-separated layer ids (default: all)")
    s.add_argument("--figure", choices=("soviet", "us_1962"), default=None,
                   help="which range figures the rings use (default: each weapon's default)")
    s.add_argument("--compact", action="store_true", help="one-line JSON")
    s.add_argument("--data", type=Path, default=io.DATA_DIR, help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_state)
    e = sub.add_parser("export-html", help="the live map as one self-contained HTML file")
    e.add_argument("--out", type=Path, required=True, help="the .html file to write")
    e.add_argument("--start", help="first moment of its time bar (default: 1 Sep 1962)")
    e.add_argument("--end", help="last moment of its time bar (default: 21 Nov 1962)")
    e.add_argument("--lang", choices=("en", "ja"), default="en")
    e.add_argument("--data", type=Path, default=io.DATA_DIR, help=argparse.SUPPRESS)
    e.set_defaults(func=cmd_export_html)
    v = sub.add_parser("validate", help="check every data file")
    v.add_argument("--data", type=Path, default=io.DATA_DIR, help="data folder (default: the atlas's data/)")
    v.set_defaults(func=cmd_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except io.DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"error: the data in {args.data} has {len(exc.problems)} problem(s); fix them and try again",
              file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
