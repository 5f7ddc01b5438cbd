"""All configuration in one object, built from TAKAN_* environment variables (or by tests)."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

import msgspec
from msgspec import Meta

from shared.workdays import WorkingHours


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    data_dir: Path = Path("media")
    host: str = "127.0.0.1"
    port: int = 8000
    # The HTTP server in front of the app (server/http_front.py; bench/README.md says why granian)
    # and the limits it puts on a request's head before the app sees it: a longer request line is
    # 414, more header bytes or more header fields 431, and a client that has not sent the whole
    # head this long after connecting (or after its previous answer) is cut off.
    http_server: Literal["granian", "uvicorn"] = "granian"
    http_max_request_line_bytes: Annotated[int, msgspec.Meta(ge=256, le=64 * 1024)] = 8 * 1024
    http_max_header_bytes: Annotated[int, msgspec.Meta(ge=1024, le=256 * 1024)] = 16 * 1024
    # granian's parser (hyper) refuses more than 100 fields whatever this says
    http_max_headers: Annotated[int, msgspec.Meta(ge=8, le=100)] = 100
    http_header_timeout_seconds: Annotated[float, msgspec.Meta(gt=0, le=60)] = 10.0
    timezone: str = "Asia/Shanghai"
    token_ttl_seconds: int = 12 * 3600
    # Login throttling: after this many failures in a row one username is locked for a while.
    login_max_failures: int = 5
    login_lock_seconds: int = 300
    # ... and one client address may fail this many logins (any usernames) per window (0: no limit).
    login_ip_max_failures: int = 30
    login_ip_window_seconds: int = 900
    # argon2id cost. The defaults are RFC 9106's second recommended profile; tests lower them.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024
    argon2_parallelism: int = 1
    db_readers: int = 4
    # FULL: a commit the client was told about survives a power cut, not only a crash. NORMAL
    # (still crash-safe in WAL mode) is for throwaway test databases.
    db_synchronous: str = "FULL"
    # Request bodies on JSON routes; uploads have their own limits.
    max_json_bytes: int = 1024 * 1024
    photo_max_bytes: int = 50 * 1024 * 1024
    video_max_bytes: int = 2 * 1024 * 1024 * 1024
    max_image_pixels: int = 120_000_000
    upload_expiry_seconds: int = 24 * 3600
    upload_sweep_seconds: int = 600
    # Uploads are refused (507) when the data dir's free space falls under this floor, and so is
    # a bulk export that would take it under (a running one stops there).
    free_space_floor_bytes: int = 512 * 1024 * 1024
    # Resumable uploads one user may have under way at once (429 past it); a phone sends one at a time.
    max_open_uploads_per_user: int = 20
    # Bulk exports queued or running at once (one runs at a time): per user, and in all (429).
    export_max_pending_per_user: int = 2
    export_max_pending: int = 10
    cors_origins: tuple[str, ...] = ()
    organisation: str = "县行政审批服务局"
    # Public keys (files, or folders of them) `takan verify` trusts to sign archives, besides
    # the one in the data directory's keys/: e.g. the bureau's keys of earlier years.
    trusted_archive_keys: tuple[Path, ...] = ()
    # Red flags (GET /api/v1/audit/flags): 秒批 when decided less than this long after the last
    # submission, or signed after less than this much time in total with the evidence open.
    flag_quick_decision_minutes: int = 30
    flag_min_review_seconds: int = 60
    # 补录 when current evidence was captured more than this many days before the case existed.
    flag_capture_before_case_days: int = 30
    # A decision needs at least this many agreeing officers whatever the item says (行政许可法 §34).
    flag_min_signoffs: int = 2
    # Live surveys (视频踏勘): the periods of a working day a slot may be booked in (local time),
    # a slot's length unless the offer says, slots per offer, how far ahead, and how often the
    # reminder sweep looks for bookings due a reminder (1 hour before and at the start).
    live_working_hours: tuple[str, ...] = ("08:30-12:00", "13:30-17:30")
    live_slot_minutes: Annotated[int, Meta(ge=10, le=240)] = 30
    live_max_slots_per_offer: Annotated[int, Meta(ge=1, le=20)] = 5
    live_booking_horizon_days: Annotated[int, Meta(ge=1, le=3660)] = 90
    live_reminder_sweep_seconds: Annotated[int, Meta(ge=1)] = 30
    debug: bool = False

    @property
    def db_path(self) -> Path:
        return self.data_dir / "takan.sqlite3"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def live_hours(self) -> WorkingHours:
        return WorkingHours.parse(self.live_working_hours)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Read every field from TAKAN_<FIELD> (upper case). Lists are comma-separated."""
        environ = os.environ if environ is None else environ
        lists = {f.name for f in msgspec.structs.fields(cls) if getattr(f.type, "__origin__", None) is tuple}
        raw: dict = {}
        for name in cls.__struct_fields__:
            value = environ.get(f"TAKAN_{name.upper()}")
            if value is not None and value != "":
                raw[name] = [item.strip() for item in value.split(",") if item.strip()] if name in lists else value
        raw.update(overrides)
        try:
            settings = msgspec.convert(raw, cls, strict=False, dec_hook=_paths)
        except msgspec.ValidationError as exc:
            raise ValueError(f"bad TAKAN_* setting: {exc}") from exc
        ZoneInfo(settings.timezone)  # fail at start-up, not at the first request
        settings.live_hours  # noqa: B018 (the same: a bad period is refused here)
        return settings


def _paths(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(kind)
