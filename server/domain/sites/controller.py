"""HTTP for survey sites."""

from litestar import Controller, get, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody

from server.domain.sites.service import SitesService
from server.http import Cursor, IdPath, Limit, SearchText
from server.identity import CurrentUser
from server.security import ADMINS, ANYONE
from shared.models import SiteIn, SiteList, SiteOut


class SitesController(Controller):
    path = "/api/v1/sites"
    tags = ["sites"]

    @get("/", guards=[ANYONE], summary="List sites (search by name or address with q)")
    async def list_sites(self, sites: NamedDependency[SitesService], cursor: Cursor = None, limit: Limit = 50,
                         q: SearchText = None) -> SiteList:
        return await sites.list(cursor=cursor, limit=limit, query=q)

    @get("/{site_id:int}", guards=[ANYONE], summary="One site")
    async def get_site(self, sites: NamedDependency[SitesService], site_id: IdPath) -> SiteOut:
        return await sites.get(site_id)

    @post("/", guards=[ADMINS], summary="Create a site (coordinates in WGS-84, GCJ-02 or BD-09)")
    async def create_site(
        self, sites: NamedDependency[SitesService], current_user: NamedDependency[CurrentUser], data: JSONBody[SiteIn]
    ) -> SiteOut:
        return await sites.create(current_user, data)

    @put("/{site_id:int}", guards=[ADMINS], summary="Change a site")
    async def update_site(self, sites: NamedDependency[SitesService], current_user: NamedDependency[CurrentUser],
                          site_id: IdPath, data: JSONBody[SiteIn]) -> SiteOut:
        return await sites.update(current_user, site_id, data)
