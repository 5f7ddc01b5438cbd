"""`takan demo` (and so `make run`): the cases README promises, in the states it says, and a
second run that adds nothing."""

import sqlite3

from server.demo import DEMO_LOGINS, seed_demo
from tests.conftest import fast_settings


async def test_the_demo_tells_the_story_the_readme_promises(tmp_path):
    settings = fast_settings(tmp_path / "data")
    told: list[str] = []
    assert await seed_demo(settings, force=False, say=told.append) == DEMO_LOGINS
    db = sqlite3.connect(settings.db_path)
    statuses = sorted(row[0] for row in db.execute("SELECT status FROM cases"))
    assert statuses == ["approved", "draft", "in_review", "rectification_requested", "submitted"]
    assert db.execute("SELECT score FROM ratings").fetchall() == [(5,)]  # the approved case is rated
    food_checks = db.execute(
        "SELECT e.checks FROM evidence AS e JOIN cases AS c ON c.id = e.case_id WHERE c.title LIKE '味道小厨%'")
    checks = " ".join(row[0] for row in food_checks)
    assert '"geofence"' in checks and '"fail"' in checks  # the far-away photo
    assert db.execute("SELECT count(*) FROM annotations").fetchone()[0] > 0  # 张伟's, on the presale case
    assert told and all(line.startswith("demo:") for line in told)
    assert await seed_demo(settings, force=False, say=told.append) is None  # users exist: nothing added
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 5
