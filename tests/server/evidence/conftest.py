"""A presale case of the applicant, at a site in 德清县, ready for evidence."""

from datetime import datetime, timedelta

import pytest

from tests.conftest import T0
from tests.support.api import make_case, make_site
from tests.support.media import make_jpeg

SITE_LAT, SITE_LON = 30.5426, 119.9689
# Photos taken on site two hours after the case was created (T0 + 2 h, Beijing time).
TAKEN = (T0 + timedelta(hours=2)).astimezone().replace(tzinfo=None)


@pytest.fixture
async def case(client, users):
    site = await make_site(client, users.headers("admin"), lat=SITE_LAT, lon=SITE_LON)
    return await make_case(client, users.headers("applicant"), site["id"])


def site_photo(path, *, seed=1, lat=SITE_LAT + 0.0003, lon=SITE_LON + 0.0002, **kwargs):
    """A 12 MP-class phone photo taken at the site, an hour after the case was created."""
    taken = kwargs.pop("taken", datetime(2026, 11, 2, 11, 0))  # local time, +08:00
    kwargs.setdefault("width", 2000)
    kwargs.setdefault("height", 1500)
    return make_jpeg(path, lat=lat, lon=lon, taken=taken, seed=seed, **kwargs)


async def upload(client, users, case_id, path, requirement="facade_east", who="applicant", **fields):
    with open(path, "rb") as f:
        return await client.post(
            f"/api/v1/cases/{case_id}/evidence",
            files={"file": (path.name, f.read(), "image/jpeg")},
            data={"requirement": requirement, **{k: str(v) for k, v in fields.items()}},
            headers=users.headers(who),
        )
