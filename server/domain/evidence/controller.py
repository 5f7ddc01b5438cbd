"""HTTP for evidence: the tus resumable-upload endpoints, the one-shot upload, listing and
files (with Range), and signed media links."""

import re
from typing import Annotated

from litestar import Controller, Request, Response, get, head, patch, post, route
from litestar.di import NamedDependency
from litestar.enums import HttpMethod
from litestar.params import FromPath, PathParameter, QueryParameter

from server.domain.evidence import tus
from server.domain.evidence.service import EvidenceService
from server.domain.evidence.uploads import UploadService
from server.errors import AppError, NotFound, UnsupportedMediaType
from server.http import IdPath, handle_app_error
from server.http_files import file_response
from server.http_forms import StreamedForm
from server.identity import CurrentUser
from server.security import ANYONE, APPLICANTS, PUBLIC
from server.shutdown import until_shutdown
from shared.enums import UploadState
from shared.models import EvidenceList, EvidenceOut, UploadStatus

UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
# The one-shot upload is for photos on a decent connection; anything bigger goes over tus.
ONE_SHOT_MAX_BYTES = 64 * 1024 * 1024
Variant = Annotated[str, PathParameter(max_length=20, description="original, thumb_256, thumb_1280 or poster")]


def _upload_id(upload_id: FromPath[str]) -> str:
    if not UPLOAD_ID.match(upload_id):
        raise NotFound("no such upload", code="upload_not_found")
    return upload_id


def _body(request: Request):
    """A PATCH body. Without a checksum (which only a whole chunk can satisfy) it ends early when
    the server is stopping, so what arrived is kept and the phone resumes from there."""
    chunks = request.stream()
    if request.headers.get("upload-checksum"):
        return chunks
    return until_shutdown(chunks, getattr(request.app.state, "shutdown", None))


def _content_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "").strip()
    return int(value) if value.isdecimal() and len(value) < 19 else None


def _tus_headers(status: UploadStatus, *, length: bool = True) -> dict[str, str]:
    headers = dict(tus.BASE_HEADERS)
    headers["Upload-Offset"] = str(status.received)
    if length:
        headers["Upload-Length"] = str(status.length)
    if status.expires_at and status.state == UploadState.receiving:
        headers["Upload-Expires"] = tus.http_date(status.expires_at)
    if status.evidence_id:
        headers["Takan-Evidence-Id"] = str(status.evidence_id)
    return headers


def _tus_refusal(request: Request, exc: AppError) -> Response:
    """The one error body, with the Tus-Resumable header tus clients look for on every answer."""
    response = handle_app_error(request, exc)
    response.headers.setdefault("Tus-Resumable", tus.VERSION)
    return response


TUS_ERRORS = {AppError: _tus_refusal}


# Module-level handlers for /api/v1/uploads itself: Litestar ignores an OPTIONS handler declared in a
# controller (answering with its own), so discovery and creation live outside UploadsController.
@route("/api/v1/uploads", http_method=[HttpMethod.OPTIONS], opt=PUBLIC, status_code=204, security=[],
       exception_handlers=TUS_ERRORS,
       tags=["uploads (tus)"], summary="tus discovery: version, extensions, limits")
async def tus_discovery(evidence: NamedDependency[EvidenceService]) -> Response[None]:
    return Response(content=None, status_code=204, headers={
        "Tus-Resumable": tus.VERSION, "Tus-Version": tus.VERSION, "Tus-Extension": tus.EXTENSIONS,
        "Tus-Max-Size": str(evidence.settings.video_max_bytes),
        "Tus-Checksum-Algorithm": ",".join(tus.CHECKSUM_ALGORITHMS),
    })


@post("/api/v1/uploads", guards=[APPLICANTS], request_max_body_size=None, status_code=201,
      exception_handlers=TUS_ERRORS,
      tags=["uploads (tus)"],
      summary="Create an upload (Upload-Length, Upload-Metadata: case_id, requirement, filename, lat, lon, "
              "accuracy, captured_at, device_id, replaces); the body may carry the first bytes")
async def tus_create(request: Request, uploads: NamedDependency[UploadService],
                 current_user: NamedDependency[CurrentUser]) -> Response:
    tus.require_version(request.headers)
    status = await uploads.create(current_user, tus.upload_length(request.headers),
                                  request.headers.get("upload-metadata"))
    if request.headers.get("content-type", "").startswith(tus.OFFSET_CONTENT_TYPE):
        status = await uploads.receive(current_user, status.id, 0, _body(request),
                                       request.headers.get("upload-checksum"))
    headers = _tus_headers(status, length=False)
    headers["Location"] = f"/api/v1/uploads/{status.id}"
    return Response(content=b"", status_code=201, headers=headers)


