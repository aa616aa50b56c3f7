"""Vendor the front-end assets and the Natural Earth basemap from the npm registry.

Run once (``python scripts/vendor_assets.py``) when a version changes; the results are committed
under ``static/vendor`` so that the app, its exports and its tests never reach the network.
Each package keeps its licence next to its files. A package listed in DESTINATIONS goes to another
folder instead (axe-core, which only the tests use, goes to ``tests/vendor``). Name packages to vendor
only those: ``python scripts/vendor_assets.py axe-core``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

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
            out = dest / rel.removeprefix("dist/")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out)
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
