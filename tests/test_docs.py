"""The README keeps up with what the code declares: every CLI command and option, every URL parameter,
every layer and every data file is named in the documentation a newcomer reads."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from geoapp import cli
from geoapp.ui.state import URL_PARAMS
from layers import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_README = (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, list[str]]:
    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [o for a in p._actions for o in a.option_strings if o.startswith("--") and a.help != argparse.SUPPRESS
                   and o != "--help"]
            for name, p in sub.choices.items()}


def test_every_cli_command_and_option_is_in_the_readme():
    missing = []
    for name, options in _commands().items():
        if f"geoapp {name}" not in README:
            missing.append(name)
        missing += [f"{name} {o}" for o in options if o not in README]
    assert missing == []


def test_every_url_parameter_is_in_the_readme():
    missing = [p for p in URL_PARAMS if not re.search(rf"[?&`]{p}=", README)]
    assert missing == []


def test_every_layer_and_data_file_is_documented():
    assert [lid for lid in REGISTRY if f"`{lid}`" not in README + DATA_README] == []
    files = sorted(p.name for p in (ROOT / "data").glob("*.yaml"))
    assert [f for f in files if f not in DATA_README] == []
