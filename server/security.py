"""Authentication (bearer tokens) and role guards for the HTTP layer.

Every route either carries one of the guards below or is marked public with
`opt={"exclude_from_auth": True}`; tests/server/test_authorization_matrix.py enumerates every
route of the app and fails for one that is not in its table.
"""

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from server.errors import Forbidden, Unauthorized
from shared.enums import Role

PUBLIC: dict[str, Any] = {"exclude_from_auth": True}
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="takan"'}


def bearer_token(connection: ASGIConnection) -> str | None:
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


class BearerTokenMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        token = bearer_token(connection)
        if token is None:
            raise Unauthorized("log in first (send 'Authorization: Bearer <token>')",
                               code="not_authenticated", headers=CHALLENGE)
        user = await connection.app.state.services.accounts.authenticate(token)
        if user is None:
            raise Unauthorized("your session has expired or was signed out; log in again",
                               code="invalid_token", headers=CHALLENGE)
        return AuthenticationResult(user=user, auth=token)


Guard = Callable[[ASGIConnection, BaseRouteHandler], None]


def allow(*roles: Role) -> Guard:
    """A guard letting only these roles through (object-level rules live in the services)."""
    allowed = frozenset(roles)
    names = ", ".join(sorted(role.value for role in allowed))

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        if connection.user.role not in allowed:
            raise Forbidden(f"this needs one of the roles: {names}", code="role_forbidden",
                            detail={"allowed_roles": sorted(allowed)})

    guard.allowed_roles = allowed  # type: ignore[attr-defined]
    return guard


ANYONE = allow(*Role)
STAFF = allow(Role.officer, Role.auditor, Role.admin)
OFFICERS = allow(Role.officer, Role.admin)
AUDITORS = allow(Role.auditor, Role.admin)
ADMINS = allow(Role.admin)
APPLICANTS = allow(Role.applicant)
