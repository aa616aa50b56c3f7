"""Reading one data file safely: whatever is in the folder, the result is records or sentences, never a hang, a
traceback or all the memory.

A data file must be a plain file (not a folder, a pipe or a device) of at most :data:`MAX_BYTES`, in UTF-8, holding
a YAML list of records each with a text ``id``. YAML aliases are refused (a few hundred bytes of them expand to
gigabytes), and so is a key given twice in one mapping (the second would silently win).
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from geoapp.io.reader import Problem

#: The largest data file read (bytes): the biggest file of the atlas is about 160 KB.
MAX_BYTES = 10_000_000


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML without aliases and without a key given twice in one mapping."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "an alias (*name) is not allowed in a data file: write the value out", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key_node.value!r} is given twice in one mapping", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem saying why it cannot be read."""
    def bad(message: str, where: str = "-") -> None:
        problems.append(Problem(name, where, "-", message))

    try:
        info = path.stat()
    except FileNotFoundError:
        bad("file not found")
        return None
    except OSError as exc:
        bad(f"cannot be read: {exc.strerror or exc}")
        return None
    if not stat.S_ISREG(info.st_mode):  # never opened: a pipe would wait for ever, /dev/zero never end
        bad("is not a plain file (it is a folder, a pipe or a device); a data file must be a regular file")
        return None
    limit = f"a data file may hold at most {MAX_BYTES / 1e6:.0f} MB"
    if info.st_size > MAX_BYTES:
        bad(f"is {info.st_size / 1e6:.1f} MB; {limit}")
        return None
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        bad(f"cannot be read: {exc.strerror or exc}")
        return None
    if len(data) > MAX_BYTES:
        bad(f"grew past {MAX_BYTES / 1e6:.0f} MB while it was read; {limit}")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        bad("is UTF-16 text; save it as UTF-8")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        bad(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); save it as UTF-8", f"line {line}")
        return None


def read_records(path: Path, name: str, problems: list[Problem], required: bool = True) -> list[dict]:
    """The records of one data file that have a text id; every other case is a problem on ``problems``: a file
    that cannot be read (:func:`_read_text`), bad YAML, no list, no record at all (when ``required``), a record
    without an id or with an id that is not text."""
    text = _read_text(path, name, problems)
    if text is None:
        return []
    try:
        doc = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader without aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "-"
        problems.append(Problem(name, where, "-", f"not valid YAML: {getattr(exc, 'problem', None) or exc}"))
        return []
    except RecursionError:
        problems.append(Problem(name, "-", "-", "is nested too deeply to be read; a record is a few levels deep"))
        return []
    if doc is None or doc == []:
        if required:
            problems.append(Problem(name, "-", "-", "holds no records: it should be a list of records (- id: ...)"))
        return []
    if not isinstance(doc, list):
        problems.append(Problem(name, "-", "-", "should be a list of records"))
        return []
    good = []
    for i, rec in enumerate(doc):
        if not isinstance(rec, dict) or rec.get("id") is None or rec.get("id") == "":
            problems.append(Problem(name, f"#{i + 1}", "id", "record without an id"))
        elif not isinstance(rec["id"], str):
            problems.append(Problem(name, f"#{i + 1}", "id", f"should be text, not {type(rec['id']).__name__}"))
        else:
            good.append(rec)
    return good
