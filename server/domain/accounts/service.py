"""Accounts: passwords (argon2id), bearer tokens, login throttling and user administration."""

import asyncio
import hashlib
import math
import secrets
from collections import deque
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.domain.accounts import repository
from server.domain.audit.service import AuditLog
from server.domain.notifications.service import NotificationsService
from server.errors import Conflict, TooManyRequests, Unauthorized, not_found
from server.identity import CurrentUser
from server.settings import Settings
from shared.enums import Role
from shared.models import LoginResponse, UserCreate, UserList, UserOut, UserUpdate

MAX_LOCK = timedelta(hours=24)
SESSION_ID_CHARS = 32


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def current_user(row, token_hash: str) -> CurrentUser:
    """The user acting through the token whose digest is `token_hash`."""
    return CurrentUser(id=row["id"], username=row["username"], display_name=row["display_name"],
                       role=Role(row["role"]), organisation=row["organisation"], session=session_id(token_hash))


def session_id(token_hash: str) -> str:
    """Names a login session (in signed media links) without revealing its token."""
    return token_hash[:SESSION_ID_CHARS]


def user_out(row) -> UserOut:
    return UserOut(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        organisation=row["organisation"],
        active=bool(row["active"]),
        created_at=from_db(row["created_at"]),
    )


class AddressThrottle:
    """Failed logins per client address across all usernames, in a sliding window: one address
    trying a few passwords on each of many usernames is stopped although no username reaches
    its own lockout. Kept in this process's memory (a second server process counts on its own;
    the per-username lockout, in the database, is shared)."""

    MAX_ADDRESSES = 10_000

    def __init__(self, max_failures: int, window_seconds: int):
        self.max_failures = max_failures
        self.window = timedelta(seconds=window_seconds)
        self._failures: dict[str, deque[datetime]] = {}

    def _recent(self, address: str, now: datetime) -> deque[datetime] | None:
        times = self._failures.get(address)
        while times and times[0] <= now - self.window:
            times.popleft()
        if times is not None and not times:
            del self._failures[address]
            return None
        return times

    def retry_after(self, address: str | None, now: datetime) -> int | None:
        """Seconds until this address may try again, or None when it may now."""
        if not address or self.max_failures <= 0:
            return None
        times = self._recent(address, now)
        if times is None or len(times) < self.max_failures:
            return None
        return max(1, math.ceil((times[-self.max_failures] + self.window - now).total_seconds()))

    def reserve(self, address: str | None, now: datetime) -> int | None:
        """Count an attempt as failed before its password is checked (seconds to wait when the
        address has none left), so a burst of parallel guesses gets no more checks than the
        limit. Checked and counted with no await in between: atomic on the event loop."""
        wait = self.retry_after(address, now)
        if wait is not None:
            return wait
        self.record_failure(address, now)
        return None

    def release(self, address: str | None, now: datetime) -> None:
        """The reserved attempt succeeded: it is not a failure."""
        times = self._failures.get(address) if address else None
        if times and now in times:
            times.remove(now)

    def record_failure(self, address: str | None, now: datetime) -> None:
        if not address or self.max_failures <= 0:
            return
        if address not in self._failures and len(self._failures) >= self.MAX_ADDRESSES:
            for stale in [a for a in list(self._failures) if self._recent(a, now) is None][:1000]:
                self._failures.pop(stale, None)
            if len(self._failures) >= self.MAX_ADDRESSES:  # still full: forget the oldest entry
                self._failures.pop(next(iter(self._failures)))
        times = self._failures.setdefault(address, deque(maxlen=self.max_failures))
        times.append(now)


