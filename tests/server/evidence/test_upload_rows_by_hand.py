"""An upload row whose id is not a plain name (a database edited by hand, issue 12 item 2): the
server's own background work (start-up recovery to the fsynced offset, the sweep of abandoned
uploads, the fsync at shutdown) joins upload ids onto uploads/; such a row must not make it
truncate or delete a file elsewhere, nor keep it from starting."""

import asyncio

from server.app import create_app
from tests.server.evidence.test_tus_protocol import TUS, create, offsets
from tests.support.app_client import app_client


async def test_a_hand_edited_upload_id_touches_no_file_elsewhere(client, users, services, case, settings, clock):
    r = await create(client, users, case["id"], 5000)
    upload_id = r.headers["location"].rsplit("/", 1)[1]
    r = await client.patch(r.headers["location"], content=b"x" * 1000, headers=users.headers("applicant") | TUS | {
        "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    assert r.status_code == 204
    await offsets(services, upload_id, until_synced=1000)
    victim = settings.data_dir.parent / "victim.part"  # what uploads/../../victim.part names
    victim.write_bytes(b"someone else's file\n" * 100)
    async with services.db.transaction() as conn:  # unsynced (recovery truncates) and expired (the sweep deletes)
        await conn.execute("UPDATE uploads SET id = '../../victim', synced = 0, "
                           "expires_at = '2000-01-01T00:00:00.000000+00:00' WHERE id = ?", (upload_id,))

    async with app_client(create_app(settings, clock=clock), raise_server_exceptions=False) as restarted:
        assert (await restarted.get("/api/v1/health")).status_code == 200  # it started
        for _ in range(500):  # the sweep runs in the background from the start
            async with restarted.app.state.services.db.read() as conn:
                row = await (await conn.execute("SELECT state FROM uploads WHERE id = '../../victim'")).fetchone()
            if row["state"] == "expired":
                break
            await asyncio.sleep(0.01)
        assert row["state"] == "expired"  # the sweep did its part in the database
    assert victim.read_bytes() == b"someone else's file\n" * 100
