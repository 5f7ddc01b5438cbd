"""Survey sites. Coordinates arrive in WGS-84, GCJ-02 or BD-09 and are stored as WGS-84."""

from dataclasses import dataclass

from server.clock import Clock, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.db.text import like_pattern
from server.domain.audit.service import AuditLog
from server.domain.sites import repository
from server.errors import not_found
from server.identity import CurrentUser
from shared.enums import Datum
from shared.geo import to_wgs84
from shared.models import SiteIn, SiteList, SiteOut


def site_out(row) -> SiteOut:
    return SiteOut(
        id=row["id"], name=row["name"], address=row["address"], lat=row["lat"], lon=row["lon"],
        input_datum=Datum(row["input_datum"]), input_lat=row["input_lat"], input_lon=row["input_lon"],
        radius_m=row["radius_m"],
    )


def _columns(data: SiteIn) -> dict:
    lat, lon = to_wgs84(data.lat, data.lon, data.datum)
    return {
        "name": data.name, "address": data.address, "lat": lat, "lon": lon,
        "input_datum": data.datum.value, "input_lat": data.lat, "input_lon": data.lon,
        "radius_m": data.radius_m,
    }


@dataclass(eq=False)
class SitesService:
    db: Database
    clock: Clock
    audit: AuditLog

    @staticmethod
    async def find(conn, site_id: int):
        """The site's row, or None, in the caller's transaction (for other areas)."""
        return await repository.get(conn, site_id)

    async def get(self, site_id: int) -> SiteOut:
        return site_out(await self.db.read_row("site", site_id, repository.get, site_id))

    async def list(self, *, cursor: str | None, limit: int, query: str | None) -> SiteList:
        key = decode_cursor(cursor, int)
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            rows = await repository.page(conn, after_id=key[0] if key else 0, limit=limit + 1,
                                         query=like_pattern(query))
        items = [site_out(row) for row in rows[:limit]]
        return SiteList(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    async def create(self, actor: CurrentUser | None, data: SiteIn) -> SiteOut:
        values = _columns(data)
        async with self.db.transaction() as conn:
            site_id = await repository.create(
                conn, {**values, "created_by": actor.id if actor else None, "created_at": to_db(self.clock.now())}
            )
            await self.audit.record(conn, actor, "site.created", "site", site_id, details=values)
            row = await repository.get(conn, site_id)
        return site_out(row)

    async def update(self, actor: CurrentUser, site_id: int, data: SiteIn) -> SiteOut:
        values = _columns(data)
        async with self.db.transaction() as conn:
            if await repository.get(conn, site_id) is None:
                raise not_found("site", site_id)
            await repository.update(conn, site_id, values)
            await self.audit.record(conn, actor, "site.updated", "site", site_id, details=values)
            row = await repository.get(conn, site_id)
        return site_out(row)
