"""Shared fixtures: the real catalog (prepared once) and a copy of the mini data set to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geoapp.catalog import prepared_catalog

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="session")
def prepared():
    """The real atlas data, validated and with its tracks computed."""
    return prepared_catalog()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid data set in tests/fixtures/mini."""
    dest = tmp_path / "data"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (see tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
