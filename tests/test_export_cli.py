"""``snapshot`` and ``animate`` from the command line: the files they write, and one-sentence errors (exit 2,
no traceback, no file) for bad arguments."""

from __future__ import annotations

import io
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import imageio.v3 as iio
import pytest
from PIL import Image

from geoapp.cli import SIZE_LIMITS, main, parse_size, parse_step
from tests.conftest import MINI, ROOT

AT = "1962-10-27T16:00Z"
SMALL = "640x360"
# the smallest animation the size limits allow (both even, so it also suits an MP4)
ANIM_W, ANIM_H = 320, SIZE_LIMITS[0]
ANIM_SIZE = f"{ANIM_W}x{ANIM_H}"
SPAN = ["--start", "1962-10-22T00:00Z", "--end", "1962-10-23T00:00Z"]


def _ok(capsys, argv: list[str]) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err
    return err


def _fails(capsys, argv: list[str], *needles: str) -> str:
    """The command exits 2 with one ``error:`` sentence naming each needle, and no traceback."""
    code = main(argv)
    captured = capsys.readouterr()
    err = captured.err
    assert code == 2, err
    assert err.startswith("error: "), err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err + captured.out
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def _snapshot(out: Path, *extra: str) -> list[str]:
    return ["snapshot", "--at", AT, "--out", str(out), "--size", SMALL, *extra]


def _animate(out: Path, *extra: str, size: str = ANIM_SIZE) -> list[str]:
    return ["animate", *SPAN, "--step", "12h", "--size", size, "--out", str(out), "--quiet", *extra]


# -- snapshot -------------------------------------------------------------------------------------------


def test_snapshot_writes_a_png_of_the_asked_size(capsys, tmp_path):
    out = tmp_path / "x.png"
    err = _ok(capsys, _snapshot(out))
    with Image.open(out) as im:
        assert im.format == "PNG" and im.size == (640, 360)
        assert im.info["Description"] == AT
    assert f"wrote {out}" in err and "640x360" in err


