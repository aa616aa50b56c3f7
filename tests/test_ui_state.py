"""Tier 1: the page's state (geoapp.ui.state) alone - its URL round trip, without Streamlit."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geoapp import clock, settings
from geoapp.ui.state import UIState, parse_query, period_for, to_query, wants_kiosk

ROOT = Path(__file__).resolve().parents[1]
CONF = settings.Settings()  # the built-in defaults, whatever atlas.toml says


@pytest.mark.parametrize("state", [
    UIState(t=datetime(1962, 10, 27, 16, 0, tzinfo=UTC)),
    UIState(t=datetime(1962, 10, 24, 14, 0, tzinfo=UTC), lang="ja", layers=("quarantine", "ships"),
            figure="us_1962"),
    UIState(t=datetime(1962, 9, 9, 0, 0, tzinfo=UTC), layers=()),
    UIState(t=datetime(1962, 11, 20, 12, 0, tzinfo=UTC), lang="en", figure="soviet", kiosk=True, idle=45),
], ids=["default", "chosen", "no-layers", "kiosk"])
def test_state_round_trips_through_the_url(state):
    again, warnings = parse_query(to_query(state), CONF)
    assert warnings == []
    assert again == state


def test_period_and_bounds_stay_out_of_the_url():
    moment = datetime(1962, 10, 27, 16, 0, tzinfo=UTC)
    state = UIState(t=moment, period="all", bbox=(-86.0, 19.0, -73.0, 25.0))
    q = to_query(state)
    assert q == {"t": "1962-10-27T16:00Z", "lang": "en", "layers": ",".join(UIState(t=moment).layers)}
    again, _ = parse_query(q, CONF)
    assert again.bbox is None and again.view == "actual" and again.period == period_for(moment) == "crisis"


@pytest.mark.parametrize("view", ["known", "gap"])
def test_view_round_trips_through_the_url(view):
    moment = datetime(1962, 10, 27, 16, 0, tzinfo=UTC)
    q = to_query(UIState(t=moment, view=view))
    assert q["view"] == view
    again, warnings = parse_query(q, CONF)
    assert again.view == view and not warnings


def test_an_unknown_view_in_the_url_is_a_warning_and_the_default():
    state, warnings = parse_query({"view": "secret"}, CONF)
    assert state.view == "actual"
    assert warnings and "secret" in warnings[0] and "actual, known, gap" in warnings[0]


def test_period_defaults_to_the_one_holding_the_moment():
    assert UIState(t=datetime(1962, 10, 24, 12, 0, tzinfo=UTC)).period == "crisis"
    assert UIState(t=datetime(1962, 8, 1, 0, 0, tzinfo=UTC)).period == "anadyr"
    assert UIState(t=datetime(1962, 10, 24, 12, 0, tzinfo=UTC), period="nonsense").period == "crisis"
    chosen = UIState(t=datetime(1962, 10, 24, 12, 0, tzinfo=UTC), period="thirteen_days")
    assert chosen.period == "thirteen_days" and chosen.period_range == clock.PERIODS["thirteen_days"]


def test_kiosk_is_asked_for_in_several_spellings():
    assert all(wants_kiosk({"kiosk": v}) for v in ("1", "true", "YES"))
    assert not any(wants_kiosk(p) for p in ({}, {"kiosk": "0"}, {"kiosk": ""}))


def test_state_imports_without_streamlit():
    code = ("import sys, geoapp.ui.state, geoapp.ui; "
            "assert 'streamlit' not in sys.modules, 'streamlit was imported'; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_layers_come_back_in_draw_order():
    state, _ = parse_query({"layers": "ships,quarantine"}, CONF)
    assert state.layers == ("quarantine", "ships")
