"""Fixtures for the server's tests, beside the whole suite's (tests/conftest.py)."""

from pathlib import Path

import pytest

from server.bagit.signing import ArchiveKey, load_or_create_archive_key


@pytest.fixture
def archive_key(tmp_path: Path) -> ArchiveKey:
    """A signing key for bags made in a test (the bag, report and verify tests)."""
    return load_or_create_archive_key(tmp_path / "data")
