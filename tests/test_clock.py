"""Tier 2: the crisis clock - parsing, zones and the 28 October change from EDT to EST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from geoapp import clock


def test_parse_offsets_to_utc():
    assert clock.parse_time("1962-10-22T19:00-04:00") == datetime(1962, 10, 22, 23, 0, tzinfo=UTC)
    assert clock.parse_time("1962-10-24T14:00Z") == datetime(1962, 10, 24, 14, 0, tzinfo=UTC)
    assert clock.parse_time("1962-10-27T10:22-05:00") == datetime(1962, 10, 27, 15, 22, tzinfo=UTC)


def test_time_without_zone_is_refused():
    with pytest.raises(clock.TimeError, match="no time zone"):
        clock.parse_time("1962-10-22T19:00")
    with pytest.raises(clock.TimeError, match="not an ISO 8601"):
        clock.parse_time("22 Oct 1962")


def test_washington_edt_until_0200_on_28_october_then_est():
    before = clock.read_clock(datetime(1962, 10, 28, 5, 59, tzinfo=UTC))
    after = clock.read_clock(datetime(1962, 10, 28, 6, 0, tzinfo=UTC))
    assert before.washington_zone == "EDT" and before.washington.hour == 1
    assert after.washington_zone == "EST" and after.washington.hour == 1


def test_havana_utc_minus_5_and_moscow_utc_plus_3_in_october_1962():
    r = clock.read_clock(datetime(1962, 10, 27, 20, 22, 34, tzinfo=UTC))
    assert (r.washington.hour, r.havana.hour, r.moscow.hour) == (16, 15, 23)


def test_format_moment_names_the_zone_in_both_languages():
    t = datetime(1962, 10, 22, 23, 0, tzinfo=UTC)
    assert clock.format_moment(t, "en") == "Mon 22 Oct 1962, 19:00 EDT"
    assert clock.format_moment(t, "ja") == "1962年10月22日(月) 19:00 EDT"
    assert clock.format_moment(t, "en", "gmt") == "Mon 22 Oct 1962, 23:00 GMT"


def test_parse_moment_accepts_dates_and_refuses_outside_timeline():
    assert clock.parse_moment("1962-10-27") == datetime(1962, 10, 27, 12, tzinfo=UTC)
    assert clock.parse_moment("1962-10-27T16:00") == datetime(1962, 10, 27, 16, tzinfo=UTC)
    with pytest.raises(clock.TimeError, match="outside the atlas's timeline"):
        clock.parse_moment("1970-01-01T00:00Z")


def test_iso_round_trip():
    t = datetime(1962, 10, 24, 14, 0, tzinfo=UTC)
    assert clock.iso(t) == "1962-10-24T14:00Z"
    assert clock.parse_time(clock.iso(t)) == t


def test_a_day_or_a_month_in_words():
    assert clock.format_date("1961-04-17", "en") == "17 Apr 1961"
    assert clock.format_date("1961-11", "en") == "Nov 1961"
    assert clock.format_date("1963-08-05", "ja") == "1963年8月5日"
    assert clock.format_date("1961-11", "ja") == "1961年11月"


def test_zone_steps_give_each_clock_its_offsets_over_the_timeline():
    """The offsets the browser reads wall clocks with (schema's ``zone_steps``): Washington's change to EST at
    02:00 EDT on 28 October 1962 (06:00 GMT) and back to EDT in April 1963, to the second; one offset elsewhere."""
    steps = clock.zone_steps("washington")
    assert [(datetime.fromtimestamp(t, UTC), offset, name) for t, offset, name in steps[1:]] == [
        (datetime(1962, 10, 28, 6, 0, tzinfo=UTC), -5 * 3600, "EST"),
        (datetime(1963, 4, 28, 7, 0, tzinfo=UTC), -4 * 3600, "EDT")]
    assert steps[0][1:] == (-4 * 3600, "EDT") and steps[0][0] < clock.TIMELINE_START.timestamp()
    assert [s[1] for s in clock.zone_steps("havana")] == [-5 * 3600]
    assert [s[1] for s in clock.zone_steps("moscow")] == [3 * 3600]
    assert clock.zone_steps("gmt")[0][1:] == (0, "UTC")
    # every moment of the timeline reads the same offset from the steps as from zoneinfo
    for hours in range(0, 365 * 24, 17):
        t = clock.TIMELINE_START + timedelta(hours=hours)
        step = [s for s in steps if s[0] <= t.timestamp()][-1]
        assert step[1] == t.astimezone(clock.WASHINGTON).utcoffset().total_seconds()
