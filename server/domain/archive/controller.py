"""HTTP for archives: one case's signed bag (streamed), the archive key, bulk export jobs."""

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.response import Stream

from server.domain.archive.exports import ExportJobs
from server.domain.archive.models import ArchiveKeyOut, ExportCreate, ExportJobList, ExportJobOut
from server.domain.archive.service import ArchiveService
from server.http import Cursor, IdPath, Limit
from server.http_files import file_response
from server.identity import CurrentUser
from server.security import AUDITORS, PUBLIC


def _attachment(name: str) -> str:
    return f'attachment; filename="{name}"'  # references and job names are plain ASCII


class ArchiveController(Controller):
    path = "/api/v1"
    tags = ["archive"]

    @get("/cases/{case_id:int}/archive", guards=[AUDITORS],
         summary="The case's signed BagIt archive (zip), streamed",
         description="Evidence originals (superseded ones too), case/evidence/annotations/comments/opinions "
                     "JSON, the case's audit events, the Chinese survey report PDF and annotated renders, with "
                     "SHA-256 manifests and an Ed25519 signature over the tag manifest. Check it with "
                     "`takan verify FILE.zip --key <GET /api/v1/archive-key>`.")
    async def case_archive(self, archive: NamedDependency[ArchiveService],
                           current_user: NamedDependency[CurrentUser], case_id: IdPath) -> Stream:
        prepared = await archive.export_case(current_user, case_id)
        return Stream(archive.stream(prepared), media_type="application/zip", headers={
            "Content-Disposition": _attachment(prepared.filename),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        })

    # Public on purpose: a public key is no secret, and whoever receives an archive (a court, a
    # provincial auditor, an applicant in a dispute) must be able to check it without an account.
    @get("/archive-key", opt=PUBLIC, security=[], summary="The public key that signs every archive")
    async def archive_key(self, archive: NamedDependency[ArchiveService]) -> ArchiveKeyOut:
        return archive.public_key()

    @post("/exports", guards=[AUDITORS], status_code=202,
          summary="Start a bulk export: one zip holding each matching case's signed archive")
    async def create_export(self, exports: NamedDependency[ExportJobs],
                            current_user: NamedDependency[CurrentUser],
                            data: JSONBody[ExportCreate]) -> Response[ExportJobOut]:
        job = await exports.create(current_user, data)
        return Response(job, status_code=202, headers={"Location": f"/api/v1/exports/{job.id}"})

    @get("/exports", guards=[AUDITORS], summary="Bulk exports, newest first")
    async def list_exports(self, exports: NamedDependency[ExportJobs],
                           current_user: NamedDependency[CurrentUser], cursor: Cursor = None,
                           limit: Limit = 50) -> ExportJobList:
        return await exports.listing(current_user, cursor=cursor, limit=limit)

    @get("/exports/{export_id:int}", guards=[AUDITORS], summary="A bulk export's state and progress")
    async def get_export(self, exports: NamedDependency[ExportJobs],
                         current_user: NamedDependency[CurrentUser], export_id: IdPath) -> ExportJobOut:
        return await exports.get(current_user, export_id)

    @get("/exports/{export_id:int}/download", guards=[AUDITORS],
         summary="The finished export (Range and If-Range resume a broken download; ETag = sha256)")
    async def download_export(self, request: Request, exports: NamedDependency[ExportJobs],
                              current_user: NamedDependency[CurrentUser], export_id: IdPath) -> Response:
        path, sha256, name = await exports.download(current_user, export_id,
                                                            range_header=request.headers.get("range"),
                                                            if_range=request.headers.get("if-range"))
        response = file_response(request, path, etag=sha256, media_type="application/zip")
        response.headers["Content-Disposition"] = _attachment(name)
        return response
