"""Tier 6: the Streamlit shell with AppTest - URL state, the map's committed moment, errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _qp(at: AppTest, key: str) -> str:
    v = at.query_params[key]
    return v[0] if isinstance(v, list) else v


def test_default_page_draws_without_errors():
    at = _app()
    assert not at.exception
    assert at.session_state["moment"] == datetime(1962, 10, 14, 12, 0, tzinfo=UTC)
    assert _qp(at, "t") == "1962-10-14T12:00Z"
    assert any("Cuban Missile Crisis Atlas" in h.proto.body for h in at.get("html"))  # the title row


def test_url_state_is_restored():
    at = _app(t="1962-10-27T16:00Z", lang="ja", layers="ships,quarantine")
    assert not at.exception
    assert at.session_state["moment"] == datetime(1962, 10, 27, 16, 0, tzinfo=UTC)
    assert at.radio(key="lang").value == "ja"
    assert at.checkbox(key="layer_ships").value and not at.checkbox(key="layer_range_rings").value
    assert any("キューバ危機アトラス" in h.proto.body for h in at.get("html"))


def test_moment_committed_by_the_map_moves_the_url_and_the_exports():
    at = _app(t="1962-10-24T12:00Z")
    at.session_state["atlas_map"] = {"t": "1962-10-24T18:00Z", "seq": 1}
    at.run()
    assert at.session_state["moment"] == datetime(1962, 10, 24, 18, 0, tzinfo=UTC)
    assert _qp(at, "t") == "1962-10-24T18:00Z"
    assert any("Wed 24 Oct 1962, 14:00 EDT" in c.value for c in at.caption)  # the snapshot follows
    # the same commit seen again (a rerun for another reason) does not move the moment back
    at.session_state["moment"] = datetime(1962, 10, 25, 0, 0, tzinfo=UTC)
    at.run()
    assert _qp(at, "t") == "1962-10-25T00:00Z"


def test_bad_url_values_warn_in_a_sentence_and_fall_back():
    at = _app(t="1999-01-01T00:00Z", layers="ships,unicorns")
    assert not at.exception
    texts = " ".join(w.value for w in at.warning)
    assert "outside the atlas's timeline" in texts and "unicorns" in texts
    assert at.session_state["moment"] == datetime(1962, 10, 14, 12, 0, tzinfo=UTC)


def test_language_switch_changes_labels():
    at = _app()
    at.radio(key="lang").set_value("ja").run()
    assert any("保存・書き出し" in m.value for m in at.markdown)
    assert _qp(at, "lang") == "ja"


def test_kiosk_query_and_settings(tmp_path):
    from geoapp import settings
    from geoapp.ui.state import parse_query, to_query

    conf = settings.load()
    state, warnings = parse_query({"kiosk": "1", "idle": "30"}, conf)
    assert state.kiosk and state.idle == 30 and state.lang == conf.kiosk.default_lang and not warnings
    assert state.t == conf.kiosk.start
    assert to_query(state)["kiosk"] == "1" and to_query(state)["idle"] == "30"
    state, warnings = parse_query({"kiosk": "1", "idle": "soon", "lang": "en"}, conf)
    assert state.idle == conf.kiosk.idle_seconds and state.lang == "en" and "idle time" in warnings[0]
    state, _ = parse_query({}, conf)
    assert not state.kiosk and state.idle is None and "kiosk" not in to_query(state)
    custom = tmp_path / "atlas.toml"
    custom.write_text('[app]\ndefault_lang = "ja"\n[kiosk]\nidle_seconds = 120\nstart = "1962-10-22T23:00Z"\n')
    loaded = settings.load(custom)
    assert loaded.default_lang == "ja" and loaded.kiosk.idle_seconds == 120
    assert loaded.kiosk.start == datetime(1962, 10, 22, 23, 0, tzinfo=UTC)
    assert settings.load(tmp_path / "missing.toml") == settings.Settings()


def test_kiosk_page_hides_the_chrome_and_resets_on_request():
    at = _app(kiosk="1", idle="20")
    assert not at.exception
    assert any("stSidebar" in m.value for m in at.markdown)  # the kiosk stylesheet is on the page
    assert not at.button  # the kiosk's title row and language switch are the map's own (static/atlas/kiosk.js)
    # the map's language button: the language switches and the moment shown is kept
    at.session_state["atlas_map"] = {"toggle_lang": True, "t": "1962-10-27T18:00Z", "seq": 6}
    at.run()
    assert at.session_state["lang"] == "en" and _qp(at, "lang") == "en"
    assert at.session_state["moment"] == datetime(1962, 10, 27, 18, 0, tzinfo=UTC)
    at.session_state["moment"] = datetime(1962, 11, 1, 0, 0, tzinfo=UTC)
    at.radio(key="lang").set_value("en").run()
    at.session_state["atlas_map"] = {"reset": True, "seq": 7}
    at.run()
    assert at.session_state["lang"] == "ja"
    assert _qp(at, "kiosk") == "1" and _qp(at, "idle") == "20"


def test_map_bounds_report_is_kept_for_the_snapshot_without_moving_the_moment():
    at = _app(t="1962-10-24T12:00Z")
    at.session_state["atlas_map"] = {"bbox": [-86.0, 19.0, -73.0, 25.0], "seq": 5}
    at.run()
    assert not at.exception
    assert at.session_state["map_bbox"] == (-86.0, 19.0, -73.0, 25.0)
    assert at.session_state["moment"] == datetime(1962, 10, 24, 12, 0, tzinfo=UTC)
    assert any("current view" in c.value for c in at.caption)
    # a view beyond Mercator's limits is ignored, the last good one kept
    at.session_state["atlas_map"] = {"bbox": [-86.0, -89.9, -73.0, 89.9], "seq": 6}
    at.run()
    assert at.session_state["map_bbox"] == (-86.0, 19.0, -73.0, 25.0)


def test_snapshot_formats_are_offered_in_the_chosen_language():
    at = _app(t="1962-10-27T16:00Z", lang="ja")
    fmt = at.selectbox(key="snap_fmt")
    assert fmt.options[:3] == ["PNG 1920×1080（スライド用）", "PNG 3840×2160（4K動画用）", "PNG A4横・300dpi（印刷用）"]
    assert any("標準の範囲" in c.value for c in at.caption)


def test_the_download_area_offers_the_period_for_gis_tools():
    at = _app(t="1962-10-27T16:00Z", lang="ja", layers="ships,quarantine")
    assert not at.exception
    fmt = at.selectbox(key="gis_fmt")
    assert fmt.value == "gpkg"
    assert fmt.options == ["GeoPackage（QGIS用）", "KML（Google Earth用）", "KMZ（Google Earth用・圧縮）", "GeoJSON",
                           "CSV（表計算ソフト用）"]
    assert any("valid_from" in c.value and "1962年9月1日" in c.value for c in at.caption)
    fmt.set_value("kml").run()
    assert not at.exception and at.selectbox(key="gis_fmt").value == "kml"
    at.radio(key="lang").set_value("en").run()
    assert at.selectbox(key="gis_fmt").proto.raw_value == "KML (Google Earth)"


def test_choices_keep_their_value_and_change_their_labels_after_a_language_switch():
    """Streamlit keeps a keyed choice in the browser as the label shown: after a switch the period and
    snapshot menus kept their English text and the range-figure radio showed no option chosen. The app
    now sends each choice again, under its new label, on the run after a switch (and only then)."""
    at = _app(t="1962-10-27T16:00Z")
    at.radio(key="figure").set_value("us_1962").run()
    at.radio(key="lang").set_value("ja").run()
    figure, period, fmt = at.radio(key="figure"), at.selectbox(key="period"), at.selectbox(key="snap_fmt")
    assert figure.value == "us_1962" and period.value == "crisis" and fmt.value == "png_1080"
    for widget, label in ((figure, "1962年当時の米情報機関の推定"), (period, "危機（9月〜11月21日）"),
                          (fmt, "PNG 1920×1080（スライド用）")):
        assert widget.proto.set_value and widget.proto.raw_value == label, widget.key
        assert label in widget.proto.options
    at.run()  # nothing switched: the browser's value stands
    assert not at.radio(key="figure").proto.set_value


def test_period_labels_fit_the_menu():
    """The Japanese period menu cut "危機の全期間（1962年9月〜11" short: every label now fits."""
    from geoapp import vocab
    from geoapp.i18n import term

    def width(s: str) -> float:
        return sum(0.55 if ord(c) < 0x2000 else 1.0 for c in s)

    assert all(width(term("period", p, "ja")) <= 13 for p in vocab.PERIODS)


def test_the_view_is_restored_from_the_url_and_written_back_when_chosen():
    at = _app(t="1962-10-27T16:00Z", view="known")
    assert not at.exception
    assert at.radio(key="view").value == "known"
    shown = at.radio(key="figure_known")  # the known view draws Washington's own range figures, and says so
    assert shown.disabled and shown.value == "us_1962"
    at.radio(key="view").set_value("gap").run()
    assert not at.exception
    assert _qp(at, "view") == "gap" and at.radio(key="figure").value == "soviet"  # the visitor's choice, kept
    at.radio(key="view").set_value("actual").run()
    assert "view" not in at.query_params  # the default stays out of the address


def test_the_maps_own_view_switch_keeps_the_moment():
    at = _app(t="1962-10-24T12:00Z")
    at.session_state["atlas_map"] = {"view": "gap", "t": "1962-10-26T03:00Z", "seq": 7}
    at.run()
    assert not at.exception
    assert at.session_state["view"] == "gap" and at.radio(key="view").value == "gap"
    assert at.session_state["moment"] == datetime(1962, 10, 26, 3, 0, tzinfo=UTC)
    assert _qp(at, "view") == "gap" and _qp(at, "t") == "1962-10-26T03:00Z"


def test_a_stale_echo_of_the_view_radio_does_not_undo_the_maps_own_switch():
    """After the map's own switch, the browser may send the rebuilt map's next report before it has drawn the
    radio with the new value: the radio's old value comes back in the same run as a new report of the map,
    which says what it shows. The map's view is kept; a visitor's own change of the radio still wins."""
    at = _app(t="1962-10-27T18:00Z")
    at.session_state["atlas_map"] = {"view": "gap", "t": "1962-10-27T18:00Z", "seq": 7, "shown": "actual"}
    at.run()
    assert at.session_state["view"] == "gap"
    at.radio(key="view").set_value("actual")  # the stale echo ...
    at.session_state["atlas_map"] = {"bbox": [-86.0, 19.0, -73.0, 25.0], "seq": 8, "shown": "gap"}  # ... with it
    at.run()
    assert not at.exception
    assert at.session_state["view"] == "gap" and _qp(at, "view") == "gap"
    at.radio(key="view").set_value("known").run()  # the visitor's own choice in the sidebar
    assert at.session_state["view"] == "known" and _qp(at, "view") == "known"
    # a report the map sent before it was rebuilt in the chosen view does not take the choice back
    at.session_state["atlas_map"] = {"bbox": [-86.0, 19.0, -73.0, 25.0], "seq": 9, "shown": "gap"}
    at.run()
    assert at.session_state["view"] == "known" and _qp(at, "view") == "known"


def test_a_stale_echo_of_the_view_radio_in_a_run_of_its_own_does_not_undo_the_maps_own_switch():
    """The radio's old value can also come back in a run with no new report of the map (seen on a busy machine:
    the address kept the old view). Until the map reports that it shows the view it switched to, the old value
    is an echo; once it does, the radio is the visitor's again, even back to the old view."""
    at = _app(t="1962-10-27T18:00Z", view="gap")
    at.session_state["atlas_map"] = {"view": "known", "t": "1962-10-27T18:00Z", "seq": 3, "shown": "gap"}
    at.run()
    assert at.session_state["view"] == "known" and _qp(at, "view") == "known"
    at.radio(key="view").set_value("gap").run()  # the echo, alone
    assert not at.exception
    assert at.session_state["view"] == "known" and _qp(at, "view") == "known"
    assert at.radio(key="view").value == "known"
    at.session_state["atlas_map"] = {"bbox": [-86.0, 19.0, -73.0, 25.0], "seq": 4, "shown": "known"}
    at.run()  # the switched map is drawn
    at.radio(key="view").set_value("gap").run()  # now the visitor's own choice
    assert at.session_state["view"] == "gap" and _qp(at, "view") == "gap"