def test_snapshot_writes_svg_and_pdf(capsys, tmp_path):
    svg = tmp_path / "x.svg"
    _ok(capsys, _snapshot(svg))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and 'id="cmc-legend"' in text
    pdf = tmp_path / "x.pdf"
    _ok(capsys, _snapshot(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_snapshot_in_japanese_with_two_layers(capsys, tmp_path):
    out = tmp_path / "ja.png"
    _ok(capsys, _snapshot(out, "--lang", "ja", "--layers", "quarantine,ships"))
    with Image.open(out) as im:
        assert im.size == (640, 360)
        assert im.info["Title"] == "キューバ危機アトラス"


def test_snapshot_layers_change_the_picture(capsys, tmp_path):
    all_layers, some = tmp_path / "all.png", tmp_path / "some.png"
    _ok(capsys, _snapshot(all_layers))
    _ok(capsys, _snapshot(some, "--layers", "quarantine"))
    assert all_layers.read_bytes() != some.read_bytes()


def test_snapshot_a4_size_and_a_bbox_past_the_antimeridian(capsys, tmp_path):
    assert parse_size("a4") == (3508, 2480) and parse_size("A4") == (3508, 2480)
    out = tmp_path / "chukotka.png"
    _ok(capsys, _snapshot(out, "--bbox", "150,40,200,75"))
    with Image.open(out) as im:
        assert im.size == (640, 360)
        assert im.info["View"] == "150.000,40.000,200.000,75.000"  # the asked box, though 16:00 follows a key moment


def test_snapshot_at_a_key_moment_frames_its_area_unless_bbox_is_given(capsys, tmp_path):
    """Anderson's U-2 shot down (15:20Z): with no --bbox the image shows the area the moment is about, with a
    margin; --bbox keeps the asked view."""
    from geoapp.viewport import focus_bbox

    out = tmp_path / "anderson.png"
    err = _ok(capsys, ["snapshot", "--at", "1962-10-27T15:20Z", "--out", str(out), "--size", SMALL])
    assert "framed on the key moment's area" in err and "--bbox" in err
    with Image.open(out) as im:
        view = tuple(float(v) for v in im.info["View"].split(","))
    assert view == pytest.approx(focus_bbox((-77.5, 19.6, -74.0, 22.0)), abs=1e-3)
    _ok(capsys, ["snapshot", "--at", "1962-10-27T15:20Z", "--out", str(out), "--size", SMALL,
                 "--bbox", "-90,15,-65,35"])
    with Image.open(out) as im:
        assert im.info["View"] == "-90.000,15.000,-65.000,35.000"


def test_snapshot_from_another_data_folder(capsys, tmp_path):
    out = tmp_path / "mini.png"
    _ok(capsys, ["snapshot", "--at", "1962-10-23T00:00Z", "--out", str(out), "--size", SMALL, "--data", str(MINI)])
    with Image.open(out) as im:
        assert im.size == (640, 360)


def test_snapshot_twice_gives_the_same_bytes(capsys, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    _ok(capsys, _snapshot(a))
    _ok(capsys, _snapshot(b))
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(("extra", "needles"), [
    (["--layers", "nope"], ["unknown layer", "nope", "quarantine"]),
    (["--layers", "ships,nope"], ["nope"]),
    (["--at", "1970-01-01T00:00Z"], ["--at", "outside the atlas's timeline"]),
    (["--at", "garbage"], ["--at", "garbage", "not an ISO 8601 time"]),
    (["--size", "10x10"], ["--size", "10x10", "out of range"]),
    (["--size", "big"], ["--size", "big", "WIDTHxHEIGHT"]),
    (["--size", "9000x1000"], ["--size", "out of range"]),
    (["--bbox", "1,2,3"], ["--bbox", "west,south,east,north"]),
    (["--bbox=-90,35,-60,15"], ["--bbox", "south"]),  # "=": argparse takes a value starting with "-" as a flag
    (["--bbox=-90,15,-60,89"], ["--bbox", "85"]),
])
def test_snapshot_bad_arguments_are_sentences_and_write_nothing(capsys, tmp_path, extra, needles):
    _fails(capsys, _snapshot(tmp_path / "x.png", *extra), *needles)  # a flag given twice: the last one counts
    assert list(tmp_path.iterdir()) == []


def test_snapshot_bad_output_paths_are_sentences(capsys, tmp_path):
    _fails(capsys, _snapshot(tmp_path / "missing" / "x.png"), "--out", "does not exist")
    assert not (tmp_path / "missing").exists()
    _fails(capsys, _snapshot(tmp_path / "x.txt"), "--out", ".png or .svg or .pdf")
    _fails(capsys, _snapshot(tmp_path / "x"), "--out")
    assert list(tmp_path.iterdir()) == []


def test_snapshot_negative_dpi_is_a_sentence(capsys, tmp_path):
    _fails(capsys, _snapshot(tmp_path / "x.png", "--dpi", "-5"), "--dpi")
    assert list(tmp_path.iterdir()) == []


def test_snapshot_bbox_with_a_negative_west_as_a_separate_argument(capsys, tmp_path):
    out = tmp_path / "x.png"
    _ok(capsys, _snapshot(out, "--bbox", "-90,15,-65,35"))
    assert out.exists()


def test_snapshot_out_is_an_existing_folder(capsys, tmp_path):
    (tmp_path / "x.png").mkdir()
    _fails(capsys, _snapshot(tmp_path / "x.png"), "--out")


# -- animate ------------------------------------------------------------------------------------------


def test_animate_writes_a_gif_with_a_frame_per_step(capsys, tmp_path):
    out = tmp_path / "a.gif"
    err = _ok(capsys, _animate(out))
    frames = iio.imread(out, index=None)
    assert frames.shape[0] == 3  # 22 Oct 00:00, 12:00 and 23 Oct 00:00
    assert frames.shape[1:3] == (ANIM_H, ANIM_W)
    assert "3 frames" in err
    with Image.open(out) as im:
        assert im.info["duration"] == 500  # the default 2 frames per second
        assert im.info["loop"] == 0
    assert not (frames[0] == frames[1]).all()  # the clock moves: frames differ


def test_animate_gif_twice_gives_the_same_bytes(capsys, tmp_path):
    a, b = tmp_path / "a.gif", tmp_path / "b.gif"
    _ok(capsys, _animate(a))
    _ok(capsys, _animate(b))
    assert a.read_bytes() == b.read_bytes()


def test_animate_writes_an_mp4(capsys, tmp_path):
    out = tmp_path / "a.mp4"
    err = _ok(capsys, _animate(out, "--fps", "4", "--lang", "ja", "--layers", "quarantine,ships"))
    data = out.read_bytes()
    assert len(data) > 1000 and data[4:8] == b"ftyp"
    assert "3 frames" in err


def test_animate_with_the_mini_data_and_a_bbox(capsys, tmp_path):
    out = tmp_path / "mini.gif"
    _ok(capsys, _animate(out, "--data", str(MINI), "--bbox=-90,15,-55,35", "--step", "1d"))
    assert iio.imread(out, index=None).shape[0] == 2


def test_parse_step_and_size():
    assert parse_step("1h") == 3600 and parse_step("12h") == 43200 and parse_step("1d") == 86400
    assert parse_step(" 6H ") == 6 * 3600
    assert parse_size("1920x1080") == (1920, 1080) and parse_size("800 X 450") == (800, 450)


@pytest.mark.parametrize(("argv_patch", "needles", "suffix"), [
    ({"--step": "0h"}, ["--step", "0h"], ".gif"),
    ({"--step": "5x"}, ["--step", "5x"], ".gif"),
    ({"--step": "h"}, ["--step"], ".gif"),
    ({"--end": "1962-10-21T00:00Z"}, ["--end must come after --start"], ".gif"),
    ({"--end": "1962-10-22T00:00Z"}, ["--end must come after --start"], ".gif"),
    ({"--start": "1950-01-01T00:00Z"}, ["--start", "outside the atlas's timeline"], ".gif"),
    ({"--end": "soon"}, ["--end", "not an ISO 8601 time"], ".gif"),
    ({"--size": "321x201"}, ["--size", "even", "321x201"], ".mp4"),
    ({"--size": "320x201"}, ["--size", "even"], ".mp4"),
    ({"--size": "10x10"}, ["--size", "out of range"], ".gif"),
    ({"--fps": "0"}, ["--fps", "out of range"], ".gif"),
    ({"--fps": "100"}, ["--fps", "out of range"], ".gif"),
    ({"--fps": "nan"}, ["--fps"], ".gif"),
    ({"--step": "1h", "--end": "1963-04-30T00:00Z"}, ["--step", "too many"], ".gif"),
    ({"--layers": "nope"}, ["nope"], ".gif"),
    ({"--bbox": "1,2,3"}, ["--bbox"], ".gif"),
])
def test_animate_bad_arguments_are_sentences_and_write_nothing(capsys, tmp_path, argv_patch, needles, suffix):
    extra = [token for flag, value in argv_patch.items() for token in (flag, value)]
    _fails(capsys, _animate(tmp_path / f"a{suffix}", *extra), *needles)  # a flag given twice: the last one counts
    assert list(tmp_path.iterdir()) == []


def test_animate_bad_output_paths_are_sentences(capsys, tmp_path):
    _fails(capsys, _animate(tmp_path / "missing" / "a.gif"), "--out", "does not exist")
    _fails(capsys, _animate(tmp_path / "a.png"), "--out", ".gif or .mp4")
    assert list(tmp_path.iterdir()) == []


def test_animate_out_is_an_existing_folder(tmp_path):
    # in a child process: the failed GIF writer would otherwise retry its write when collected, in a later test
    (tmp_path / "a.gif").mkdir()
    r = subprocess.run([sys.executable, "-m", "geoapp", *_animate(tmp_path / "a.gif")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert (tmp_path / "a.gif").is_dir()
    assert r.returncode == 2 and r.stderr.startswith("error: --out") and "Traceback" not in r.stderr, r.stderr


def test_an_odd_size_is_fine_for_a_gif(capsys, tmp_path):
    out = tmp_path / "odd.gif"
    _ok(capsys, _animate(out, "--step", "1d", size="321x201"))
    assert iio.imread(out, index=None).shape == (2, 201, 321, 3)


# -- nothing is written beside the output -------------------------------------------------------------


def test_snapshot_and_animate_write_only_the_asked_file(capsys, tmp_path, monkeypatch):
    snap_dir, anim_dir, mp4_dir = tmp_path / "snap", tmp_path / "anim", tmp_path / "mp4"
    for d in (snap_dir, anim_dir, mp4_dir):
        d.mkdir()
    monkeypatch.chdir(snap_dir)  # relative output paths, and nothing may land in the working folder either
    _ok(capsys, _snapshot(Path("only.png")))
    assert [p.name for p in snap_dir.iterdir()] == ["only.png"]
    monkeypatch.chdir(anim_dir)
    _ok(capsys, _animate(Path("only.gif")))
    assert [p.name for p in anim_dir.iterdir()] == ["only.gif"]
    monkeypatch.chdir(mp4_dir)
    _ok(capsys, _animate(Path("only.mp4")))
    assert [p.name for p in mp4_dir.iterdir()] == ["only.mp4"]
    with Image.open(io.BytesIO((snap_dir / "only.png").read_bytes())) as im:
        assert im.size == (640, 360)


def test_a_written_file_is_readable_as_the_umask_says_and_a_replaced_one_keeps_its_mode(capsys, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        _ok(capsys, _snapshot(tmp_path / "shared.png"))
        assert (tmp_path / "shared.png").stat().st_mode & 0o777 == 0o644  # not the temporary file's 0600
        (tmp_path / "shared.png").chmod(0o640)
        _ok(capsys, _snapshot(tmp_path / "shared.png"))
        assert (tmp_path / "shared.png").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


# -- the CSV download -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_csv_says_in_words_what_its_codes_mean(prepared, lang):
    """The CSV kept only codes (``operational``, ``cargo``, ``in_force``): the code columns stay for programs,
    and ``*_label`` columns say the same in the chosen language. UTF-8 with a BOM, as before."""
    import csv
    from datetime import UTC, datetime

    from geoapp.render.tables import COLUMNS, to_csv_bytes
    from geoapp.scene import build_scene
    from layers import REGISTRY

    scene = build_scene(prepared, datetime(1962, 10, 27, 18, tzinfo=UTC), REGISTRY, lang=lang)
    raw = to_csv_bytes(scene)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    by_id = {r["id"]: r for r in rows}
    site, line = by_id["san-cristobal-1"], by_id["quarantine-500"]
    assert (site["kind"], site["status"], site["side"], line["status"]) == ("MRBM", "operational", "soviet", "in_force")
    words = {"en": ("MRBM site (R-12)", "operational", "Soviet", "in force"),
             "ja": ("準中距離弾道ミサイル基地（R-12）", "稼働", "ソ連", "実施中")}[lang]
    assert (site["kind_label"], site["status_label"], site["side_label"], line["status_label"]) == words
    assert all(r["layer_label"] and r["kind_label"] for r in rows)
    assert all(r["time_label"] for r in rows if r["time"])
    if lang == "ja":
        ships = [r for r in rows if r["layer"] == "ships"]
        assert ships and all(r["kind_label"] != r["kind"] and r["side_label"] != r["side"] for r in ships)
        shown = [r[c] for r in rows for c in ("layer_label", "kind_label", "side_label", "status_label")]
        assert not [w for w in shown if any(code in w for code in ("in_force", "cargo", "soviet", "operational"))]


# -- the operating system says no: one sentence, exit 2, nothing left behind (issue 14) ------------------------

def _cli(*args: str, limit_bytes: int | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return subprocess.run([sys.executable, "-m", "geoapp", *args], cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=300, preexec_fn=limit)


def _one_sentence(r: subprocess.CompletedProcess, *needles: str) -> None:
    """Exit 2 with one ``error:`` sentence (after any line of progress) and no traceback."""
    assert r.returncode == 2, r.stderr
    errors = [line for line in r.stderr.strip().splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and r.stderr.strip().endswith(errors[0]) and "Traceback" not in r.stderr, r.stderr
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


@pytest.mark.parametrize(("cmd", "suffix"), [("snapshot", ".png"), ("export-html", ".html"), ("animate", ".gif"),
                                             ("animate", ".mp4")])
def test_a_full_disk_is_a_sentence_and_leaves_nothing(tmp_path, cmd, suffix):
    out = tmp_path / f"x{suffix}"
    args = {"snapshot": ["--at", AT, "--size", SMALL], "export-html": [],
            "animate": [*SPAN, "--step", "12h", "--size", ANIM_SIZE, "--quiet"]}[cmd]
    r = _cli(cmd, *args, "--out", str(out), limit_bytes=48_000)
    _one_sentence(r, str(out), "the disk may be full" if suffix == ".mp4" else "free some space")
    assert list(tmp_path.iterdir()) == []


def test_output_that_cannot_be_written_is_a_sentence(tmp_path):
    _one_sentence(_cli("snapshot", "--at", AT, "--size", SMALL, "--out", "/proc/x.png"), "/proc/x.png")
    full = tmp_path / "full.png"
    full.symlink_to("/dev/full")
    _one_sentence(_cli("snapshot", "--at", AT, "--size", SMALL, "--out", str(full)), "not a plain file")
    with open("/dev/full", "w") as sink:
        r = _cli("state", "--at", AT, "--compact", stdout=sink)
    assert r.returncode == 2 and r.stderr.strip().splitlines() == [
        "error: could not write the output: no space left on device; free some space or choose another path"]


@pytest.mark.parametrize("after", [0.0, 1.0])  # as its writer is being made, and among the frames
def test_sigterm_during_an_animation_leaves_no_file(tmp_path, after):
    out = tmp_path / "long.gif"
    proc = subprocess.Popen([sys.executable, "-m", "geoapp", "animate", "--start", "1962-10-01", "--end",
                             "1962-11-20", "--step", "6h", "--size", "320x200", "--quiet", "--out", str(out)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not any(p.name.startswith(".long.") for p in tmp_path.iterdir()):  # frames are being written
        assert time.time() < deadline and proc.poll() is None, "the animation did not start"
        time.sleep(0.01)
    time.sleep(after)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and err.strip().splitlines() == ["error: interrupted; nothing was written"], err
    assert list(tmp_path.iterdir()) == []
