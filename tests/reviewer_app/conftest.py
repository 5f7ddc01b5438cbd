"""Reviewer app tests run without a display: Qt's offscreen platform, set before Qt loads."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "reviewer_app"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots for a person to look at (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
