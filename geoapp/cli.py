"""The command line: ``python -m geoapp state|validate``.

Errors are one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
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
