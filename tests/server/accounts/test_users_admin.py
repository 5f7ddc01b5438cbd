async def test_admin_creates_lists_and_disables_users(client, users):
    admin = users.headers("admin")
    r = await client.post("/api/v1/users", json={"username": "zhao", "password": "a long password",
                                                 "display_name": "赵六", "role": "officer", "organisation": "踏勘科"},
                          headers=admin)
    assert r.status_code == 201
    new = r.json()
    assert new["role"] == "officer" and new["active"] is True and "password" not in r.text

    taken = await client.post("/api/v1/users", json={"username": "zhao", "password": "another password",
                                                     "display_name": "x", "role": "officer"}, headers=admin)
    assert taken.status_code == 409 and taken.json()["code"] == "username_taken"

    officers = (await client.get("/api/v1/users", params={"role": "officer"}, headers=admin)).json()["items"]
    assert {u["username"] for u in officers} == {"officer", "officer2", "zhao"}

    page1 = (await client.get("/api/v1/users", params={"limit": 4}, headers=admin)).json()
    page2 = (await client.get("/api/v1/users", params={"limit": 4, "cursor": page1["next_cursor"]},
                              headers=admin)).json()
    assert len(page1["items"]) == 4 and len(page2["items"]) == 3 and page2["next_cursor"] is None

    login = await client.post("/api/v1/auth/login", json={"username": "zhao", "password": "a long password"})
    assert login.status_code == 200
    await client.patch(f"/api/v1/users/{new['id']}", json={"active": False}, headers=admin)
    disabled = (await client.get("/api/v1/users", params={"active": False}, headers=admin)).json()["items"]
    assert [u["username"] for u in disabled] == ["zhao"]


async def test_admin_cannot_disable_self_and_password_change_signs_out(client, users):
    admin = users.headers("admin")
    r = await client.patch(f"/api/v1/users/{users.ids['admin']}", json={"active": False}, headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "cannot_disable_self"
    r = await client.patch(f"/api/v1/users/{users.ids['officer']}", json={"password": "brand new password"},
                           headers=admin)
    assert r.status_code == 200
    assert (await client.get("/api/v1/me", headers=users.headers("officer"))).status_code == 401
    assert (await client.post("/api/v1/auth/login", json={"username": "officer", "password": "brand new password"})
            ).status_code == 200


async def test_short_password_and_bad_username_refused(client, users):
    admin = users.headers("admin")
    for body in ({"username": "ok_name", "password": "short", "display_name": "x", "role": "officer"},
                 {"username": "bad name!", "password": "long enough", "display_name": "x", "role": "officer"},
                 {"username": "ok_name", "password": "long enough", "display_name": "x", "role": "boss"}):
        r = await client.post("/api/v1/users", json=body, headers=admin)
        assert r.status_code == 400, body
