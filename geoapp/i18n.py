"""Every user-facing string of the atlas, in English and Japanese.

``t(key, lang)`` looks a string up and raises :class:`MissingTranslation` for a key that is not
here, so a gap shows up in the tests instead of as a raw key on a map. ``term(vocabulary, value,
lang)`` names a value of a ``geoapp/vocab.py`` vocabulary; ``tests/test_vocab.py`` checks that every
such value, and every key, has both languages.
"""

from __future__ import annotations

from geoapp import vocab

STRINGS: dict[str, dict[str, str]] = {
    # page
    "app_title": {"en": "Cuban Missile Crisis Atlas", "ja": "キューバ危機アトラス"},
    "app_subtitle": {
        "en": "Missile sites, the quarantine, ships, U-2 flights and missile ranges, hour by hour, 1962",
        "ja": "ミサイル基地・海上隔離線・艦船・U-2 の航跡・射程圏を1時間ごとにたどる（1962年）",
    },
    "language": {"en": "Language", "ja": "言語"},
    "moment": {"en": "Moment (GMT)", "ja": "日時（GMT）"},
    "period": {"en": "Period", "ja": "期間"},
    # the period menu is narrow: a label fits in about 13 full-width characters (1962 unless said)
    "period_crisis": {"en": "The crisis (Sep–21 Nov 1962)", "ja": "危機（9月〜11月21日）"},
    "period_thirteen_days": {"en": "The thirteen days (14–28 Oct)", "ja": "13日間（10月14〜28日）"},
    "period_anadyr": {"en": "Operation Anadyr (May–Aug 1962)", "ja": "アナディル作戦（5〜8月）"},
    "period_epilogue": {"en": "Epilogue (to April 1963)", "ja": "その後（1963年4月まで）"},
    "period_all": {"en": "Everything (May 1962–Apr 1963)", "ja": "全期間（1962〜63年）"},
    "step_back": {"en": "◀ 6 h", "ja": "◀ 6h"},
    "step_fwd": {"en": "6 h ▶", "ja": "6h ▶"},
    "prev_key": {"en": "« Previous key moment", "ja": "« 前の重要な瞬間"},
    "next_key": {"en": "Next key moment »", "ja": "次の重要な瞬間 »"},
    "play": {"en": "Play", "ja": "再生"},
    "pause": {"en": "Pause", "ja": "一時停止"},
    "speed": {"en": "Playback speed", "ja": "再生速度"},
    "speed_1h": {"en": "1 h/s", "ja": "1時間/秒"},
    "speed_6h": {"en": "6 h/s", "ja": "6時間/秒"},
    "speed_12h": {"en": "12 h/s", "ja": "12時間/秒"},
    "speed_1d": {"en": "1 day/s", "ja": "1日/秒"},
    "loop": {"en": "Loop", "ja": "繰り返し"},
    "idle_countdown": {"en": "Still there? Back to the start in {n} s. Touch the screen to stay.",
                       "ja": "操作がありません。{n} 秒後に最初に戻ります。続けるには画面に触れてください。"},
    "download_geojson": {"en": "Data: GeoJSON", "ja": "データ（GeoJSON）"},
    "download_csv": {"en": "Data: CSV", "ja": "データ（CSV）"},
    "download_html": {"en": "Interactive map (HTML)", "ja": "操作できる地図（HTML）"},
    "downloads_note": {"en": "Data: every feature on the map at this moment, with its sources. Interactive map: one "
                             "file with its own time bar for the period chosen; it opens without a network or Python.",
                       "ja": "データ：この時点の地図上のすべての要素と出典。操作できる地図：選んだ期間の時間バー付きの"
                             "単一ファイルで、ネットワークやPythonなしで開けます。"},
    "gis_format": {"en": "The period for GIS tools", "ja": "期間のデータ（GISソフト用）"},
    "download_gis": {"en": "Save the period", "ja": "期間のデータを保存"},
    "gis_gpkg": {"en": "GeoPackage (QGIS)", "ja": "GeoPackage（QGIS用）"},
    "gis_kml": {"en": "KML (Google Earth)", "ja": "KML（Google Earth用）"},
    "gis_kmz": {"en": "KMZ (Google Earth, zipped)", "ja": "KMZ（Google Earth用・圧縮）"},
    "gis_geojson": {"en": "GeoJSON", "ja": "GeoJSON"},
    "gis_csv": {"en": "CSV (spreadsheets)", "ja": "CSV（表計算ソフト用）"},
    "gis_note": {"en": "Every feature of the period shown, {start} to {end}, with the layers and view chosen: each "
                       "with valid_from and valid_to (UTC) and its sources, ready for QGIS's Temporal Controller or "
                       "Google Earth's time slider.",
                 "ja": "表示中の期間（{start}～{end}）の全要素を、選んだレイヤーと表示で書き出します。各要素に"
                       "valid_from・valid_to（UTC）と出典が付き、QGISのテンポラルコントローラーやGoogle Earthの"
                       "時間スライダーでそのまま再生できます。"},
    "jump_to": {"en": "Jump to a key moment", "ja": "重要な瞬間へ移動"},
    "layers": {"en": "Layers", "ja": "レイヤー"},
    "range_figure": {"en": "Missile ranges drawn from", "ja": "射程圏の根拠"},
    "figure_soviet": {"en": "Soviet figures", "ja": "ソ連側の数値"},
    "figure_us_1962": {"en": "US intelligence, 1962", "ja": "1962年当時の米情報機関の推定"},
    "clock": {"en": "Crisis clock", "ja": "危機の時計"},
    "washington": {"en": "Washington", "ja": "ワシントン"},
    "havana": {"en": "Havana", "ja": "ハバナ"},
    "moscow": {"en": "Moscow", "ja": "モスクワ"},
    "gmt": {"en": "GMT", "ja": "グリニッジ標準時"},
    "narrative": {"en": "At this moment", "ja": "この時点の出来事"},
    "latest": {"en": "Latest event", "ja": "直近の出来事"},
    "no_events": {"en": "No recorded event in the 36 hours before this moment.",
                  "ja": "この時点までの36時間に記録された出来事はありません。"},
    "quarantine_in_force": {"en": "Quarantine in force", "ja": "海上隔離 実施中"},
    "story_prologue": {"en": "Before the crisis", "ja": "危機に至るまで"},
    "story_epilogue": {"en": "After the crisis", "ja": "危機のあとで"},
    "quarantine_not": {"en": "No quarantine in force", "ja": "海上隔離は実施されていない"},
    "quarantine_suspended": {"en": "Quarantine suspended: no boardings while U Thant is in Havana",
                             "ja": "海上隔離は一時停止中（ウ・タントのハバナ訪問中は臨検なし）"},
    "legend": {"en": "Legend", "ja": "凡例"},
    "caption_label": {"en": "The moment shown", "ja": "表示中の時点"},
    "describe_map": {"en": "What the map shows now", "ja": "いま地図に描かれているもの"},
    "story_sheet": {"en": "Clock and events", "ja": "時計と出来事"},
    "map_label": {"en": "Map of the crisis at the moment chosen", "ja": "選んだ時点の危機の地図"},
    "timebar_label": {"en": "Time bar", "ja": "時間バー"},
    "now_on_map": {"en": "On the map", "ja": "地図上"},
    "appeared": {"en": "New on the map", "ja": "地図に加わったもの"},
    "gone": {"en": "No longer on the map", "ja": "地図から消えたもの"},
    "nothing_shown": {"en": "nothing", "ja": "なし"},
    "switch_lang": {"en": "日本語", "ja": "English"},
    "close": {"en": "Close", "ja": "閉じる"},
    "zoom_in": {"en": "Zoom in", "ja": "拡大"},
    "skip_to_content": {"en": "Skip to main content", "ja": "本文へ移動"},
    "zoom_out": {"en": "Zoom out", "ja": "縮小"},
    "controls_after_map": {"en": "The controls appear here once the map is drawn.",
                           "ja": "地図が描かれると、ここに操作パネルが表示されます。"},
    "map_load_failed": {"en": "The map could not be loaded from the server. It keeps trying; if this stays, "
                                "reload the page.",
                        "ja": "サーバーから地図を読み込めませんでした。再試行を続けています。表示が変わらない場合は"
                              "ページを再読み込みしてください。"},
    "touch_invite": {"en": "Touch the screen to explore the crisis yourself",
                     "ja": "画面にさわると、自分で危機をたどれます"},
    "sources": {"en": "Sources", "ja": "出典"},
    "export": {"en": "Save and export", "ja": "保存・書き出し"},
    "snapshot_format": {"en": "Snapshot format", "ja": "画像の形式"},
    "download_snapshot": {"en": "Save snapshot", "ja": "地図を画像で保存"},
    "snap_png_1080": {"en": "PNG 1920×1080 (slides)", "ja": "PNG 1920×1080（スライド用）"},
    "snap_png_4k": {"en": "PNG 3840×2160 (4K video)", "ja": "PNG 3840×2160（4K動画用）"},
    "snap_png_a4": {"en": "PNG A4 landscape, 300 dpi (print)", "ja": "PNG A4横・300dpi（印刷用）"},
    "snap_svg": {"en": "SVG 1920×1080 (editable)", "ja": "SVG 1920×1080（編集用）"},
    "snap_pdf": {"en": "PDF A4 landscape (print)", "ja": "PDF A4横（印刷用）"},
    "snapshot_note": {"en": "The snapshot shows {when} with the layers chosen, over {view}.",
                      "ja": "画像には {when} の地図を、選んだレイヤーで{view}描きます。"},
    "snapshot_view_screen": {"en": "the map's current view", "ja": "いま画面に見えている範囲で"},
    "snapshot_view_default": {"en": "the default view, or the area of the key moment shown (move the map to choose "
                                    "another)",
                              "ja": "標準の範囲（重要な瞬間ならその場所）で（地図を動かすと範囲を選べます）"},
    "snapshot_credit": {"en": "Cuban Missile Crisis Atlas · basemap: Natural Earth (public domain) · Web Mercator · "
                                "dashed circles: uncertainty of estimated positions",
                        "ja": "キューバ危機アトラス・基図：Natural Earth（パブリックドメイン）・ウェブメルカトル図法・"
                              "破線の円は推定位置の誤差範囲"},
    "estimate": {"en": "estimated", "ja": "推定"},
    "precision": {"en": "Position uncertainty", "ja": "位置の誤差"},
    "status": {"en": "Status", "ja": "状態"},
    "since": {"en": "since", "ja": "から"},
    "status_since": {"en": "{status} (since {when})", "ja": "{when}から{status}"},
    "first_photographed": {"en": "First photographed by US reconnaissance",
                           "ja": "米偵察機による初撮影"},
    "kind": {"en": "Type", "ja": "種別"},
    "range": {"en": "Range", "ja": "射程"},
    "ring_range": {"en": "{weapon}: {km} km ({figure})", "ja": "{weapon}：{figure}で {km} km"},
    "ring_figure_soviet": {"en": "the Soviet design figure", "ja": "ソ連側の設計値"},
    "ring_figure_us_1962": {"en": "as US intelligence put it in 1962", "ja": "1962年の米情報機関の推定"},
    "ring_figure_us_design": {"en": "the US design figure", "ja": "米側の設計値"},
    "ring_figure_other": {"en": "another published figure, see below", "ja": "別の公表値（下の注記を参照）"},
    "radius": {"en": "Radius", "ja": "半径"},
    "radius_nmi": {"en": "{nmi} nautical miles ({km} km)", "ja": "{nmi}海里（{km} km）"},
    "kind_side": {"en": "{kind}, {side}", "ja": "{kind}（{side}）"},
    "list_sep": {"en": ", ", "ja": "、"},
    "kind_event": {"en": "event", "ja": "出来事"},
    "kind_quarantine_line": {"en": "quarantine line", "ja": "海上隔離線"},
    "kind_ring": {"en": "range ring of the {weapon}", "ja": "{weapon}の射程圏"},
    "cities_in_reach": {"en": "Major cities in reach", "ja": "射程内の主要都市"},
    "last_fix": {"en": "Latest position", "ja": "最新の位置"},
    "fix_of": {"en": "{when} ({how}, within {km} km)", "ja": "{when}（{how}、誤差 {km} km）"},
    "not_yet_reported": {"en": "not reported yet: drawn where it was first reported, {when}",
                         "ja": "まだ報告なし（最初に報告された {when} の位置に表示）"},
    "position_at": {"en": "Position shown", "ja": "表示位置"},
    "observed": {"en": "reported", "ja": "報告あり"},
    "interpolated": {"en": "between reports, along a sea route", "ja": "報告の間を航路で補間"},
    "crew": {"en": "Crew", "ja": "搭乗員"},
    "representative": {"en": "Representative route (not the exact track)",
                       "ja": "代表的な経路（実際の航跡ではない）"},
    "airborne": {"en": "airborne", "ja": "飛行中"},
    "landed": {"en": "flight over", "ja": "飛行終了"},
    "error_data": {
        "en": "The atlas could not read its data ({n} problem(s)). The first: {first}. "
              "Run `python -m geoapp validate` to list them all, fix the files in data/, then reload.",
        "ja": "アトラスのデータを読み込めませんでした（問題 {n} 件）。最初の問題: {first}。"
              "`python -m geoapp validate` で一覧を表示し、data/ のファイルを直してから再読み込みしてください。",
    },
    "error_url_time": {
        "en": "The moment in the address ({value}) could not be used: {why}. Showing the default moment instead.",
        "ja": "アドレスの日時（{value}）は使えません: {why}。既定の日時を表示します。",
    },
    "error_url_idle": {"en": "The idle time in the address ({value}) is not a whole number of seconds; "
                             "the configured idle time is used.",
                       "ja": "アドレスの待機時間（{value}）が秒数の整数ではありません。設定の待機時間を使います。"},
    "error_page": {"en": "Something went wrong while drawing this page. Reload the page to start again; "
                         "if it happens again, the server's log says what failed.",
                   "ja": "ページの表示中に問題が起きました。ページを再読み込みしてやり直してください。"
                         "繰り返し起きる場合は、サーバーのログに原因が記録されています。"},
    "error_url_too_long": {"en": "it is far too long to be a time", "ja": "日時としては長すぎます"},
    "error_url_view": {"en": "The view in the address ({value}) is not one of {choices}; the map shows what was "
                             "there.",
                       "ja": "アドレスの表示（{value}）は {choices} のいずれでもありません。"
                             "実際にあったものを表示します。"},
    "error_url_layers": {
        "en": "Unknown layer(s) in the address: {value}. They were ignored.",
        "ja": "アドレスに不明なレイヤーがあります: {value}。無視しました。",
    },
    "footer": {
        "en": "Basemap: Natural Earth 1:50m (public domain). Every site, ship, route, ring and event carries "
              "its sources; estimated positions are drawn with a dashed halo of their uncertainty.",
        "ja": "背景地図: Natural Earth 1:50m（パブリックドメイン）。すべての地点・艦船・航路・射程圏・出来事に"
              "出典があり、推定位置は誤差の範囲を破線の円で示します。",
    },
    # views
    "view_actual": {"en": "What was there", "ja": "実際にあったもの"},
    "view_known": {"en": "What Washington knew", "ja": "ワシントンが知っていたこと"},
    "view_gap": {"en": "The difference", "ja": "実際と認識の差"},
    "view": {"en": "Show", "ja": "表示"},
    "view_help": {"en": "What was there: the forces as they really were. What Washington knew: only what US "
                        "intelligence had identified by this moment, as it named and judged it. The difference: "
                        "both, with what Washington did not know marked.",
                  "ja": "実際にあったもの：実際の配備。ワシントンが知っていたこと：この時点までに米情報機関が確認して"
                        "いたものだけを、当時の呼び名と判断で。実際と認識の差：両方を描き、米国が知らなかったものに"
                        "印を付けます。"},
    # what Washington knew (popups, legend, story)
    "knowledge_when_how": {"en": "{when}, by {how}", "ja": "{when}（{how}）"},
    "how_u2": {"en": "U-2 photography", "ja": "U-2による写真偵察"},
    "how_low_level": {"en": "low-level photography", "ja": "低空写真偵察"},
    "how_air_patrol": {"en": "a patrol aircraft", "ja": "哨戒機"},
    "how_ship": {"en": "a warship on patrol", "ja": "哨戒中の艦艇"},
    "how_sonar": {"en": "sonar contact", "ja": "ソナー探知"},
    "how_sigint": {"en": "radio intercepts", "ja": "通信傍受"},
    "how_agent": {"en": "an agent's report", "ja": "工作員の報告"},
    "how_refugee": {"en": "a refugee's report", "ja": "亡命者の証言"},
    "how_diplomatic": {"en": "diplomatic channels", "ja": "外交ルート"},
    "how_analysis": {"en": "analysis of what was in hand", "ja": "手元の情報の分析"},
    "how_press": {"en": "the press", "ja": "報道"},
    "known_since": {"en": "Known to Washington since", "ja": "ワシントンが把握した時期"},
    "known_as": {"en": "Taken for", "ja": "米側の判断"},
    "us_estimate": {"en": "US estimate", "ja": "米側の推定"},
    "latest_reading": {"en": "Latest US reading", "ja": "米側の最新の確認"},
    "not_known_yet": {"en": "did not know of this at this moment", "ja": "この時点では把握していなかった"},
    "seen_not_recognised": {"en": "Seen but not recognised", "ja": "見えていたが見抜けなかった"},
    "never_known": {"en": "Washington never knew during the crisis", "ja": "危機の間ワシントンが知らなかったこと"},
    "came_out": {"en": "Came out", "ja": "判明した時期"},
    "unknown_event": {"en": "Washington did not know of this at the time: {what} It came out in {when}: {how}",
                      "ja": "当時ワシントンはこれを知らなかった：{what}判明は{when}。{how}"},
    "unknown_badge": {"en": "Unknown to Washington", "ja": "ワシントンは知らなかった"},
    "legend_known": {"en": "Only what US intelligence had identified by this moment, as it judged it",
                     "ja": "この時点までに米情報機関が確認していたものだけを、当時の判断で"},
    "legend_unknown": {"en": "Unknown to Washington at this moment", "ja": "この時点でワシントンが知らなかったもの"},
    "legend_view": {"en": "View", "ja": "表示"},
    "estimates_title": {"en": "What Washington believed, and what was there", "ja": "ワシントンの推定と実際"},
    "estimates_us": {"en": "Washington believed", "ja": "ワシントンの推定"},
    "estimates_actual": {"en": "In fact", "ja": "実際"},
    "figure_in_known": {"en": "What Washington knew is drawn with the US intelligence figures of 1962.",
                        "ja": "「ワシントンが知っていたこと」では1962年当時の米情報機関の数値で描きます。"},
    "tour_title": {"en": "What Washington did not know", "ja": "ワシントンが知らなかったこと"},
    "estimates_note": {"en": "What is counted", "ja": "数え方"},
    "moscow_knew": {"en": "What Moscow knew", "ja": "モスクワが知っていたこと"},
    # statuses
    "status_construction": {"en": "under construction", "ja": "建設中"},
    "status_operational": {"en": "operational", "ja": "稼働"},
    "status_dismantling": {"en": "being dismantled", "ja": "解体中"},
    "status_removed": {"en": "removed", "ja": "撤去済み"},
    "status_planned": {"en": "planned", "ja": "計画"},
    "status_in_force": {"en": "in force", "ja": "実施中"},
    "status_suspended": {"en": "suspended", "ja": "一時停止"},
    "status_lifted": {"en": "lifted", "ja": "解除"},
    # sides
    "side_soviet": {"en": "Soviet", "ja": "ソ連"},
    "side_us": {"en": "United States", "ja": "米国"},
    "side_cuban": {"en": "Cuban", "ja": "キューバ"},
    "side_bloc": {"en": "Soviet bloc", "ja": "東側諸国"},
    "side_charter": {"en": "chartered by the USSR", "ja": "ソ連の用船"},
    # site kinds
    "kind_MRBM": {"en": "MRBM site (R-12)", "ja": "準中距離弾道ミサイル基地（R-12）"},
    "kind_IRBM": {"en": "IRBM site (R-14)", "ja": "中距離弾道ミサイル基地（R-14）"},
    "kind_SAM": {"en": "SA-2 surface-to-air missile site", "ja": "SA-2 地対空ミサイル陣地"},
    "kind_FKR": {"en": "FKR cruise-missile position", "ja": "FKR 巡航ミサイル陣地"},
    "kind_LUNA": {"en": "Luna tactical rocket unit", "ja": "ルナ戦術ロケット部隊"},
    "kind_IL28": {"en": "Il-28 bomber airfield", "ja": "Il-28 爆撃機の飛行場"},
    "kind_MIG21": {"en": "MiG-21 fighter airfield", "ja": "MiG-21 戦闘機の飛行場"},
    "kind_WARHEADS": {"en": "Nuclear warhead store", "ja": "核弾頭の保管施設"},
    "kind_HQ": {"en": "Headquarters", "ja": "司令部"},
    "kind_COMMAND": {"en": "Command post", "ja": "指揮所"},
    "kind_PORT": {"en": "Port of Operation Anadyr", "ja": "アナディル作戦の港"},
    "kind_NAVAL_BASE": {"en": "Naval base", "ja": "海軍基地"},
    "kind_JUPITER": {"en": "US Jupiter missile base", "ja": "米ジュピター・ミサイル基地"},
    "kind_THOR": {"en": "Thor missile base (RAF, US warheads)", "ja": "ソー・ミサイル基地（英空軍、米国管理の核弾頭）"},
    "kind_AIRBASE": {"en": "US air base", "ja": "米空軍・海軍の航空基地"},
    # vessel kinds
    "kind_cargo": {"en": "cargo ship", "ja": "貨物船"},
    "kind_tanker": {"en": "tanker", "ja": "タンカー"},
    "kind_passenger": {"en": "passenger ship", "ja": "客船"},
    "kind_submarine": {"en": "submarine", "ja": "潜水艦"},
    "kind_carrier": {"en": "aircraft carrier", "ja": "空母"},
    "kind_destroyer": {"en": "destroyer", "ja": "駆逐艦"},
    "kind_cruiser": {"en": "cruiser", "ja": "巡洋艦"},
    "kind_frigate": {"en": "frigate", "ja": "フリゲート"},
    # legend rows
    "legend_site_mrbm": {"en": "R-12 (MRBM) missile site", "ja": "R-12（準中距離）ミサイル基地"},
    "legend_site_irbm": {"en": "R-14 (IRBM) missile site", "ja": "R-14（中距離）ミサイル基地"},
    "legend_site_sam": {"en": "SA-2 anti-aircraft missile site", "ja": "SA-2地対空ミサイル陣地"},
    "legend_site_fkr": {"en": "FKR cruise-missile regiment", "ja": "FKR巡航ミサイル連隊"},
    "legend_site_luna": {"en": "Luna short-range rockets", "ja": "ルナ短距離ロケット"},
    "legend_site_airfield": {"en": "Airfield (Il-28 bombers, MiG-21 fighters)",
                             "ja": "飛行場（Il-28爆撃機・MiG-21戦闘機）"},
    "legend_site_warheads": {"en": "Nuclear warhead store", "ja": "核弾頭の保管施設"},
    "legend_site_hq": {"en": "Soviet headquarters or command post", "ja": "ソ連軍の司令部・指揮所"},
    "legend_site_port": {"en": "Port where Soviet ships unloaded", "ja": "ソ連船が荷揚げした港"},
    "legend_site_cuban": {"en": "Cuban command", "ja": "キューバ軍の司令部"},
    "legend_site_us_missile": {"en": "US Jupiter or Thor missile site", "ja": "米国のジュピター・ソー・ミサイル基地"},
    "legend_site_construction": {"en": "Site under construction (paler, dashed)",
                                 "ja": "建設中の基地（淡色・破線）"},
    "legend_site_dismantling": {"en": "Site being dismantled / removed", "ja": "解体中・撤去済みの基地"},
    "legend_us_airbase": {"en": "US air base", "ja": "米軍の航空基地"},
    "legend_us_site": {"en": "US naval base", "ja": "米海軍基地"},
    "legend_quarantine": {"en": "Quarantine line in force (500 nmi)", "ja": "海上隔離線・実施中（500海里）"},
    "legend_quarantine_suspended": {"en": "Quarantine line, boardings paused", "ja": "海上隔離線・臨検停止中"},
    "legend_quarantine_planned": {"en": "Quarantine line planned", "ja": "海上隔離線（計画）"},
    "legend_quarantine_lifted": {"en": "Quarantine line lifted", "ja": "海上隔離線（解除後）"},
    "legend_soviet_ship": {"en": "Soviet merchant ship, track so far", "ja": "ソ連の商船とこれまでの航跡"},
    "legend_submarine": {"en": "Soviet submarine", "ja": "ソ連の潜水艦"},
    "legend_bloc_ship": {"en": "Ship of another Eastern-bloc country", "ja": "ソ連以外の東側諸国の船"},
    "legend_charter_ship": {"en": "Ship chartered by the Soviet Union", "ja": "ソ連がチャーターした船"},
    "legend_us_ship": {"en": "US Navy destroyer or cruiser", "ja": "米海軍の駆逐艦・巡洋艦"},
    "legend_carrier": {"en": "US aircraft carrier", "ja": "米海軍の空母"},
    "legend_estimate": {"en": "Estimated position or track (halo: uncertainty)",
                        "ja": "推定の位置・航跡（円は誤差の範囲）"},
    "legend_aircraft": {"en": "Reconnaissance aircraft in flight", "ja": "飛行中の偵察機"},
    "legend_flight": {"en": "Reconnaissance flight, flown so far", "ja": "偵察飛行（ここまでの経路）"},
    "legend_ring_mrbm": {"en": "R-12 (MRBM) range from a standing site",
                         "ja": "R-12（準中距離）の射程圏"},
    "legend_ring_irbm": {"en": "R-14 (IRBM) range, site never completed",
                         "ja": "R-14（中距離）の射程圏（基地は未完成）"},
    "legend_ring_jupiter": {"en": "Jupiter (Turkey, Italy) and Thor (England) ranges",
                            "ja": "ジュピター（トルコ・イタリア）とソー（英国）の射程圏"},
    "legend_event": {"en": "Event in the last 36 hours", "ja": "直近36時間の出来事"},
    # layer titles
    "layer_missile_sites": {"en": "Missile and military sites", "ja": "ミサイル基地・軍事拠点"},
    "layer_quarantine": {"en": "Naval quarantine", "ja": "海上隔離線"},
    "layer_ships": {"en": "Ships and submarines", "ja": "艦船・潜水艦"},
    "layer_flights": {"en": "Reconnaissance flights", "ja": "偵察飛行"},
    "layer_range_rings": {"en": "Missile range rings", "ja": "ミサイル射程圏"},
    "layer_events": {"en": "Events", "ja": "出来事"},
    # the static site (python -m geoapp publish): its header, downloads and notes
    "site_menu": {"en": "Menu", "ja": "メニュー"},
    "site_downloads": {"en": "Downloads", "ja": "ダウンロード"},
    "site_downloads_note": {"en": "Each map is one file with its own time bar for the crisis (September to 21 "
                                  "November 1962); it opens without a network or Python.",
                            "ja": "どの地図も、危機（1962年9月〜11月21日）の時間バー付きの単一ファイルで、"
                                  "ネットワークやPythonなしで開けます。"},
    "site_copy_link": {"en": "Copy a link to this moment", "ja": "この時点へのリンクをコピー"},
    "site_link_copied": {"en": "Link copied.", "ja": "リンクをコピーしました。"},
    "site_link_not_copied": {"en": "The link could not be copied; copy the page's address instead: it opens this "
                                   "moment.",
                             "ja": "リンクをコピーできませんでした。ページのアドレスをコピーしてください。"
                                   "この時点が開きます。"},
    "site_noscript": {"en": "This atlas is an interactive map and needs JavaScript: turn it on and reload the page.",
                      "ja": "このアトラスは操作できる地図のため、JavaScriptが必要です。有効にしてから"
                            "ページを再読み込みしてください。"},
    "site_bad_value": {"en": "The address's {name} ({value}) is not one the atlas knows; it was ignored.",
                       "ja": "アドレスの {name}（{value}）はこのアトラスにない値のため、無視しました。"},
    "site_time_unreadable": {"en": "it is not a time such as 1962-10-27T18:00Z",
                             "ja": "1962-10-27T18:00Z のような日時ではありません"},
    "site_time_outside": {"en": "it is outside the atlas's timeline ({start} to {end})",
                          "ja": "アトラスの期間（{start}〜{end}）の外です"},
    # CLI
    "cli_unknown_layer": {"en": "unknown layer(s): {value}; choose from {choices}",
                          "ja": "不明なレイヤー: {value}。次から選んでください: {choices}"},
}

