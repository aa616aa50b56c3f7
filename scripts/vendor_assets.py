"""Vendor the front-end assets and the Natural Earth basemap from the npm registry.

Run once (``python scripts/vendor_assets.py``) when a version changes; the results are committed
under ``static/vendor`` so that the app, its exports and its tests never reach the network.
Each package keeps its licence next to its files. A package listed in DESTINATIONS goes to another
folder instead (axe-core, which only the tests use, goes to ``tests/vendor``). Name packages to vendor
only those: ``python scripts/vendor_assets.py axe-core``.

Vendoring world-atlas also writes ``caribbean-10m.json``: Natural Earth 1:10m land, coastline and country outlines
cut from the package's ``land-10m.json`` and ``countries-10m.json`` to the box people zoom into (Cuba, Florida, the
Bahamas, Hispaniola, Jamaica, the tip of Yucatán), a small TopoJSON the map draws over 1:50m from zoom 6 and the
snapshots use for small views (Natural Earth is public domain; world-atlas's packaging is ISC, its LICENSE beside it),
and ``countries-50m-simplified.json``, the world the live map draws (see ``simplify_world``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "static" / "vendor"

# package@version -> files to copy (paths inside the tarball's package/ folder)
PACKAGES: dict[str, list[str]] = {
    "leaflet@1.9.4": [
        "LICENSE",
        "dist/leaflet.js",
        "dist/leaflet.css",
        "dist/images/layers.png",
        "dist/images/layers-2x.png",
        "dist/images/marker-icon.png",
        "dist/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png",
    ],
    "topojson-client@3.1.0": ["LICENSE", "dist/topojson-client.min.js"],
    # Markers that lie on one another fan out when clicked, so each can be chosen (MIT: the licence is
    # in the header of oms.js and the README's "Licence" section; the package ships no LICENSE file).
    "overlapping-marker-spiderfier-leaflet@0.2.7": ["README.md", "build/oms.js"],
    # Natural Earth 1:50m land and countries as TopoJSON (public domain data, ISC packaging).
    "world-atlas@2.0.2": ["LICENSE", "README.md", "land-50m.json", "countries-50m.json"],
    # The accessibility checker of tests/test_a11y.py (MPL-2.0; its minified file bundles the
    # third-party code listed in LICENSE-3RD-PARTY.txt). Tests only: never served by the app.
    "axe-core@4.14.1": ["LICENSE", "LICENSE-3RD-PARTY.txt", "axe.min.js"],
}

# package name -> the folder it goes to, when not static/vendor/<name>
DESTINATIONS: dict[str, Path] = {
    "axe-core": ROOT / "tests" / "vendor" / "axe-core",
}


#: The box (west, south, east, north; degrees) cut from Natural Earth 1:10m, and the file it is written to.
FINE_BOX = (-92.0, 16.0, -66.0, 31.0)
FINE_FILE = "caribbean-10m.json"


def _quantize(coords: Any, translate: list[float], scale: list[float]) -> list[list[int]]:
    """A ring or line on the source's own integer grid (so no precision is lost), repeated points dropped."""
    out: list[list[int]] = []
    for x, y in coords:
        q = [round((x - translate[0]) / scale[0]), round((y - translate[1]) / scale[1])]
        if not out or q != out[-1]:
            out.append(q)
    return out


def _topology(objects: dict[str, Any], transform: dict[str, list[float]]) -> dict[str, Any]:
    """A minimal TopoJSON: each shapely geometry (polygons or lines) one object, one delta-encoded arc per ring."""
    import shapely
    from shapely.geometry.polygon import orient

    arcs: list[list[list[int]]] = []

    def arc(coords: Any, closed: bool) -> int | None:
        q = _quantize(coords, transform["translate"], transform["scale"])
        if len(q) < (4 if closed else 2):
            return None
        arcs.append([q[0]] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(q, q[1:], strict=False)])
        return len(arcs) - 1

    out: dict[str, Any] = {}
    for name, geom in objects.items():
        parts = [p for p in shapely.get_parts(geom) if not p.is_empty]
        if all(p.geom_type == "Polygon" for p in parts):
            polys = []
            for poly in parts:  # exteriors clockwise, as in world-atlas
                poly = orient(poly, sign=-1.0)
                rings = [arc(r.coords, True) for r in (poly.exterior, *poly.interiors)]
                if rings[0] is not None:
                    polys.append([[i] for i in rings if i is not None])
            geometry = {"type": "MultiPolygon", "arcs": polys}
        else:
            lines = [i for i in (arc(p.coords, False) for p in parts) if i is not None]
            geometry = {"type": "MultiLineString", "arcs": [[i] for i in lines]}
        out[name] = {"type": "GeometryCollection", "geometries": [geometry]}
    return {"type": "Topology", "bbox": list(FINE_BOX), "transform": transform, "objects": out, "arcs": arcs}


