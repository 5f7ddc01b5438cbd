"""HTTP for logging in and out, the current user, and user administration."""

from litestar import Controller, Request, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody

from server.domain.accounts.service import AccountsService
from server.http import Cursor, IdPath, Limit
from server.identity import CurrentUser
from server.security import ADMINS, ANYONE, PUBLIC
from shared.enums import Role
from shared.models import LoginRequest, LoginResponse, UserCreate, UserList, UserOut, UserUpdate


class AccountsController(Controller):
    path = "/api/v1"
    tags = ["accounts"]

    @post("/auth/login", opt=PUBLIC, status_code=200, security=[], summary="Log in; returns a bearer token")
    async def login(self, accounts: NamedDependency[AccountsService], data: JSONBody[LoginRequest],
                    request: Request) -> LoginResponse:
        return await accounts.login(data.username, data.password, request.client.host if request.client else None)

    @post("/auth/logout", guards=[ANYONE], status_code=204, summary="Revoke this token")
    async def logout(
        self, accounts: NamedDependency[AccountsService], current_user: NamedDependency[CurrentUser], request: Request
    ) -> None:
        await accounts.logout(current_user, request.auth)

    @get("/me", guards=[ANYONE], summary="The logged-in user")
    async def me(
        self, accounts: NamedDependency[AccountsService], current_user: NamedDependency[CurrentUser]
    ) -> UserOut:
        return await accounts.me(current_user)

    @get("/users", guards=[ADMINS], summary="List users")
    async def list_users(self, accounts: NamedDependency[AccountsService], cursor: Cursor = None, limit: Limit = 50,
                         role: FromQuery[Role | None] = None, active: FromQuery[bool | None] = None) -> UserList:
        return await accounts.list_users(cursor=cursor, limit=limit, role=role, active=active)

    @post("/users", guards=[ADMINS], summary="Create a user")
    async def create_user(self, accounts: NamedDependency[AccountsService], current_user: NamedDependency[CurrentUser],
                          data: JSONBody[UserCreate]) -> UserOut:
        return await accounts.create_user(current_user, data)

    @get("/users/{user_id:int}", guards=[ADMINS], summary="One user")
    async def get_user(self, accounts: NamedDependency[AccountsService], user_id: IdPath) -> UserOut:
        return await accounts.get_user(user_id)

    @patch("/users/{user_id:int}", guards=[ADMINS], summary="Change, disable or re-enable a user")
    async def update_user(self, accounts: NamedDependency[AccountsService], current_user: NamedDependency[CurrentUser],
                          user_id: IdPath, data: JSONBody[UserUpdate]) -> UserOut:
        return await accounts.update_user(current_user, user_id, data)