#: The vocabularies people read, by the prefix of their keys: ``side_us``, ``status_in_force``...
TERMS: dict[str, tuple[str, ...]] = {
    "side": vocab.SIDES,
    "kind": vocab.SITE_KINDS + vocab.VESSEL_KINDS,
    "status": vocab.SITE_STATUSES + vocab.QUARANTINE_STATUSES,
    "period": vocab.PERIODS,
    "figure": vocab.RANGE_FIGURES,
    "view": vocab.VIEWS,
    "how": vocab.KNOWLEDGE_HOW,
}


class MissingTranslation(KeyError):
    """A string asked for that the atlas does not have (a bug: add it to ``STRINGS``)."""

    def __str__(self) -> str:
        return str(self.args[0])


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    """The string ``key`` in ``lang`` (English when ``lang`` is unknown), formatted with kwargs.

    A key that is not in :data:`STRINGS` raises :class:`MissingTranslation` (a ``KeyError``): a
    visitor should never read a raw key such as ``figure_soviet``.
    """
    entry = STRINGS.get(key)
    if entry is None:
        raise MissingTranslation(f"there is no string {key!r}; add it in {' and '.join(vocab.LANGS)} "
                                 f"to STRINGS in geoapp/i18n.py")
    text = entry.get(lang) or entry[vocab.LANGS[0]]
    return text.format(**kwargs) if kwargs else text


def term(vocabulary: str, value: str, lang: str = "en") -> str:
    """The name people read for ``value`` of a vocabulary: ``term("side", "us", "ja")`` is ``米国``.

    ``vocabulary`` is a key of :data:`TERMS`; a value outside it raises :class:`MissingTranslation`,
    so a renderer cannot print a name for something the atlas does not know.
    """
    if value not in TERMS.get(vocabulary, ()):
        raise MissingTranslation(f"{value!r} is not a value of the vocabulary {vocabulary!r} (geoapp/vocab.py)")
    return t(f"{vocabulary}_{value}", lang)
