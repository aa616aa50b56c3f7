"""Vendor the front-end assets and the Natural Earth basemap from the npm registry.

Run once (``python scripts/vendor_assets.py``) when a version changes; the results are committed
under ``static/vendor`` so that the app, its exports and its tests never reach the network.
Each package keeps its licence next to its files.
"""

from __future__ import annotations

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
}


def vendor(spec: str, files: list[str]) -> None:
    """Fetch one npm package tarball with ``npm pack`` and copy the listed files."""
    name = spec.rsplit("@", 1)[0]
    dest = VENDOR / name
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


def main() -> None:
    """Vendor every package listed in PACKAGES."""
    for spec, files in PACKAGES.items():
        vendor(spec, files)


if __name__ == "__main__":
    main()
