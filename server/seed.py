"""Data every installation starts with: the seeded item catalogue."""

from importlib import resources

import msgspec

from server.domain.catalogue.service import CatalogueService
from shared.models import ItemTypeIn


def packaged_item_types() -> list[ItemTypeIn]:
    text = resources.files("server.resources").joinpath("item_types.json").read_bytes()
    return msgspec.json.decode(text, type=list[ItemTypeIn])


async def seed_catalogue(catalogue: CatalogueService) -> int:
    """Create the packaged item types that do not exist yet (by code); returns how many."""
    existing = {item.code for item in (await catalogue.list(include_inactive=True)).items}
    created = 0
    for item in packaged_item_types():
        if item.code not in existing:
            await catalogue.create(None, item)
            created += 1
    return created
