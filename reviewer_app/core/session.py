"""Who is logged in to which server: the server URL, the bearer token and the user (no Qt).

One `Session` per logged-in window: two officers may work side by side in one app (a second
main window with its own login), each with their own session.

The password is kept in memory only (never written anywhere), so that an expired token can be
replaced by logging in again without interrupting the officer; `forget_password()` drops it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from shared.enums import Role
from shared.models import LoginResponse, UserOut

API_PREFIX = "/api/v1"
DEFAULT_SERVER_URL = "http://127.0.0.1:8000"
REVIEWER_ROLES = frozenset({Role.officer, Role.auditor, Role.admin})


def normalise_server_url(text: str) -> str:
    """The server's base URL as the app stores it: scheme and host (and port, and a path prefix
    when the server sits behind one), no trailing slash and no /api/v1.

    "127.0.0.1:8000" -> "http://127.0.0.1:8000"; "https://takan.example.gov.cn/api/v1/" ->
    "https://takan.example.gov.cn". Raises ValueError for something that is not a URL.
    """
    text = text.strip()
    if not text:
        raise ValueError("enter the server address")
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a server address: {text!r}")
    try:
        parts.port  # noqa: B018 (raises for a bad port)
    except ValueError as exc:
        raise ValueError(f"not a server address: {text!r}") from exc
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str


class Session:
    """The server, the token and the user of one login. Thread-safe: API calls from worker
    threads read the token while another may be renewing it."""

    def __init__(self, server_url: str):
        self.server_url = normalise_server_url(server_url)
        self._lock = threading.RLock()
        self._token: str | None = None
        self._user: UserOut | None = None
        self._expires_at: datetime | None = None
        self._credentials: Credentials | None = None
        self.renewals = 0  # how many times the token was replaced after it expired

    # ----- reading -----

    @property
    def token(self) -> str | None:
        with self._lock:
            return self._token

    @property
    def user(self) -> UserOut | None:
        with self._lock:
            return self._user

    @property
    def expires_at(self) -> datetime | None:
        with self._lock:
            return self._expires_at

    @property
    def logged_in(self) -> bool:
        return self.token is not None

    @property
    def role(self) -> Role | None:
        user = self.user
        return user.role if user is not None else None

    @property
    def is_auditor(self) -> bool:
        return self.role is Role.auditor

    @property
    def can_review(self) -> bool:
        """Officers (and administrators) claim, annotate and sign; auditors only read."""
        return self.role in (Role.officer, Role.admin)

    def api_url(self, path: str) -> str:
        """An absolute URL for an API path ("/cases/1") or a server-relative link the server gave
        ("/api/v1/media/..."), or a full URL as it is."""
        if path.startswith(("http://", "https://")):
            return path
        if not path.startswith("/"):
            path = "/" + path
        if not path.startswith(API_PREFIX + "/"):
            path = API_PREFIX + path
        return self.server_url + path

    def expired(self, now: datetime | None = None) -> bool:
        """Whether the token's announced lifetime is over (the server may still refuse earlier)."""
        expires = self.expires_at
        if expires is None:
            return False
        return (now or datetime.now(UTC)) >= expires

    # ----- changing -----

    def logged_in_as(self, response: LoginResponse, credentials: Credentials | None) -> None:
        with self._lock:
            self._token = response.token
            self._user = response.user
            self._expires_at = response.expires_at
            if credentials is not None:
                self._credentials = credentials

    def credentials(self) -> Credentials | None:
        with self._lock:
            return self._credentials

    def forget_password(self) -> None:
        with self._lock:
            self._credentials = None

    def clear(self) -> None:
        """Logged out: no token, no user, no password."""
        with self._lock:
            self._token = None
            self._user = None
            self._expires_at = None
            self._credentials = None

    @property
    def lock(self) -> threading.RLock:
        """Held while the token is being renewed, so that concurrent calls renew it once."""
        return self._lock