def test_an_unknown_view_in_the_url_is_named_in_a_warning():
    at = _app(view="secret")
    assert not at.exception
    assert at.radio(key="view").value == "actual"
    assert any("secret" in w.value for w in at.warning)


def test_broken_data_is_told_in_the_same_sentence_as_validate(mini, monkeypatch):
    """An emptied data file: the page says what validate says (file, record, field, what), never a traceback."""
    from geoapp.catalog import prepared_catalog
    from geoapp.ui import data

    (mini / "sites.yaml").write_text("", encoding="utf-8")
    monkeypatch.setattr(data, "catalog", lambda: prepared_catalog(mini))
    at = _app()
    assert not at.exception
    assert any("sites.yaml: -: -: holds no records" in e.value for e in at.error)


def test_an_address_cannot_put_markdown_or_a_page_of_text_into_a_warning():
    """A value of the address is quoted back as written (Markdown escaped: no remote image, no link), and a huge
    one is cut; the page still draws at the default moment."""
    at = _app(t="![x](http://198.51.100.9/x.png) [a](http://198.51.100.9)")
    assert not at.exception
    shown = at.warning[0].value
    assert "\\!\\[x\\]\\(http\\:" in shown and "](http://" not in shown
    at = _app(t="1" * 100_000)
    assert not at.exception
    assert len(at.warning[0].value) < 400 and at.session_state["moment"] == datetime(1962, 10, 14, 12, tzinfo=UTC)
    at = _app(t="9999-12-31T23:00-01:00")  # past the calendar once in UTC
    assert not at.exception and at.warning
