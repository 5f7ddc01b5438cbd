from pathlib import Path

import pytest

from server.archive.signing import ArchiveKey, load_or_create_archive_key


@pytest.fixture
def archive_key(tmp_path: Path) -> ArchiveKey:
    return load_or_create_archive_key(tmp_path / "data")
