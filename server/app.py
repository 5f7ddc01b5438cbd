"""The Litestar application factory: create_app(settings)."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar, Request, Response, get
from litestar.datastructures import CacheControlHeader
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from server.clock import Clock
from server.domain.accounts.controller import AccountsController
from server.domain.annotations.controller import AnnotationsController
from server.domain.archive.controller import ArchiveController
from server.domain.audit.controller import AuditController
from server.domain.cases.controller import CasesController
from server.domain.catalogue.controller import CatalogueController
from server.domain.comments.controller import CommentsController
from server.domain.evidence.controller import EvidenceController, UploadsController, tus_create, tus_discovery
from server.domain.evidence.method_override import MethodOverride
from server.domain.live.controller import LiveController
from server.domain.notifications.controller import NotificationsController
from server.domain.oversight.controller import OversightController
from server.domain.ratings.controller import RatingsController
from server.domain.review.controller import ReviewController
from server.domain.sites.controller import SitesController
from server.errors import AppError
from server.hardening import cors_config, disk_full_response, install_log_redaction, security_headers
from server.http import TakanRequest, error_response, handle_app_error, readable_validation
from server.identity import CurrentUser
from server.openapi_docs import document_api
from server.security import PUBLIC, BearerTokenMiddleware
from server.services import Services, open_services
from server.settings import Settings
from server.shutdown import ShutdownNotice

log = logging.getLogger("takan")

# Codes for errors Litestar raises itself (routing, body limits, parsing).
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
              429: "too_many_requests"}


def handle_validation(_: Request, exc: ValidationException) -> Response:
    errors = exc.extra if isinstance(exc.extra, list) else []
    errors = [{**e, "message": readable_validation(str(e["message"]))} if isinstance(e, dict) and "message" in e
              else e for e in errors]
    return error_response(400, "invalid_request", "the request is not valid: " + (
        "; ".join(f"{e.get('key', '')}: {e.get('message', '')}".strip(": ") for e in errors if isinstance(e, dict))
        or exc.detail), {"errors": errors})


def handle_http(_: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    if status >= 500:
        log.error("server error: %s", exc.detail)
    return error_response(status, HTTP_CODES.get(status, "http_error"), str(exc.detail),
                          headers=dict(exc.headers or {}))


def handle_unexpected(request: Request, exc: Exception) -> Response:
    if (full := disk_full_response(exc)) is not None:
        return full
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error",
                          "something went wrong on the server; it has been logged")


@get("/api/v1/health", opt=PUBLIC, tags=["system"], summary="Liveness check", security=[])
async def health() -> dict[str, str]:
    return {"status": "ok"}


# The applicant's mobile page (/m/): public static files; its data comes only through the API's
# bearer auth. Scripts, styles and API calls from this server only; sample media may be https.
MOBILE_DIR = Path(__file__).parent / "web"
MOBILE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self' https: blob: data:; media-src 'self' https: blob:; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
}


async def _harden_mobile(response: Response) -> Response:
    response.headers.update(MOBILE_HEADERS)
    return response


def _service(name: str) -> Provide:
    def provide(request: Request) -> object:
        return getattr(request.app.state.services, name)

    provide.__name__ = f"provide_{name}"
    return Provide(provide, sync_to_thread=False)


def provide_current_user(request: Request) -> CurrentUser:
    return request.user


async def sweep_uploads(services: Services) -> None:
    """Periodically expire abandoned uploads and finish those a crash interrupted (the first run
    at start-up)."""
    while True:
        try:
            result = await services.uploads.sweep()
            if any(result.values()):
                log.info("upload sweep: %s", result)
        except Exception:
            log.exception("upload sweep failed")
        await asyncio.sleep(services.settings.upload_sweep_seconds)


async def sweep_live_reminders(services: Services) -> None:
    """Periodically send the reminders of booked live surveys that are due (1 hour before, at
    the start); each goes out once, however often this runs and across restarts."""
    while True:
        try:
            sent = await services.live.send_due_reminders()
            if sent:
                log.info("live survey reminders sent: %d", sent)
        except Exception:
            log.exception("live survey reminder sweep failed")
        await asyncio.sleep(services.settings.live_reminder_sweep_seconds)


def create_app(settings: Settings, *, clock: Clock | None = None) -> Litestar:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        async with open_services(settings, clock) as services:
            app.state.services = services
            # SIGTERM: upload bodies and event streams stop, uploads keep what arrived
            app.state.shutdown = ShutdownNotice(forward_repeats=settings.http_server != "granian")
            app.state.shutdown.install()
            install_log_redaction()  # after uvicorn set up logging: no token or ?sig= in any line
            await services.exports.recover()  # bulk exports a stopped server left unfinished
            await services.uploads.recover()  # resumable uploads back to their fsynced offsets
            sweepers = [asyncio.create_task(sweep_uploads(services), name="upload-sweeper"),
                        asyncio.create_task(sweep_live_reminders(services), name="live-reminder-sweeper")]
            try:
                yield
            finally:
                app.state.shutdown.uninstall()
                for sweeper in sweepers:
                    sweeper.cancel()
                for sweeper in sweepers:
                    with contextlib.suppress(asyncio.CancelledError):
                        await sweeper
                await services.uploads.sync_all()  # a clean stop loses no acknowledged byte
                await services.exports.stop()
                await services.archive.drain()

    dependencies = {name: _service(name) for name in Services.__dataclass_fields__ if name != "settings"}
    dependencies["settings"] = _service("settings")
    dependencies["current_user"] = Provide(provide_current_user, sync_to_thread=False)

    app = Litestar(
        route_handlers=[health, AccountsController, CatalogueController, SitesController, CasesController,
                        AuditController, EvidenceController, tus_discovery, tus_create, UploadsController,
                        NotificationsController, ReviewController, AnnotationsController, CommentsController,
                        RatingsController, ArchiveController, OversightController, LiveController,
                        create_static_files_router(path="/m", directories=[MOBILE_DIR], html_mode=True, opt=PUBLIC,
                                                   name="mobile", cache_control=CacheControlHeader(no_cache=True),
                                                   after_request=_harden_mobile)],
        lifespan=[lifespan],
        dependencies=dependencies,
        middleware=[DefineMiddleware(BearerTokenMiddleware, exclude=["^/schema"])],
        exception_handlers={
            AppError: handle_app_error,
            ValidationException: handle_validation,
            HTTPException: handle_http,
            Exception: handle_unexpected,
        },
        cors_config=cors_config(settings),  # closed unless TAKAN_CORS_ORIGINS names origins
        before_send=[security_headers],
        openapi_config=OpenAPIConfig(
            title="Takan (踏勘) API",
            version="1",
            path="/schema",
            description="Remote site survey for administrative approval. Log in at /api/v1/auth/login "
                        "and send the token as 'Authorization: Bearer <token>'.",
            components=Components(security_schemes={
                "BearerToken": SecurityScheme(type="http", scheme="bearer", description="token from /auth/login"),
            }),
            security=[{"BearerToken": []}],
        ),
        request_max_body_size=settings.max_json_bytes,
        request_class=TakanRequest,
        debug=settings.debug,
    )
    document_api(app)  # the one error body for every error status, the real media types of files
    app.asgi_handler = MethodOverride(app.asgi_handler)  # before routing: tus clients behind GET/POST-only proxies
    return app
