from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import msgspec
import pytest

from server.ingest.checks import (
    CHECK_NAMES,
    CheckContext,
    DuplicateHit,
    check_capture_time,
    check_duplicate,
    check_edited,
    check_freshness,
    check_geofence,
    check_gps_agreement,
    check_gps_present,
    check_resolution,
    check_video_duration,
    coverage,
    detect_editor,
    format_distance_en,
    run_checks,
)
from server.ingest.metadata import read_metadata
from shared.enums import CheckStatus, MediaKind
from shared.evidence import CaptureMetadata, CheckResult, ClientCapture, RequirementCoverage
from shared.geo import haversine_m
from shared.models import Requirement
from tests.server.ingest.conftest import EXIF_SAMPLES
from tests.support.media import make_jpeg

PASS, WARN, FAIL, UNKNOWN = CheckStatus.pass_, CheckStatus.warn, CheckStatus.fail, CheckStatus.unknown
SITE = (31.230416, 121.473701)  # People's Square, Shanghai
CST = timezone(timedelta(hours=8))
RECEIVED = datetime(2026, 3, 14, 2, 0, 0, tzinfo=UTC)  # 10:00 in Shanghai
CREATED = datetime(2026, 3, 10, 1, 0, 0, tzinfo=UTC)


def north_of(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres / 111_195.0, point[1]


def ctx(**overrides) -> CheckContext:
    values = dict(
        kind=MediaKind.photo,
        metadata=CaptureMetadata(
            gps_lat=SITE[0], gps_lon=SITE[1], captured_at=datetime(2026, 3, 14, 9, 30, tzinfo=CST),
            captured_at_local="2026-03-14T09:30:00", offset="+08:00", make="HUAWEI", model="ELS-AN00",
            width=4000, height=3000,
        ),
        client=ClientCapture(lat=SITE[0], lon=SITE[1], accuracy_m=15.0, captured_at=RECEIVED),
        received_at=RECEIVED,
        site_lat=SITE[0],
        site_lon=SITE[1],
        radius_m=300.0,
        case_id=1,
        case_created_at=CREATED,
        capture_window_days=30,
    )
    values.update(overrides)
    return CheckContext(**values)


def meta(**fields) -> CaptureMetadata:
    return CaptureMetadata(**fields)


# ----- gps_present ------------------------------------------------------------------------------


def test_gps_present():
    assert check_gps_present(ctx()).status == PASS
    only_phone = check_gps_present(ctx(metadata=meta(make="Apple")))
    assert only_phone.status == WARN and "phone reported" in only_phone.message_en and "±15 m" in only_phone.message_en
    nothing = check_gps_present(ctx(metadata=meta(), client=None))
    assert nothing.status == FAIL and nothing.message_zh
    damaged = check_gps_present(ctx(metadata=meta(unreadable=["gps_lat", "gps_lon"]), client=None))
    assert damaged.status == FAIL and "damaged" in damaged.message_en and damaged.data["file_gps_broken"]


# ----- geofence ---------------------------------------------------------------------------------


def test_a_photo_5_km_from_the_site_fails_geofence_with_the_distance(tmp_path):
    lat, lon = north_of(SITE, 4800)
    photo = make_jpeg(tmp_path / "far.jpg", width=320, height=240, lat=lat, lon=lon, taken=datetime(2026, 3, 14, 9))
    result = check_geofence(ctx(metadata=read_metadata(photo, "image/jpeg")))
    assert result.status == FAIL
    assert "4.8 km" in result.message_en and "4.8 公里" in result.message_zh
    assert "300 m" in result.message_en
    assert result.data["distance_m"] == pytest.approx(4800, abs=5)
    assert result.data["source"] == "file"


@pytest.mark.parametrize(("metres", "status"), [(0, PASS), (250, PASS), (450, WARN), (590, WARN), (610, FAIL)])
def test_geofence_bands(metres, status):
    lat, lon = north_of(SITE, metres)
    result = check_geofence(ctx(metadata=meta(gps_lat=lat, gps_lon=lon)))
    assert result.status == status
    assert f"{metres} m" in result.message_en


def test_geofence_falls_back_to_the_phone_and_says_so():
    lat, lon = north_of(SITE, 100)
    result = check_geofence(ctx(metadata=meta(), client=ClientCapture(lat=lat, lon=lon, accuracy_m=20)))
    assert result.status == PASS and result.data["source"] == "client"
    assert "phone reported" in result.message_en and "手机上报" in result.message_zh


def test_geofence_unknown_without_positions_or_site():
    assert check_geofence(ctx(metadata=meta(), client=None)).status == UNKNOWN
    assert check_geofence(ctx(site_lat=None, site_lon=None)).status == UNKNOWN


def test_video_geofence_uses_the_recorded_location():
    lat, lon = north_of(SITE, 12_000)
    result = check_geofence(ctx(kind=MediaKind.video, metadata=meta(gps_lat=lat, gps_lon=lon, duration_s=30)))
    assert result.status == FAIL and "12.0 km" in result.message_en


def test_distance_format():
    assert [format_distance_en(m) for m in (0.4, 999, 1000, 4849, 123_456)] == ["0 m", "999 m", "1.0 km", "4.8 km",
                                                                                 "123 km"]


# ----- gps_agreement ----------------------------------------------------------------------------


def test_gps_agreement():
    near = north_of(SITE, 60)
    agree = check_gps_agreement(ctx(client=ClientCapture(lat=near[0], lon=near[1], accuracy_m=10)))
    assert agree.status == PASS and "60 m" in agree.message_en
    middling = north_of(SITE, 500)
    assert check_gps_agreement(ctx(client=ClientCapture(lat=middling[0], lon=middling[1]))).status == WARN
    far = north_of(SITE, 25_000)
    contradiction = check_gps_agreement(ctx(client=ClientCapture(lat=far[0], lon=far[1], accuracy_m=30)))
    assert contradiction.status == FAIL and "25.0 km" in contradiction.message_en
    assert contradiction.data["distance_m"] == pytest.approx(25_000, abs=20)


def test_gps_agreement_considers_the_reported_accuracy():
    point = north_of(SITE, 400)
    assert check_gps_agreement(ctx(client=ClientCapture(lat=point[0], lon=point[1], accuracy_m=5))).status == WARN
    lenient = check_gps_agreement(ctx(client=ClientCapture(lat=point[0], lon=point[1], accuracy_m=300)))
    assert lenient.status == PASS and "±300 m" in lenient.message_en
    vague = check_gps_agreement(ctx(client=ClientCapture(lat=point[0], lon=point[1], accuracy_m=5000)))
    assert vague.status == UNKNOWN and "too vague" in vague.message_en


def test_nonsense_from_the_phone_is_ignored():
    bogus = ClientCapture(lat=123.0, lon=float("nan"), accuracy_m=float("inf"))
    assert check_gps_agreement(ctx(client=bogus)).status == UNKNOWN
    assert check_gps_present(ctx(metadata=meta(), client=bogus)).status == FAIL
    assert check_geofence(ctx(metadata=meta(), client=bogus)).status == UNKNOWN
    near = north_of(SITE, 50)
    result = check_gps_agreement(ctx(client=ClientCapture(lat=near[0], lon=near[1], accuracy_m=float("nan"))))
    assert result.status == PASS and result.data["accuracy_m"] == 0.0


def test_gps_agreement_unknown_when_either_side_is_missing():
    assert check_gps_agreement(ctx(client=None)).status == UNKNOWN
    assert check_gps_agreement(ctx(metadata=meta())).status == UNKNOWN


# ----- capture_time and freshness ---------------------------------------------------------------


def test_capture_time_inside_the_window():
    result = check_capture_time(ctx())
    assert result.status == PASS
    assert "2026-03-14 09:30" in result.message_en and "30 min before upload" in result.message_en
    assert result.data["delay_s"] == 1800


def test_capture_time_in_the_future_fails():
    future = datetime(2026, 3, 14, 12, 0, tzinfo=CST)  # two hours after receipt
    result = check_capture_time(ctx(metadata=meta(captured_at=future)))
    assert result.status == FAIL and "future" in result.message_en and "2 h" in result.message_en
    slightly = datetime(2026, 3, 14, 10, 5, tzinfo=CST)  # a phone clock five minutes fast
    assert check_capture_time(ctx(metadata=meta(captured_at=slightly))).status == PASS


def test_capture_time_too_old_fails():
    old = datetime(2026, 1, 2, 9, 0, tzinfo=CST)
    result = check_capture_time(ctx(metadata=meta(captured_at=old)))
    assert result.status == FAIL and "30-day" in result.message_en and "71.0 days" in result.message_en


def test_capture_time_without_offset_is_read_in_local_time_and_says_so():
    naive = datetime(2026, 3, 14, 9, 30)
    result = check_capture_time(ctx(metadata=meta(captured_at=naive, captured_at_local="2026-03-14T09:30:00")))
    assert result.status == PASS and result.data["delay_s"] == 1800
    assert "Asia/Shanghai" in result.message_en and "Asia/Shanghai" in result.message_zh
    elsewhere = check_capture_time(ctx(metadata=meta(captured_at=naive), local_tz=ZoneInfo("Europe/Berlin")))
    assert elsewhere.status == FAIL  # 09:30 in Berlin is after 10:00 in Shanghai by hours: the future


def test_capture_time_from_gps_stamp_or_unknown():
    gps = check_capture_time(ctx(metadata=meta(gps_time=datetime(2026, 3, 14, 1, 0, tzinfo=UTC))))
    assert gps.status == PASS and gps.data["source"] == "gps"
    assert check_capture_time(ctx(metadata=meta())).status == UNKNOWN
    broken = check_capture_time(ctx(metadata=meta(unreadable=["captured_at"])))
    assert broken.status == UNKNOWN and "damaged" in broken.message_en


def test_freshness():
    assert check_freshness(ctx()).status == PASS
    hours_before = datetime(2026, 3, 10, 1, 0, tzinfo=UTC) - timedelta(hours=3)
    assert check_freshness(ctx(metadata=meta(captured_at=hours_before))).status == WARN
    last_year = datetime(2025, 3, 1, 9, 0, tzinfo=CST)
    stale = check_freshness(ctx(metadata=meta(captured_at=last_year)))
    assert stale.status == FAIL and "before the case was created" in stale.message_en
    assert check_freshness(ctx(metadata=meta())).status == UNKNOWN
    assert check_freshness(ctx(case_created_at=None)).status == UNKNOWN


# ----- edited -----------------------------------------------------------------------------------


def test_gimp_tagged_photo_is_flagged_edited():
    canon = read_metadata(EXIF_SAMPLES / "Canon_40D.jpg", "image/jpeg")
    result = check_edited(ctx(metadata=canon))
    assert result.status == FAIL and "GIMP" in result.message_en and "GIMP" in result.message_zh


def test_camera_firmware_and_transfer_tools_are_not_edits():
    for name in ("gps/DSCN0010.jpg", "tests/87_OSError.jpg", "tests/36-memory_error.jpg", "tests/35-empty.jpg"):
        result = check_edited(ctx(metadata=read_metadata(EXIF_SAMPLES / name, "image/jpeg")))
        assert result.status == PASS, name


@pytest.mark.parametrize(
    ("software", "status"),
    [
        ("GIMP 2.10.34", FAIL),
        ("Adobe Photoshop 25.0 (Windows)", FAIL),
        ("Adobe Photoshop Lightroom Classic 13.1", FAIL),
        ("Meitu", FAIL),
        ("美图秀秀", FAIL),
        ("Snapseed 2.0", FAIL),
        ("PicsArt", FAIL),
        ("Pixelmator Pro 3.5", FAIL),
        ("Affinity Photo 2", FAIL),
        ("Canva", FAIL),
        ("醒图", FAIL),
        ("黄油相机", FAIL),
        ("今日水印相机", WARN),
        ("Microsoft Windows Photo Gallery 6.0.6001.18000", WARN),
        ("Lavf60.16.100", WARN),
        ("Nikon Transfer 1.1 W", None),
        ("Ver.1.00", None),
        ("1.01+R", None),
        ("Version 1.0", None),
        ("17.4.1", None),
        ("HDR+ 1.0.641377693zd", None),
        ("ELS-AN00 4.0.0.170(C00E170R2P3)", None),
        ("MIUI Camera", None),
        ("Canvas Camera", None),
    ],
)
def test_editor_detection(software, status):
    found = detect_editor(software)
    assert (found[1] if found else None) == status


def test_edited_looks_at_xmp_creator_tool_and_is_unknown_without_any_trace():
    fireworks = read_metadata(EXIF_SAMPLES / "invalid" / "image01551.jpg", "image/jpeg")
    assert check_edited(ctx(metadata=fireworks)).status == FAIL
    assert check_edited(ctx(metadata=meta())).status == UNKNOWN


# ----- duplicate --------------------------------------------------------------------------------


def test_duplicate_in_another_case_names_it():
    hit = DuplicateHit(evidence_id=77, case_id=9, case_reference="TK-2026-000123", same_file=False, distance=3)
    result = check_duplicate(ctx(duplicates=[hit]))
    assert result.status == FAIL
    assert "TK-2026-000123" in result.message_en and "TK-2026-000123" in result.message_zh
    assert "#77" in result.message_en and "3 of 64" in result.message_en
    assert result.data["matches"][0]["case_reference"] == "TK-2026-000123"


def test_same_file_in_another_case():
    hits = [
        DuplicateHit(evidence_id=5, case_id=2, case_reference="TK-2026-000002", same_file=False, distance=8),
        DuplicateHit(evidence_id=6, case_id=3, case_reference="TK-2026-000003", same_file=True),
    ]
    result = check_duplicate(ctx(duplicates=hits))
    assert result.status == FAIL and "identical file" in result.message_en and "#6" in result.message_en
    assert "TK-2026-000002" in result.message_en and "TK-2026-000003" in result.message_en


def test_duplicate_in_the_same_case_warns_and_far_hashes_are_ignored():
    same = DuplicateHit(evidence_id=4, case_id=1, case_reference="TK-2026-000001", same_file=True)
    assert check_duplicate(ctx(duplicates=[same])).status == WARN
    far = DuplicateHit(evidence_id=8, case_id=2, case_reference="TK-2026-000002", same_file=False, distance=30)
    assert check_duplicate(ctx(duplicates=[far])).status == PASS
    assert check_duplicate(ctx()).status == PASS
    no_hash = check_duplicate(ctx(phash_available=False))
    assert no_hash.status == PASS and not no_hash.data["phash_checked"]


# ----- resolution and video_duration ------------------------------------------------------------


def test_resolution():
    assert check_resolution(ctx()).status == PASS
    small = check_resolution(ctx(metadata=meta(width=800, height=600)))
    assert small.status == FAIL and "800×600" in small.message_en and "0.5 MP" in small.message_en
    strict = Requirement(key="sign", title_zh="工程概况牌", title_en="Site sign board", min_pixels=20_000_000)
    assert check_resolution(ctx(requirement=strict)).status == FAIL
    assert check_resolution(ctx(metadata=meta())).status == UNKNOWN


def test_video_duration():
    video = dict(kind=MediaKind.video)
    assert check_video_duration(ctx(metadata=meta(duration_s=12.0), **video)).status == PASS
    short = check_video_duration(ctx(metadata=meta(duration_s=2.5), **video))
    assert short.status == FAIL and "2.5 s" in short.message_en and "5 s" in short.message_en
    walk = Requirement(key="walk", title_zh="一镜到底", title_en="One-take walk", kind=MediaKind.video,
                       min_duration_s=60)
    assert check_video_duration(ctx(metadata=meta(duration_s=30.0), requirement=walk, **video)).status == FAIL
    assert check_video_duration(ctx(metadata=meta(), **video)).status == UNKNOWN


# ----- run_checks -------------------------------------------------------------------------------


def test_run_checks_order_and_kinds():
    photo = run_checks(ctx())
    assert [r.name for r in photo] == [n for n in CHECK_NAMES if n != "video_duration"]
    assert all(r.status == PASS for r in photo), [(r.name, r.status, r.message_en) for r in photo]
    video = run_checks(ctx(kind=MediaKind.video, metadata=meta(gps_lat=SITE[0], gps_lon=SITE[1], duration_s=9)))
    assert [r.name for r in video] == [n for n in CHECK_NAMES if n != "resolution"]
    for result in photo + video:
        assert result.message_en and result.message_zh
        msgspec.json.decode(msgspec.json.encode(result), type=CheckResult)


def test_a_stripped_file_gives_unknowns_not_errors():
    results = run_checks(ctx(metadata=CaptureMetadata(unreadable=["container"]), client=None))
    by_name = {r.name: r.status for r in results}
    assert by_name["capture_time"] == UNKNOWN and by_name["geofence"] == UNKNOWN
    assert by_name["resolution"] == UNKNOWN and by_name["gps_present"] == FAIL


def test_haversine_helper_matches_the_test_offsets():
    lat, lon = north_of(SITE, 1000)
    assert haversine_m(lat, lon, *SITE) == pytest.approx(1000, abs=1)


# ----- coverage ---------------------------------------------------------------------------------


def test_coverage_counts_current_items_of_the_right_kind():
    checklist = [
        Requirement(key="front", title_zh="正面", title_en="Front", min_count=2),
        Requirement(key="walk", title_zh="一镜到底", title_en="Walk-through", kind=MediaKind.video),
        Requirement(key="extra", title_zh="其他", title_en="Other", required=False, min_count=0),
    ]
    items = [
        ("front", MediaKind.photo, False),
        ("front", "photo", True),  # superseded
        ("front", MediaKind.video, False),  # wrong kind
        ("walk", MediaKind.video, False),
        ("unknown", MediaKind.photo, False),
    ]
    result = coverage(checklist, items)
    assert [(c.key, c.count, c.satisfied) for c in result] == [("front", 1, False), ("walk", 1, True),
                                                              ("extra", 0, True)]
    assert result[0].title_en == "Front" and result[2].required is False
    items.append(("front", MediaKind.photo, False))
    assert coverage(checklist, items)[0].satisfied
    msgspec.json.decode(msgspec.json.encode(result), type=list[RequirementCoverage])
