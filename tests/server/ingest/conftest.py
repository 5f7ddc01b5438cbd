from pathlib import Path

import pytest

EXIF_SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "exif-samples"


@pytest.fixture(scope="session")
def exif_samples() -> Path:
    return EXIF_SAMPLES