class AccountsService:
    def __init__(self, db: Database, settings: Settings, clock: Clock, audit: AuditLog,
                 notifications: NotificationsService):
        self.db = db
        self.notifications = notifications
        self.settings = settings
        self.clock = clock
        self.audit = audit
        self.hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        # Verified against when the username is unknown, so timing does not reveal which exist.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(16))
        self.address_throttle = AddressThrottle(settings.login_ip_max_failures, settings.login_ip_window_seconds)

    # ----- passwords (CPU-heavy: run in a worker thread) -----

    async def hash_password(self, password: str) -> str:
        return await asyncio.to_thread(self.hasher.hash, password)

    async def _password_matches(self, stored_hash: str, password: str) -> bool:
        def verify() -> bool:
            try:
                return self.hasher.verify(stored_hash, password)
            except (VerificationError, InvalidHashError):
                return False

        return await asyncio.to_thread(verify)

    # ----- login, tokens -----

    async def login(self, username: str, password: str, client: str | None = None) -> LoginResponse:
        """`client` is the caller's address, for the limit on failures per address.

        Each attempt is counted as a failure (per address and per username) before its password
        is checked and forgiven only when it succeeds: parallel guesses cannot slip in between
        the lockout's check and the count. A disabled account is answered as a wrong password,
        so the answer does not tell whether the password was right."""
        username = username.strip()
        now = self.clock.now()
        wait = self.address_throttle.reserve(client, now)
        if wait is not None:
            raise TooManyRequests(
                f"too many failed logins from your network; try again in {math.ceil(wait / 60)} min",
                code="login_rate_limited",
                detail={"retry_after_s": wait,
                        "message_zh": f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。"},
                headers={"Retry-After": str(wait)},
            )
        try:
            locked_until = await self._reserve_attempt(username, now)
        except TooManyRequests:
            self.address_throttle.release(client, now)  # refused unchecked: no password was tried
            raise
        async with self.db.read() as conn:
            row = await repository.get_login(conn, username)
        matches = await self._password_matches(row["password_hash"] if row else self._dummy_hash, password)
        if row is None or not matches or not row["active"]:
            if locked_until:  # this attempt used the last one: say so, with the wait
                self._refuse_if_locked({"locked_until": locked_until}, now)
            raise Unauthorized("wrong username or password", code="bad_credentials")
        self.address_throttle.release(client, now)

        token = secrets.token_urlsafe(32)
        expires_at = now + timedelta(seconds=self.settings.token_ttl_seconds)
        new_hash = None
        if self.hasher.check_needs_rehash(row["password_hash"]):
            new_hash = await self.hash_password(password)
        async with self.db.transaction() as conn:
            await repository.clear_failures(conn, username)
            await repository.store_token(
                conn, token_hash=token_digest(token), user_id=row["id"], now=to_db(now), expires_at=to_db(expires_at)
            )
            if new_hash:
                await repository.update_user(conn, row["id"], {"password_hash": new_hash}, to_db(now))
            user = current_user(row, token_digest(token))
            await self.audit.record(conn, user, "auth.login", "user", user.id)
        return LoginResponse(token=token, expires_at=expires_at, user=user_out(row))

    def _refuse_if_locked(self, throttle, now) -> None:
        if throttle and throttle["locked_until"]:
            locked_until = from_db(throttle["locked_until"])
            if locked_until > now:
                wait = math.ceil((locked_until - now).total_seconds())
                raise TooManyRequests(
                    f"too many failed logins for this account; try again in {math.ceil(wait / 60)} min",
                    code="login_locked",
                    detail={"retry_after_s": wait},
                    headers={"Retry-After": str(wait)},
                )

    async def _reserve_attempt(self, username: str, now: datetime) -> str | None:
        """Refuse a locked username; otherwise count this attempt as a failure in the same write
        transaction (a success clears the count). At every `login_max_failures`-th one in a row
        the username is locked for a while, doubling each time (up to a day), for the attempts
        after this one. Returns the lock's end when this attempt set it."""
        limit = self.settings.login_max_failures
        async with self.db.transaction() as conn:
            throttle = await repository.throttle_state(conn, username)
            self._refuse_if_locked(throttle, now)
            failures = (throttle["failures"] if throttle else 0) + 1
            locked_until = None
            if failures % limit == 0:
                lock = min(timedelta(seconds=self.settings.login_lock_seconds) * 2 ** (failures // limit - 1),
                           MAX_LOCK)
                locked_until = to_db(now + lock)
                await self.audit.record(conn, None, "auth.locked", "username", username,
                                        details={"failures": failures, "locked_until": locked_until})
            await repository.record_failure(conn, username, to_db(now), locked_until, failures)
        return locked_until

    async def authenticate(self, token: str) -> CurrentUser | None:
        digest = token_digest(token)
        async with self.db.read() as conn:
            row = await repository.user_for_token(conn, digest, to_db(self.clock.now()))
        return None if row is None else current_user(row, digest)

    async def session_is_live(self, user_id: int, session: str) -> bool:
        """Whether the login session named by `session` (see session_id) is the user's, unexpired,
        not signed out, and the user still active."""
        if len(session) != SESSION_ID_CHARS:
            return False
        async with self.db.read() as conn:
            return await repository.session_is_live(conn, user_id, session, to_db(self.clock.now()))

    async def logout(self, user: CurrentUser, token: str) -> None:
        async with self.db.transaction() as conn:
            revoked = await repository.revoke_token(conn, token_digest(token), to_db(self.clock.now()))
            if revoked:
                await self.audit.record(conn, user, "auth.logout", "user", user.id)
        if revoked:
            self.notifications.sessions_ended()  # open event streams of this token end now

    # ----- users -----

    async def me(self, user: CurrentUser) -> UserOut:
        return await self.get_user(user.id)

    async def get_user(self, user_id: int) -> UserOut:
        return user_out(await self.db.read_row("user", user_id, repository.get_user, user_id))

    async def acting_user(self, user_id: int) -> CurrentUser:
        """The user on whose behalf the server finishes work they began (an upload after a
        restart), whether or not they are signed in now."""
        row = await self.db.read_row("user", user_id, repository.get_user, user_id)
        return CurrentUser(id=row["id"], username=row["username"], display_name=row["display_name"],
                           role=Role(row["role"]), organisation=row["organisation"])

    async def find_user(self, username: str) -> UserOut:
        return user_out(await self.db.read_row("user", username, repository.get_login, username))

    async def create_user(self, actor: CurrentUser | None, data: UserCreate) -> UserOut:
        password_hash = await self.hash_password(data.password)
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            if await repository.username_taken(conn, data.username):
                raise Conflict(f"the username {data.username!r} is taken", code="username_taken")
            user_id = await repository.create_user(
                conn, username=data.username, display_name=data.display_name, role=data.role,
                organisation=data.organisation, password_hash=password_hash, now=now,
            )
            await self.audit.record(conn, actor, "user.created", "user", user_id,
                                    details={"username": data.username, "role": data.role})
            row = await repository.get_user(conn, user_id)
        return user_out(row)

    async def update_user(self, actor: CurrentUser | None, user_id: int, data: UserUpdate) -> UserOut:
        changes: dict = {}
        if data.display_name is not None:
            changes["display_name"] = data.display_name
        if data.organisation is not None:
            changes["organisation"] = data.organisation
        if data.active is not None:
            if actor and actor.id == user_id and not data.active:
                raise Conflict("you cannot disable your own account", code="cannot_disable_self")
            changes["active"] = int(data.active)
        if data.password is not None:
            changes["password_hash"] = await self.hash_password(data.password)
        signs_out = changes.get("active") == 0 or "password_hash" in changes
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            if await repository.get_user(conn, user_id) is None:
                raise not_found("user", user_id)
            if changes:
                await repository.update_user(conn, user_id, changes, now)
                if signs_out:
                    await repository.revoke_user_tokens(conn, user_id, now)
                logged = {k: ("changed" if k == "password_hash" else v) for k, v in changes.items()}
                await self.audit.record(conn, actor, "user.updated", "user", user_id, details=logged)
            row = await repository.get_user(conn, user_id)
        if signs_out:
            self.notifications.sessions_ended()
        return user_out(row)

    async def list_users(self, *, cursor: str | None, limit: int, role: Role | None,
                         active: bool | None) -> UserList:
        key = decode_cursor(cursor, int)
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            rows = await repository.list_users(
                conn, after_id=key[0] if key else 0, limit=limit + 1,
                role=role.value if role else None, active=active,
            )
        items = [user_out(row) for row in rows[:limit]]
        return UserList(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    async def user_count(self) -> int:
        async with self.db.read() as conn:
            return await repository.count_users(conn)
