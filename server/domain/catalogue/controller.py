"""HTTP for the item catalogue and the working-day calendar."""

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody, PathParameter

from server.domain.catalogue.service import CatalogueService
from server.identity import CurrentUser
from server.security import ADMINS, ANYONE
from shared.enums import Role
from shared.models import ItemTypeIn, ItemTypeList, ItemTypeOut, ItemTypePut
from shared.workdays import CalendarFile

Code = Annotated[str, PathParameter(max_length=64, description="item type code, e.g. presale_permit")]


class CatalogueController(Controller):
    path = "/api/v1"
    tags = ["catalogue"]

    @get("/item-types", guards=[ANYONE], summary="List item types (事项清单)")
    async def list_item_types(
        self,
        catalogue: NamedDependency[CatalogueService],
        current_user: NamedDependency[CurrentUser],
        include_inactive: FromQuery[bool] = False,
    ) -> ItemTypeList:
        return await catalogue.list(include_inactive=include_inactive and current_user.role == Role.admin)

    @get("/item-types/{code:str}", guards=[ANYONE], summary="One item type with its guide and checklist")
    async def get_item_type(self, catalogue: NamedDependency[CatalogueService], code: Code) -> ItemTypeOut:
        return await catalogue.get(code)

    @post("/item-types", guards=[ADMINS], summary="Create an item type")
    async def create_item_type(self, catalogue: NamedDependency[CatalogueService],
                               current_user: NamedDependency[CurrentUser], data: JSONBody[ItemTypeIn]) -> ItemTypeOut:
        return await catalogue.create(current_user, data)

    @put("/item-types/{code:str}", guards=[ADMINS], summary="Replace an item type (new version)")
    async def replace_item_type(
        self,
        catalogue: NamedDependency[CatalogueService],
        current_user: NamedDependency[CurrentUser],
        code: Code,
        data: JSONBody[ItemTypePut],
    ) -> ItemTypeOut:
        return await catalogue.replace(current_user, code, data)

    @delete(
        "/item-types/{code:str}",
        guards=[ADMINS],
        status_code=200,
        summary="Withdraw an item type (kept for existing cases; takes no new ones)",
    )
    async def deactivate_item_type(
        self, catalogue: NamedDependency[CatalogueService], current_user: NamedDependency[CurrentUser], code: Code
    ) -> ItemTypeOut:
        return await catalogue.deactivate(current_user, code)

    @get("/calendar", guards=[ANYONE], summary="The working-day calendar in force")
    async def get_calendar(self, catalogue: NamedDependency[CatalogueService]) -> CalendarFile:
        return await catalogue.calendar_file()

    @put("/calendar", guards=[ADMINS], summary="Replace the holiday and make-up-day calendar")
    async def put_calendar(self, catalogue: NamedDependency[CatalogueService],
                           current_user: NamedDependency[CurrentUser], data: JSONBody[CalendarFile]) -> CalendarFile:
        return await catalogue.replace_calendar(current_user, data)