class UploadsController(Controller):
    """tus 1.0 at /api/v1/uploads: core, creation, creation-with-upload, termination, checksum
    and expiration."""

    path = "/api/v1/uploads"
    exception_handlers = TUS_ERRORS
    tags = ["uploads (tus)"]

    @head("/{upload_id:str}", guards=[APPLICANTS], summary="tus: the offset to resume from")
    async def offset(self, request: Request, uploads: NamedDependency[UploadService],
                     current_user: NamedDependency[CurrentUser], upload_id: FromPath[str]) -> Response[None]:
        tus.require_version(request.headers)
        status, metadata_header = await uploads.head(current_user, _upload_id(upload_id))
        headers = _tus_headers(status)
        if metadata_header:
            headers["Upload-Metadata"] = metadata_header
        return Response(content=None, status_code=200, headers=headers)

    @patch("/{upload_id:str}", guards=[APPLICANTS], request_max_body_size=None, status_code=204,
           summary="tus: append bytes at Upload-Offset (application/offset+octet-stream)")
    async def append(self, request: Request, uploads: NamedDependency[UploadService],
                     current_user: NamedDependency[CurrentUser], upload_id: FromPath[str]) -> Response[None]:
        tus.require_version(request.headers)
        if request.headers.get("content-type", "").split(";")[0].strip() != tus.OFFSET_CONTENT_TYPE:
            raise UnsupportedMediaType(f"PATCH bodies must be {tus.OFFSET_CONTENT_TYPE}")
        offset = tus.parse_int_header(request.headers, "Upload-Offset")
        status = await uploads.receive(current_user, _upload_id(upload_id), offset, _body(request),
                                       request.headers.get("upload-checksum"), _content_length(request))
        return Response(content=None, status_code=204, headers=_tus_headers(status, length=False))

    @route("/{upload_id:str}", http_method=[HttpMethod.DELETE], guards=[APPLICANTS], status_code=204,
           summary="tus termination: abandon an upload and remove its bytes")
    async def terminate(self, request: Request, uploads: NamedDependency[UploadService],
                        current_user: NamedDependency[CurrentUser], upload_id: FromPath[str]) -> Response[None]:
        tus.require_version(request.headers)
        await uploads.terminate(current_user, _upload_id(upload_id))
        return Response(content=None, status_code=204, headers=dict(tus.BASE_HEADERS))

    @get("/{upload_id:str}", guards=[APPLICANTS], summary="Where an upload stands, and its evidence once ingested")
    async def status(self, uploads: NamedDependency[UploadService], current_user: NamedDependency[CurrentUser],
                     upload_id: FromPath[str]) -> UploadStatus:
        return await uploads.status(current_user, _upload_id(upload_id))


class EvidenceController(Controller):
    path = "/api/v1"
    tags = ["evidence"]

    @get("/cases/{case_id:int}/evidence", guards=[ANYONE],
         summary="A case's evidence (superseded items too, marked) with checklist coverage")
    async def list_evidence(self, evidence: NamedDependency[EvidenceService],
                            current_user: NamedDependency[CurrentUser], case_id: IdPath) -> EvidenceList:
        return await evidence.list_for_case(current_user, case_id)

    @post("/cases/{case_id:int}/evidence", guards=[APPLICANTS], request_max_body_size=ONE_SHOT_MAX_BYTES,
          summary="Upload one photo in one request (multipart: requirement, lat, lon, accuracy, captured_at, "
                  "device_id, replaces, then the file); large files and weak networks: use /uploads (tus)")
    async def upload_one(self, request: Request, evidence: NamedDependency[EvidenceService],
                         current_user: NamedDependency[CurrentUser], case_id: IdPath) -> Response[EvidenceOut]:
        form = StreamedForm(request.stream(), request.headers.get("content-type", ""))
        result = await evidence.ingest_one_shot(current_user, case_id, form)
        return Response(result.evidence, status_code=201 if result.created else 200)

    @get("/evidence/{evidence_id:int}", guards=[ANYONE], summary="One evidence item")
    async def get_evidence(self, evidence: NamedDependency[EvidenceService],
                           current_user: NamedDependency[CurrentUser], evidence_id: IdPath) -> EvidenceOut:
        return await evidence.get(current_user, evidence_id)

    @get("/evidence/{evidence_id:int}/file/{variant:str}", guards=[ANYONE],
         summary="The original or a derivative (ETag = sha256, Range supported)")
    async def get_file(self, request: Request, evidence: NamedDependency[EvidenceService],
                       current_user: NamedDependency[CurrentUser], evidence_id: IdPath, variant: Variant) -> Response:
        path, etag, media_type, name = await evidence.file_for(current_user, evidence_id, variant)
        return file_response(request, path, etag=etag, media_type=media_type, download_name=name)

    @get("/media/{evidence_id:int}/{variant:str}", opt=PUBLIC, security=[],
         summary="The same file through a signed link (from an evidence item's urls)")
    async def get_signed_file(
        self, request: Request, evidence: NamedDependency[EvidenceService], evidence_id: IdPath, variant: Variant,
        u: Annotated[int, QueryParameter(ge=1, le=2**62)], exp: Annotated[int, QueryParameter(ge=0, le=2**40)],
        sig: Annotated[str, QueryParameter(max_length=64)], s: Annotated[str, QueryParameter(max_length=64)] = "",
    ) -> Response:
        path, etag, media_type, name = await evidence.file_for_link(evidence_id, variant, u, s, exp, sig)
        return file_response(request, path, etag=etag, media_type=media_type, download_name=name)
