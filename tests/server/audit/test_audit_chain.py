"""The audit chain: verify holds on a clean log, and editing one stored event in SQLite (as
someone with the database file could) makes verify name exactly that event."""

import itertools
import sqlite3
import subprocess
import sys

from tests.support.api import make_case, make_site


async def _some_history(client, users):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    await client.patch(f"/api/v1/cases/{case['id']}", json={"title": "改名"}, headers=users.headers("applicant"))
    return case


def _tamper(db_path, sql: str, params=()) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("DROP TRIGGER audit_events_no_delete")
    conn.execute(sql, params)
    conn.commit()
    conn.close()


async def test_clean_chain_verifies(client, users):
    await _some_history(client, users)
    r = await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True and body["first_broken_seq"] is None
    events = (await client.get("/api/v1/audit/events", params={"limit": 200},
                               headers=users.headers("auditor"))).json()["items"]
    assert body["checked"] == len(events) > 10
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(events))


async def test_edited_event_is_named(client, users, settings):
    case = await _some_history(client, users)
    events = (await client.get("/api/v1/audit/events", params={"case_id": case["id"]},
                               headers=users.headers("auditor"))).json()["items"]
    target = events[1]["seq"]  # the title change
    _tamper(settings.db_path, "UPDATE audit_events SET details = ? WHERE seq = ?",
            ('{"title":"something else"}', target))
    body = (await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))).json()
    assert body["ok"] is False
    assert body["first_broken_seq"] == target
    assert "contents" in body["reason"]


async def test_deleted_event_breaks_the_link_after_it(client, users, settings):
    await _some_history(client, users)
    _tamper(settings.db_path, "DELETE FROM audit_events WHERE seq = 5")
    body = (await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))).json()
    assert body["ok"] is False and body["first_broken_seq"] == 6
    assert "prev_hash" in body["reason"]


async def test_the_database_refuses_edits_without_dropping_triggers(client, users, settings):
    await _some_history(client, users)
    conn = sqlite3.connect(settings.db_path)
    for sql in ("UPDATE audit_events SET action = 'x' WHERE seq = 1", "DELETE FROM audit_events WHERE seq = 1"):
        try:
            conn.execute(sql)
        except sqlite3.DatabaseError as exc:
            assert "append-only" in str(exc)
        else:
            raise AssertionError(f"{sql} was allowed")
    conn.close()


async def test_cli_audit_verify_exit_codes(client, users, settings):
    await _some_history(client, users)
    env = {"TAKAN_DATA_DIR": str(settings.data_dir), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "server.cli", "audit", "verify"], env=env, capture_output=True,
                        text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    _tamper(settings.db_path, "UPDATE audit_events SET at = '2020-01-01T00:00:00.000000+00:00' WHERE seq = 3")
    bad = subprocess.run([sys.executable, "-m", "server.cli", "audit", "verify"], env=env, capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 1
    assert "event 3" in bad.stdout
