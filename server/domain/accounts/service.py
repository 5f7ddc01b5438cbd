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
from server.errors import Conflict, Forbidden, TooManyRequests, Unauthorized, not_found
from server.identity import CurrentUser
from server.settings import Settings
from shared.enums import Role
from shared.models import LoginResponse, UserCreate, UserList, UserOut, UserUpdate

MAX_LOCK = timedelta(hours=24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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
    def __init__(self, db: Database, settings: Settings, clock: Clock, audit: AuditLog):
        self.db = db
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
        """`client` is the caller's address, for the limit on failures per address."""
        username = username.strip()
        now = self.clock.now()
        wait = self.address_throttle.retry_after(client, now)
        if wait is not None:
            raise TooManyRequests(
                f"too many failed logins from your network; try again in {math.ceil(wait / 60)} min",
                code="login_rate_limited",
                detail={"retry_after_s": wait,
                        "message_zh": f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。"},
                headers={"Retry-After": str(wait)},
            )
        async with self.db.read() as conn:
            throttle = await repository.throttle_state(conn, username)
            row = await repository.get_login(conn, username)
        self._refuse_if_locked(throttle, now)

        matches = await self._password_matches(row["password_hash"] if row else self._dummy_hash, password)
        if row is None or not matches:
            self.address_throttle.record_failure(client, now)
            await self._count_failure(username)
            raise Unauthorized("wrong username or password", code="bad_credentials")
        if not row["active"]:
            raise Forbidden("this account is disabled; ask an administrator", code="account_disabled")

        token = secrets.token_urlsafe(32)
        expires_at = now + timedelta(seconds=self.settings.token_ttl_seconds)
        user = CurrentUser(id=row["id"], username=row["username"], display_name=row["display_name"],
                           role=Role(row["role"]), organisation=row["organisation"])
        new_hash = None
        if self.hasher.check_needs_rehash(row["password_hash"]):
            new_hash = await self.hash_password(password)
        async with self.db.transaction() as conn:
            await repository.clear_failures(conn, username)
            await repository.store_token(
                conn, token_hash=token_digest(token), user_id=user.id, now=to_db(now), expires_at=to_db(expires_at)
            )
            if new_hash:
                await repository.update_user(conn, user.id, {"password_hash": new_hash}, to_db(now))
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

    async def _count_failure(self, username: str) -> None:
        """Count a failure; at every `login_max_failures`-th one in a row, lock the username for
        a while, doubling each time (up to a day)."""
        now = self.clock.now()
        limit = self.settings.login_max_failures
        async with self.db.transaction() as conn:
            throttle = await repository.throttle_state(conn, username)
            failures = (throttle["failures"] if throttle else 0) + 1
            locked_until = None
            if failures % limit == 0:
                lock = min(timedelta(seconds=self.settings.login_lock_seconds) * 2 ** (failures // limit - 1),
                           MAX_LOCK)
                locked_until = to_db(now + lock)
                await self.audit.record(conn, None, "auth.locked", "username", username,
                                        details={"failures": failures, "locked_until": locked_until})
            await repository.record_failure(conn, username, to_db(now), locked_until, failures)
        if locked_until:
            async with self.db.read() as conn:
                self._refuse_if_locked(await repository.throttle_state(conn, username), now)

    async def authenticate(self, token: str) -> CurrentUser | None:
        async with self.db.read() as conn:
            row = await repository.user_for_token(conn, token_digest(token), to_db(self.clock.now()))
        if row is None:
            return None
        return CurrentUser(id=row["id"], username=row["username"], display_name=row["display_name"],
                           role=Role(row["role"]), organisation=row["organisation"])

    async def logout(self, user: CurrentUser, token: str) -> None:
        async with self.db.transaction() as conn:
            if await repository.revoke_token(conn, token_digest(token), to_db(self.clock.now())):
                await self.audit.record(conn, user, "auth.logout", "user", user.id)

    # ----- users -----

    async def me(self, user: CurrentUser) -> UserOut:
        return await self.get_user(user.id)

    async def get_user(self, user_id: int) -> UserOut:
        async with self.db.read() as conn:
            row = await repository.get_user(conn, user_id)
        if row is None:
            raise not_found("user", user_id)
        return user_out(row)

    async def find_user(self, username: str) -> UserOut:
        async with self.db.read() as conn:
            row = await repository.get_login(conn, username)
        if row is None:
            raise not_found("user", username)
        return user_out(row)

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
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            if await repository.get_user(conn, user_id) is None:
                raise not_found("user", user_id)
            if changes:
                await repository.update_user(conn, user_id, changes, now)
                if changes.get("active") == 0 or "password_hash" in changes:
                    await repository.revoke_user_tokens(conn, user_id, now)
                logged = {k: ("changed" if k == "password_hash" else v) for k, v in changes.items()}
                await self.audit.record(conn, actor, "user.updated", "user", user_id, details=logged)
            row = await repository.get_user(conn, user_id)
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
