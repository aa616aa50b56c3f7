"""Tier 6: the Streamlit shell with AppTest - URL state, controls, errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_default_page_draws_without_errors():
    at = _app()
    assert not at.exception
    assert at.slider[0].value == datetime(1962, 10, 14, 12, 0)
    assert at.query_params["t"] == ["1962-10-14T12:00Z"] or at.query_params["t"] == "1962-10-14T12:00Z"
    assert any("Crisis clock" in m.value for m in at.markdown)


def test_url_state_is_restored():
    at = _app(t="1962-10-27T16:00Z", lang="ja", layers="ships,quarantine")
    assert not at.exception
    assert at.slider[0].value == datetime(1962, 10, 27, 16, 0)
    assert at.radio(key="lang").value == "ja"
    assert at.checkbox(key="layer_ships").value and not at.checkbox(key="layer_range_rings").value
    assert any("危機の時計" in m.value for m in at.markdown)


def test_step_buttons_move_six_hours_and_update_the_url():
    at = _app(t="1962-10-24T12:00Z")
    at.button[1].click().run()  # 6 h ▶
    assert at.slider[0].value == datetime(1962, 10, 24, 18, 0)
    qp = at.query_params["t"]
    assert (qp[0] if isinstance(qp, list) else qp) == "1962-10-24T18:00Z"
    at.button[0].click().run()  # ◀ 6 h
    assert at.slider[0].value == datetime(1962, 10, 24, 12, 0)


def test_next_key_moment_jumps_forward():
    at = _app(t="1962-10-24T12:00Z")
    at.button[3].click().run()
    assert at.slider[0].value > datetime(1962, 10, 24, 12, 0)


def test_bad_url_values_warn_in_a_sentence_and_fall_back():
    at = _app(t="1999-01-01T00:00Z", layers="ships,unicorns")
    assert not at.exception
    texts = " ".join(w.value for w in at.warning)
    assert "outside the atlas's timeline" in texts and "unicorns" in texts
    assert at.slider[0].value == datetime(1962, 10, 14, 12, 0)


def test_language_switch_changes_labels():
    at = _app()
    at.radio(key="lang").set_value("ja").run()
    assert any("この時点の出来事" in m.value for m in at.markdown)
    qp = at.query_params["lang"]
    assert (qp[0] if isinstance(qp, list) else qp) == "ja"