def cut_fine(package: Path, dest: Path) -> None:
    """Write FINE_FILE: 1:10m ``land`` (polygons clipped to FINE_BOX, to fill), ``coast`` and ``borders`` (lines, so
    that the box's edges are never stroked), from the world-atlas package unpacked in ``package``."""
    import geopandas as gpd
    import shapely

    box = shapely.box(*FINE_BOX)

    def polygons(path: Path, layer: str) -> list[Any]:
        """The valid polygons of a layer whose bounds meet the box (invalid ones mended, stray lines dropped)."""
        out = []
        for g in gpd.read_file(path, layer=layer).geometry.values:
            for part in shapely.get_parts(g) if g is not None else []:
                if shapely.intersects(shapely.envelope(part), box):
                    fixed = shapely.get_parts(shapely.make_valid(part))
                    while any(p.geom_type in ("GeometryCollection", "MultiPolygon") for p in fixed):
                        fixed = shapely.get_parts(fixed)
                    out.extend(p for p in fixed if p.geom_type == "Polygon")
        return out

    def clipped_lines(polys: list[Any]) -> Any:
        return shapely.line_merge(shapely.union_all([shapely.intersection(shapely.boundary(p), box) for p in polys]))

    def only(geom: Any, kinds: tuple[str, ...]) -> Any:
        parts = shapely.get_parts(geom)
        while any(p.geom_type.startswith("Multi") or p.geom_type == "GeometryCollection" for p in parts):
            parts = shapely.get_parts(parts)
        return [p for p in parts if p.geom_type in kinds and not p.is_empty]

    land = polygons(package / "land-10m.json", "land")
    countries = polygons(package / "countries-10m.json", "countries")
    transform = json.loads((package / "land-10m.json").read_text(encoding="utf-8"))["transform"]
    topo = _topology({
        "land": shapely.GeometryCollection(only(shapely.union_all([shapely.intersection(p, box) for p in land]),
                                                ("Polygon",))),
        "coast": shapely.GeometryCollection(only(clipped_lines(land), ("LineString",))),
        "borders": shapely.GeometryCollection(only(clipped_lines(countries), ("LineString",))),
    }, transform)
    (dest / FINE_FILE).write_text(json.dumps(topo, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"cut {FINE_FILE}: 1:10m in {FINE_BOX}, {(dest / FINE_FILE).stat().st_size // 1024} KB")


# package@version -> what else to make from the unpacked package (its folder, the destination) once copied
#: The live map's world basemap: Natural Earth 1:50m countries with each arc simplified to this many degrees.
SIMPLE_FILE = "countries-50m-simplified.json"
SIMPLIFY_DEGREES = 0.01


def simplify_world(package: Path, dest: Path) -> None:
    """Write SIMPLE_FILE: ``countries-50m.json`` with every arc simplified on its own (Douglas-Peucker, within
    SIMPLIFY_DEGREES, about 1.1 km: under a pixel up to zoom 7, beyond which the map draws 1:10m round Cuba). An
    arc's two ends are kept, so borders two countries share stay shared and the topology holds. A quarter of the
    points go: a first visit moves 36 KB less and the browser reads and draws the world faster."""
    import numpy as np
    import shapely

    topo = json.loads((package / "countries-50m.json").read_text(encoding="utf-8"))
    scale = np.array(topo["transform"]["scale"])
    arcs = []
    for arc in topo["arcs"]:
        points = np.cumsum(np.array(arc, dtype=np.int64), axis=0)
        if len(points) > 2:
            line = shapely.simplify(shapely.linestrings(points * scale), SIMPLIFY_DEGREES)
            kept = np.rint(shapely.get_coordinates(line) / scale).astype(np.int64)
            kept[0], kept[-1] = points[0], points[-1]
            points = kept
        arcs.append(np.vstack([points[:1], np.diff(points, axis=0)]).tolist())
    before, after = sum(len(a) for a in topo["arcs"]), sum(len(a) for a in arcs)
    topo["arcs"] = arcs
    (dest / SIMPLE_FILE).write_text(json.dumps(topo, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {SIMPLE_FILE}: {after} of {before} points, {(dest / SIMPLE_FILE).stat().st_size // 1024} KB")


def derive_world_atlas(package: Path, dest: Path) -> None:
    """The files derived from world-atlas: the 1:10m cut round Cuba and the simplified world."""
    cut_fine(package, dest)
    simplify_world(package, dest)


DERIVED: dict[str, Callable[[Path, Path], None]] = {"world-atlas@2.0.2": derive_world_atlas}


def package_name(spec: str) -> str:
    """``leaflet@1.9.4`` -> ``leaflet`` (a scoped ``@scope/name@1.0`` keeps its scope)."""
    return spec.rsplit("@", 1)[0]


def destination(spec: str) -> Path:
    """The folder a package's files go to: its DESTINATIONS entry, else ``static/vendor/<name>``."""
    name = package_name(spec)
    return DESTINATIONS.get(name, VENDOR / name)


def vendor(spec: str, files: list[str]) -> None:
    """Fetch one npm package tarball with ``npm pack`` and copy the listed files."""
    dest = destination(spec)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        if dest.exists():
            shutil.rmtree(dest)
        for rel in files:
            src = Path(tmp) / "package" / rel
            out = dest / rel.removeprefix("dist/").removeprefix("build/")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out)
        if spec in DERIVED:
            DERIVED[spec](Path(tmp) / "package", dest)
    (dest / "VERSION").write_text(spec + "\n", encoding="utf-8")
    print(f"vendored {spec} -> {dest.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> None:
    """Vendor the packages named on the command line, or every package listed in PACKAGES."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="package names (e.g. axe-core); default: all")
    args = parser.parse_args(argv)
    known = {package_name(spec): spec for spec in PACKAGES}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"not in PACKAGES: {', '.join(unknown)} (known: {', '.join(known)})")
    for name in args.names or list(known):
        vendor(known[name], PACKAGES[known[name]])


if __name__ == "__main__":
    main()
