"""The composition root: builds every service once over one database, for the app and the CLI."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from server.bagit import load_or_create_archive_key
from server.clock import Clock
from server.db.database import Database
from server.domain.accounts.service import AccountsService
from server.domain.annotations.service import AnnotationsService
from server.domain.archive.exports import ExportJobs
from server.domain.archive.service import ArchiveService
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService
from server.domain.catalogue.service import CatalogueService
from server.domain.comments.service import CommentsService
from server.domain.evidence.links import MediaLinks, load_or_create_key
from server.domain.evidence.service import EvidenceService
from server.domain.evidence.uploads import UploadService
from server.domain.live.service import LiveService
from server.domain.notifications.service import NotificationsService
from server.domain.oversight.service import OversightService
from server.domain.ratings.service import RatingsService
from server.domain.review.service import ReviewService
from server.domain.sites.service import SitesService
from server.seed import seed_catalogue
from server.settings import Settings
from server.storage.media_store import LocalMediaStore


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
    notifications: NotificationsService
    store: LocalMediaStore
    evidence: EvidenceService
    uploads: UploadService
    review: ReviewService
    annotations: AnnotationsService
    comments: CommentsService
    ratings: RatingsService
    archive: ArchiveService
    exports: ExportJobs
    oversight: OversightService
    live: LiveService


def build_services(settings: Settings, db: Database, clock: Clock) -> Services:
    audit = AuditLog(db, clock)
    catalogue = CatalogueService(db, clock, audit)
    notifications = NotificationsService(db, clock)
    sites = SitesService(db, clock, audit)
    cases = CasesService(db, clock, audit, catalogue, sites, notifications)
    store = LocalMediaStore(settings.data_dir)
    links = MediaLinks(load_or_create_key(settings.data_dir / "keys" / "media-links.key"))
    accounts = AccountsService(db, settings, clock, audit, notifications)
    evidence = EvidenceService(db, settings, clock, audit, accounts, cases, store, links)
    # The archive signing key is created on first start (server.bagit.signing).
    archive = ArchiveService(db, settings, clock, audit, store, load_or_create_archive_key(settings.data_dir))
    review = ReviewService(db, clock, audit, cases, catalogue, evidence, notifications)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        audit=audit,
        accounts=accounts,
        catalogue=catalogue,
        sites=sites,
        cases=cases,
        notifications=notifications,
        store=store,
        evidence=evidence,
        uploads=UploadService(db, settings, clock, accounts, evidence, store),
        review=review,
        annotations=AnnotationsService(db, clock, audit, cases, evidence, notifications),
        comments=CommentsService(db, clock, audit, cases, evidence, notifications),
        ratings=RatingsService(db, clock, audit, cases),
        archive=archive,
        exports=ExportJobs(archive),
        oversight=OversightService(db, settings, clock, catalogue),
        live=LiveService(db, settings, clock, audit, cases, catalogue, review, notifications),
    )


@asynccontextmanager
async def open_services(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Services]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_path, readers=settings.db_readers, synchronous=settings.db_synchronous)
    await db.open()
    services = None
    try:
        services = build_services(settings, db, clock or Clock(settings.tz))
        await seed_catalogue(services.catalogue)
        yield services
    finally:
        if services is not None:
            services.evidence.close()
        await db.close()
