"""Sending an annotation SavePlan to the server (no Qt; run it in a worker thread).

The calls go one by one, deletions first, then updates, then creations, and stop at the first
failure; the outcome lists what the server confirmed, so the document records exactly that
(AnnotationDocument.confirm / confirm_deleted) and a retry sends only the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer_app.core.annotations import Annotation, SavePlan
from reviewer_app.core.api import ApiClient, ApiError, ClientError
from shared.annotations import AnnotationOut


@dataclass
class SaveOutcome:
    evidence_id: int
    saved: list[tuple[Annotation, AnnotationOut]] = field(default_factory=list)  # created or updated
    deleted: list[Annotation] = field(default_factory=list)
    error: ClientError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def count(self) -> int:
        return len(self.saved) + len(self.deleted)


def execute_plan(api: ApiClient, evidence_id: int, plan: SavePlan) -> SaveOutcome:
    outcome = SaveOutcome(evidence_id)
    try:
        for annotation in plan.delete:
            try:
                api.delete_annotation(annotation.server_id, annotation.version)
            except ApiError as exc:
                if exc.status != 404:  # already gone on the server: that is what we wanted
                    raise
            outcome.deleted.append(annotation)
        for annotation in plan.update:
            outcome.saved.append((annotation, api.update_annotation(annotation.server_id, annotation.to_update())))
        for annotation in plan.create:
            outcome.saved.append((annotation, api.create_annotation(evidence_id, annotation.to_wire())))
    except ClientError as exc:
        outcome.error = exc
    return outcome
