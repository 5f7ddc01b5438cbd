"""Helpers for the tests of annotations, comments and ratings: a case of the applicant with real
evidence, put in the status a test needs, officers assigned to it, and what each user's feed
and the audit log hold."""

from pathlib import Path

from server.clock import to_db
from server.domain.cases import repository as cases_repository
from tests.server.evidence.conftest import SITE_LAT, SITE_LON, site_photo, upload
from tests.support.api import make_case, make_site
from tests.support.media import make_video


async def case_with_evidence(client, users, tmp_path: Path, *, status: str = "in_review", photos: int = 1,
                             video: bool = False, applicant: str = "applicant") -> tuple[dict, list[dict]]:
    """A presale case of `applicant` with `photos` photos (facade_east, facade_south, ...) and
    optionally the walk-round video, then moved to `status` (uploads need a draft, so the status
    is set afterwards, directly)."""
    site = await make_site(client, users.headers("admin"), lat=SITE_LAT, lon=SITE_LON)
    case = await make_case(client, users.headers(applicant), site["id"])
    evidence = []
    keys = ["facade_east", "facade_south", "facade_west", "facade_north"]
    for i in range(photos):
        # Small photos keep these tests quick (the resolution check warns, which does not matter here).
        path = site_photo(tmp_path / f"c{case['id']}_{i}.jpg", seed=case["id"] * 10 + i, width=800, height=600)
        response = await upload(client, users, case["id"], path, requirement=keys[i], who=applicant)
        assert response.status_code == 201, response.text
        evidence.append(response.json())
    if video:
        path = make_video(tmp_path / f"c{case['id']}_walk.mp4", seconds=2, location="+30.5429+119.9691/")
        response = await client.post(f"/api/v1/cases/{case['id']}/evidence", headers=users.headers(applicant),
                                     files={"file": (path.name, path.read_bytes())},
                                     data={"requirement": "walkround_video"})
        assert response.status_code == 201, response.text
        evidence.append(response.json())
    if status != "draft":
        await set_status(client, case["id"], status)
    case = (await client.get(f"/api/v1/cases/{case['id']}", headers=users.headers("admin"))).json()
    return case, evidence


async def set_status(client, case_id: int, status: str) -> None:
    services = client.app.state.services
    async with services.db.transaction() as conn:
        await cases_repository.set_status(conn, case_id, status, to_db(services.clock.now()), {})


async def assign(client, case_id: int, *officer_ids: int) -> None:
    """Officers working on the case (what the review area's claim and assign write)."""
    services = client.app.state.services
    async with services.db.transaction() as conn:
        for officer_id in officer_ids:
            await conn.execute(
                "INSERT INTO case_assignments (case_id, officer_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
                (case_id, officer_id, officer_id, to_db(services.clock.now())),
            )


async def feed(client, users, who: str, kind: str | None = None) -> list[dict]:
    """`who`'s events (of one kind, if given), oldest first."""
    response = await client.get("/api/v1/events", params={"limit": 200}, headers=users.headers(who))
    assert response.status_code == 200, response.text
    return [event for event in response.json()["items"] if kind is None or event["kind"] == kind]


async def audit_events(client, users, case_id: int, prefix: str = "") -> list[dict]:
    """The case's audit events whose action starts with `prefix`, oldest first."""
    response = await client.get("/api/v1/audit/events", params={"case_id": case_id, "limit": 200},
                                headers=users.headers("auditor"))
    assert response.status_code == 200, response.text
    return [event for event in response.json()["items"] if event["action"].startswith(prefix)]
