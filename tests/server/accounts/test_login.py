from tests.conftest import PASSWORD


async def test_login_me_logout(client, users):
    me = await client.get("/api/v1/me", headers=users.headers("officer"))
    assert me.status_code == 200
    assert me.json()["username"] == "officer" and me.json()["role"] == "officer"

    out = await client.post("/api/v1/auth/logout", headers=users.headers("officer"))
    assert out.status_code == 204
    again = await client.get("/api/v1/me", headers=users.headers("officer"))
    assert again.status_code == 401
    assert again.json()["code"] == "invalid_token"


async def test_token_is_stored_hashed(client, users, services):
    async with services.db.read() as conn:
        rows = await (await conn.execute("SELECT token_hash FROM auth_tokens")).fetchall()
    stored = {row[0] for row in rows}
    assert users.tokens["admin"] not in stored
    assert len(stored) == len(users.tokens)


async def test_wrong_password_then_lock(client, users, settings):
    for _ in range(settings.login_max_failures - 1):
        r = await client.post("/api/v1/auth/login", json={"username": "officer", "password": "nope-nope"})
        assert r.status_code == 401 and r.json()["code"] == "bad_credentials"
    r = await client.post("/api/v1/auth/login", json={"username": "officer", "password": "nope-nope"})
    assert r.status_code == 429 and r.json()["code"] == "login_locked"
    assert int(r.headers["retry-after"]) > 0
    # Even the right password is refused while locked.
    r = await client.post("/api/v1/auth/login", json={"username": "officer", "password": PASSWORD})
    assert r.status_code == 429


async def test_lock_expires(client, users, settings, clock):
    for _ in range(settings.login_max_failures):
        await client.post("/api/v1/auth/login", json={"username": "auditor", "password": "wrong-wrong"})
    clock.advance(seconds=settings.login_lock_seconds + 1)
    r = await client.post("/api/v1/auth/login", json={"username": "auditor", "password": PASSWORD})
    assert r.status_code == 200


async def test_token_expires(client, users, settings, clock):
    clock.advance(seconds=settings.token_ttl_seconds + 1)
    r = await client.get("/api/v1/me", headers=users.headers("officer"))
    assert r.status_code == 401


async def test_disabled_user_loses_access(client, users):
    r = await client.patch(f"/api/v1/users/{users.ids['officer2']}", json={"active": False},
                           headers=users.headers("admin"))
    assert r.status_code == 200 and r.json()["active"] is False
    assert (await client.get("/api/v1/me", headers=users.headers("officer2"))).status_code == 401
    # The answer must not tell a guesser that the password was right: as for a wrong one.
    right = await client.post("/api/v1/auth/login", json={"username": "officer2", "password": PASSWORD})
    wrong = await client.post("/api/v1/auth/login", json={"username": "officer2", "password": "not-it-at-all"})
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json() and right.json()["code"] == "bad_credentials"
