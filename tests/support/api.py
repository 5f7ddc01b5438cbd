"""Small helpers for API tests: make the objects most tests need through the real API."""

from tests.support.app_client import AppClient

PRESALE_FIELDS = {"project_name": "春晓苑", "building_no": "3号楼", "total_floors": 18, "floors_built": 13}
# A site in 德清县 (WGS-84).
SITE = {"name": "春晓苑 3号楼", "address": "德清县武康街道春晖街 88 号", "lat": 30.5426, "lon": 119.9689}


async def make_site(client: AppClient, headers: dict, **overrides) -> dict:
    response = await client.post("/api/v1/sites", json={**SITE, **overrides}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def make_case(client: AppClient, headers: dict, site_id: int, *, item_type: str = "presale_permit",
                    fields: dict | None = None, title: str = "3号楼 预售踏勘") -> dict:
    body = {"item_type": item_type, "site_id": site_id, "title": title,
            "fields": PRESALE_FIELDS if fields is None else fields}
    response = await client.post("/api/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def make_item_type(client: AppClient, headers: dict, code: str = "open_item", **overrides) -> dict:
    """An item type whose single requirement is optional: its cases can be submitted bare."""
    body = {
        "code": code, "name_zh": "测试事项", "name_en": "Test item", "time_limit_days": 5,
        "checklist": [{"key": "overview", "title_zh": "全景", "title_en": "Overview", "required": False}],
        **overrides,
    }
    response = await client.post("/api/v1/item-types", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def table_counts(services) -> dict[str, int]:
    """Row counts of every table: to show that a refused request wrote nothing."""
    async with services.db.read() as conn:
        names = [row[0] for row in await (await conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).fetchall()]
        counts = {}
        for name in names:
            counts[name] = (await (await conn.execute(f'SELECT count(*) FROM "{name}"')).fetchone())[0]
    return counts
