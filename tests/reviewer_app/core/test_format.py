"""Distances, durations and local times as officers read them, and the language choice. Distances and
durations are shared.format, which the server's check sentences use too."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from reviewer_app.core import format as fmt
from reviewer_app.core.format import (
    format_coordinates,
    format_local_date,
    format_local_time,
    format_media_time,
    format_slot,
    local_zone,
    to_local,
)
from reviewer_app.core.i18n import Language, language_for_locale, localized
from shared.format import format_days, format_distance, format_duration, format_scale_length

ZH, EN = Language.zh_CN, Language.en


@pytest.mark.parametrize(("metres", "zh", "en"), [
    (0, "0.0 米", "0.0 m"),
    (4.24, "4.2 米", "4.2 m"),
    (320.4, "320 米", "320 m"),
    (999.4, "999 米", "999 m"),
    (999.6, "1.0 公里", "1.0 km"),
    (4820, "4.8 公里", "4.8 km"),
    (123_456, "123 公里", "123 km"),
    (1_234_567, "1,235 公里", "1,235 km"),
])
def test_distances(metres, zh, en):
    assert format_distance(metres, ZH) == zh
    assert format_distance(metres, EN) == en


def test_odd_distances_do_not_crash():
    assert format_distance(float("nan"), EN) == "—"
    assert format_distance(-1, ZH) == "—"


def test_scale_lengths():
    assert format_scale_length(50, EN) == "50 m"
    assert format_scale_length(2000, EN) == "2 km"
    assert format_scale_length(0.5, ZH) == "0.5 米"
    assert format_scale_length(1000, ZH) == "1 公里"


@pytest.mark.parametrize(("seconds", "zh", "en"), [
    (0.2, "不到 1 秒", "< 1 s"),
    (45, "45 秒", "45 s"),
    (200, "3 分 20 秒", "3 min 20 s"),
    (3600, "1 小时", "1 h"),
    (7500, "2 小时 5 分", "2 h 5 min"),
    (3 * 86400 + 4 * 3600 + 59, "3 天 4 小时", "3 d 4 h"),
])
def test_durations(seconds, zh, en):
    assert format_duration(seconds, ZH) == zh
    assert format_duration(seconds, EN) == en


def test_short_spans_keep_their_tenth_and_long_ones_can_be_days():
    assert format_duration(2.5, EN) == "2.5 s" and format_duration(5.0, ZH) == "5 秒"
    assert format_duration(9.96, EN) == "10 s"
    assert format_days(71 * 86400 + 3600, EN) == "71.0 days" and format_days(86400 * 1.5, ZH) == "1.5 天"
    assert format_duration(float("inf"), EN) == format_days(-1, EN) == "—"


def test_the_server_codes_choose_the_language_too():
    assert format_distance(4820, "zh") == "4.8 公里" and format_duration(200, "en") == "3 min 20 s"
    assert format_distance(4.24, "en", whole_metres=True) == "4 m"


def test_media_times():
    assert format_media_time(7040) == "0:07.040"
    assert format_media_time(723_500) == "12:03.500"
    assert format_media_time(3_723_000) == "1:02:03.000"
    assert format_media_time(3_723_000, millis=False) == "1:02:03"
    assert format_media_time(-5) == "0:00.000"


def test_local_times_are_beijing_time_by_default():
    moment = datetime(2026, 11, 2, 2, 0, 30, tzinfo=UTC)
    assert format_local_time(moment, ZH) == "2026-11-02 10:00"
    assert format_local_time(moment, EN, seconds=True) == "2026-11-02 10:00:30"
    assert format_local_time(datetime(2026, 11, 2, 17, 0), EN) == "2026-11-03 01:00"  # naive = UTC
    assert format_local_time(moment, EN, zone="Europe/London") == "2026-11-02 02:00"
    assert format_local_time(None, EN) == "—"
    assert format_local_date(datetime(2026, 11, 2, 20, 0, tzinfo=UTC), ZH) == "2026-11-03"
    assert format_local_date(date(2026, 11, 20), EN) == "2026-11-20"


def test_beijing_time_without_tzdata(monkeypatch):
    def missing(name):
        raise fmt.ZoneInfoNotFoundError(name)

    local_zone.cache_clear()
    monkeypatch.setattr(fmt, "ZoneInfo", missing)
    try:
        assert local_zone("Asia/Shanghai").utcoffset(None) == timedelta(hours=8)
        assert to_local(datetime(2026, 1, 1, tzinfo=UTC)).hour == 8
        with pytest.raises(fmt.ZoneInfoNotFoundError):
            local_zone("Europe/Paris")
    finally:
        local_zone.cache_clear()


def test_coordinates():
    assert format_coordinates(30.5426, 119.9689, EN) == "30.542600° N, 119.968900° E"
    assert format_coordinates(-33.9, -70.1, ZH) == "南纬 33.900000°，西经 70.100000°"


@pytest.mark.parametrize(("locale", "language"), [
    ("zh_CN", ZH), ("zh_TW", ZH), ("zh-Hans-CN", ZH), ("en_US", EN), ("en_GB", EN), ("fr_FR", EN),
    ("C", EN), ("", ZH), (None, ZH),
])
def test_language_for_locale(locale, language):
    assert language_for_locale(locale) is language


def test_localized_fields_fall_back_to_the_other_language():
    requirement = SimpleNamespace(title_zh="整体外观", title_en="Whole building")
    assert localized(requirement, "title", ZH) == "整体外观"
    assert localized(requirement, "title", EN) == "Whole building"
    assert localized(SimpleNamespace(title_zh="整体外观", title_en=""), "title", EN) == "整体外观"
    assert Language.zh_CN.short == "zh" and Language.en.short == "en"


def test_the_core_package_loads_without_qt():
    code = ("import sys, reviewer_app.core.annotations, reviewer_app.core.location, reviewer_app.core.format, "
            "reviewer_app.core.i18n; assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=fmt.__file__.rsplit("/reviewer_app/", 1)[0])


def test_live_slots_in_local_time_with_the_weekday():
    starts = datetime(2026, 12, 9, 6, 30, tzinfo=UTC)  # 14:30 in Beijing, a Wednesday
    ends = starts + timedelta(minutes=30)
    assert format_slot(starts, ends, Language.zh_CN) == "2026-12-09 周三 14:30–15:00"
    assert format_slot(starts, ends, Language.en) == "2026-12-09 Wed 14:30–15:00"
    late = datetime(2026, 12, 9, 15, 45, tzinfo=UTC)  # 23:45, ending after midnight
    assert format_slot(late, late + timedelta(minutes=30), Language.en) == "2026-12-09 Wed 23:45–2026-12-10 00:15"
