"""The composition root: builds every service once over one database, for the app and the CLI."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from server.clock import Clock
from server.db.database import Database
from server.domain.accounts.service import AccountsService
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService
from server.domain.catalogue.service import CatalogueService
from server.domain.sites.service import SitesService
from server.seed import seed_catalogue
from server.settings import Settings


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    audit: AuditLog
    accounts: AccountsService
    catalogue: CatalogueService
    sites: SitesService
    cases: CasesService


def build_services(settings: Settings, db: Database, clock: Clock) -> Services:
    audit = AuditLog(db, clock)
    catalogue = CatalogueService(db, clock, audit)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        audit=audit,
        accounts=AccountsService(db, settings, clock, audit),
        catalogue=catalogue,
        sites=SitesService(db, clock, audit),
        cases=CasesService(db, clock, audit, catalogue),
    )


@asynccontextmanager
async def open_services(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Services]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_path, readers=settings.db_readers, synchronous=settings.db_synchronous)
    await db.open()
    try:
        services = build_services(settings, db, clock or Clock(settings.tz))
        await seed_catalogue(services.catalogue)
        yield services
    finally:
        await db.close()
