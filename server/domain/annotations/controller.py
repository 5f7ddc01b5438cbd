"""HTTP for annotations on evidence: officers draw, edit (a new revision each time) and delete
(a mark) their own; staff read all and the history; the applicant reads what is shared."""

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from server.domain.annotations.service import AnnotationsService
from server.http import MAX_ID, IdPath
from server.identity import CurrentUser
from server.security import ANYONE, OFFICERS, STAFF
from shared.annotations import AnnotationIn, AnnotationList, AnnotationOut, AnnotationUpdate
from shared.discussion import AnnotationRevisionList

IncludeDeleted = Annotated[bool, QueryParameter(description="staff: list deleted annotations too (marked deleted)")]
Version = Annotated[int, QueryParameter(ge=1, le=MAX_ID, description="the version you are deleting")]


class AnnotationsController(Controller):
    path = "/api/v1"
    tags = ["annotations"]

    @get("/evidence/{evidence_id:int}/annotations", guards=[ANYONE],
         summary="An evidence item's annotations: all for staff, those shared with them for the applicant")
    async def list_for_evidence(self, annotations: NamedDependency[AnnotationsService],
                                current_user: NamedDependency[CurrentUser], evidence_id: IdPath,
                                include_deleted: IncludeDeleted = False) -> AnnotationList:
        return await annotations.for_evidence(current_user, evidence_id, include_deleted=include_deleted)

    @get("/cases/{case_id:int}/annotations", guards=[ANYONE],
         summary="A case's annotations over all its evidence: all for staff, the shared ones for the applicant")
    async def list_for_case(self, annotations: NamedDependency[AnnotationsService],
                            current_user: NamedDependency[CurrentUser], case_id: IdPath,
                            include_deleted: IncludeDeleted = False) -> AnnotationList:
        return await annotations.for_case(current_user, case_id, include_deleted=include_deleted)

    @post("/evidence/{evidence_id:int}/annotations", guards=[OFFICERS],
          summary="Annotate an evidence item (while the case is submitted, in review or awaiting rectification)")
    async def create_annotation(self, annotations: NamedDependency[AnnotationsService],
                                current_user: NamedDependency[CurrentUser], evidence_id: IdPath,
                                data: JSONBody[AnnotationIn]) -> AnnotationOut:
        return await annotations.create(current_user, evidence_id, data)

    @put("/annotations/{annotation_id:int}", guards=[OFFICERS],
         summary="Edit your annotation: a new revision (the old one is kept); `version` must be the latest")
    async def update_annotation(self, annotations: NamedDependency[AnnotationsService],
                                current_user: NamedDependency[CurrentUser], annotation_id: IdPath,
                                data: JSONBody[AnnotationUpdate]) -> AnnotationOut:
        return await annotations.update(current_user, annotation_id, data)

    @delete("/annotations/{annotation_id:int}", guards=[OFFICERS], status_code=200,
            summary="Delete your annotation (marked deleted and kept in its history)")
    async def delete_annotation(self, annotations: NamedDependency[AnnotationsService],
                                current_user: NamedDependency[CurrentUser], annotation_id: IdPath,
                                version: Version) -> AnnotationOut:
        return await annotations.delete(current_user, annotation_id, version)

    @get("/annotations/{annotation_id:int}/revisions", guards=[STAFF],
         summary="An annotation's every revision, deletion included (oldest first)")
    async def list_revisions(self, annotations: NamedDependency[AnnotationsService],
                             current_user: NamedDependency[CurrentUser],
                             annotation_id: IdPath) -> AnnotationRevisionList:
        return await annotations.revisions(current_user, annotation_id)
