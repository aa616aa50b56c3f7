"""The palette stays distinguishable for people with colour-vision deficiencies.

Each pair of colours that must be told apart is simulated for protanopia, deuteranopia and
tritanopia (Machado, Oliveira & Fernandes 2009, severity 1) and compared in CIELAB (ΔE*ab).
"""

from __future__ import annotations

import itertools

import pytest

from geoapp import style
from layers.events import EVENT_COLOR
from layers.flights import FLIGHT_COLOR

MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DELTA_E = 20.0

#: colours that carry a distinction a reader must see on the map
MUST_DIFFER = {
    "sides": [style.SOVIET, style.US, style.BLOC, style.CHARTER],
    "rings": [style.RING_COLOR["r-12"], style.RING_COLOR["r-14"], style.RING_COLOR["jupiter"]],
    "moving things": [style.SOVIET, style.US, FLIGHT_COLOR, style.EVENT_FILL],
    # the rings round Europe's US missiles against the US sites and ships they are drawn over
    "Jupiter rings and US": [style.RING_COLOR["jupiter"], style.US, FLIGHT_COLOR],
}

#: Over Cuba a missile ring lies over the sites, the ships and their tracks of every side: it takes a hue of its own.
CUBAN_RINGS = [style.RING_COLOR["r-12"], style.RING_COLOR["r-14"]]
SIDES = [style.SOVIET, style.US, style.CUBAN, style.BLOC, style.CHARTER, FLIGHT_COLOR]
#: a ring and a side's colour are told apart by shape too (an outlined area, not a marker or a track): a lower bar
RING_SIDE_DELTA_E = 15.0


def _lin(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hexcolor: str) -> tuple[float, float, float]:
    h = hexcolor.lstrip("#")
    return tuple(_lin(int(h[i:i + 2], 16) / 255) for i in (0, 2, 4))  # type: ignore[return-value]


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _simulate(hexcolor: str, kind: str) -> tuple[float, float, float]:
    m = MACHADO[kind]
    c = _rgb(hexcolor)
    return tuple(sum(m[i][j] * c[j] for j in range(3)) for i in range(3))  # type: ignore[return-value]


def delta_e(a: str, b: str, kind: str | None) -> float:
    """ΔE*ab between two colours as seen with ``kind`` of colour blindness (None: normal vision)."""
    la = _lab(_simulate(a, kind) if kind else _rgb(a))
    lb = _lab(_simulate(b, kind) if kind else _rgb(b))
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5


@pytest.mark.parametrize("group", list(MUST_DIFFER))
@pytest.mark.parametrize("kind", [None, *MACHADO])
def test_colours_stay_apart(group, kind):
    close = [(a, b, round(delta_e(a, b, kind), 1)) for a, b in itertools.combinations(MUST_DIFFER[group], 2)
             if delta_e(a, b, kind) < MIN_DELTA_E]
    assert close == []


@pytest.mark.parametrize("kind", [None, *MACHADO])
def test_rings_over_cuba_are_not_read_as_a_side(kind):
    close = [(r, c, round(delta_e(r, c, kind), 1)) for r in CUBAN_RINGS for c in SIDES
             if delta_e(r, c, kind) < RING_SIDE_DELTA_E]
    assert close == []


def test_event_markers_stand_out_from_sides():
    for kind in [None, *MACHADO]:
        assert delta_e(EVENT_COLOR, style.US, kind) >= MIN_DELTA_E


def test_streamlit_theme_is_the_palette():
    """The page's theme in .streamlit/config.toml says what geoapp.style.UI says."""
    import tomllib
    from pathlib import Path

    theme = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())["theme"]
    assert {"primary": theme["primaryColor"], "background": theme["backgroundColor"],
            "secondary": theme["secondaryBackgroundColor"], "text": theme["textColor"]} == style.UI


@pytest.mark.parametrize("sheet", ["atlas.css", "chart.css"])
def test_atlas_css_takes_its_colours_from_the_palette(sheet):
    """The atlas's style sheets name colours only through the --cmc-* variables that style.css_variables()
    defines (black shadows aside), and every variable they use is defined (there, or in the sheet itself)."""
    import re
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "static" / "atlas" / sheet).read_text()
    literals = [c for c in re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)", css) if not c.startswith("rgba(0,0,0,")]
    assert literals == []
    defined = set(re.findall(r"--cmc-([a-z-]+):", style.css_variables() + css))
    used = set(re.findall(r"var\(--cmc-([a-z-]+)\)", css))
    assert used <= defined, used - defined
