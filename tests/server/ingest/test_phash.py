import itertools
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from server.ingest.derivatives import make_photo_derivatives
from server.ingest.phash import (
    NEAR_DUPLICATE_MAX_DISTANCE,
    dhash,
    from_signed64,
    hamming,
    is_near_duplicate,
    to_signed64,
)
from tests.server.ingest.conftest import EXIF_SAMPLES
from tests.support.media import make_jpeg, photo_image


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phash")
    generated = [make_jpeg(folder / f"g{seed}.jpg", width=1200, height=900, seed=seed) for seed in range(10)]
    real = sorted((EXIF_SAMPLES / "gps").glob("*.jpg"))  # one street, minutes apart: hard negatives
    return folder, generated + real


def pipeline_hash(path, out):
    return make_photo_derivatives(path, "image/jpeg", out).phash


def test_recompressed_and_resized_copies_are_near_duplicates(originals):
    folder, paths = originals
    worst = 0
    for index, path in enumerate(paths):
        original = pipeline_hash(path, folder / f"o{index}")
        with Image.open(path) as im:
            im.load()
            exif = im.info.get("exif", b"")
            recompressed = folder / f"q60_{index}.jpg"
            im.save(recompressed, "JPEG", quality=60, exif=exif)
            halved = folder / f"half_{index}.jpg"
            im.resize((im.width // 2, im.height // 2), Image.Resampling.LANCZOS).save(halved, "JPEG", quality=85)
        for copy in (recompressed, halved):
            distance = hamming(original, pipeline_hash(copy, folder / f"c{index}{copy.stem}"))
            worst = max(worst, distance)
            assert distance <= NEAR_DUPLICATE_MAX_DISTANCE, (path.name, copy.name, distance)
    assert worst <= 6  # comfortably inside the threshold, not just under it


def test_different_photos_are_not(originals):
    folder, paths = originals
    hashes = {path.name: pipeline_hash(path, folder / f"d{path.stem}") for path in paths}
    closest = min(hamming(hashes[a], hashes[b]) for a, b in itertools.combinations(hashes, 2))
    assert closest > NEAR_DUPLICATE_MAX_DISTANCE + 2, closest
    for a, b in itertools.combinations(hashes, 2):
        assert not is_near_duplicate(hashes[a], hashes[b]), (a, b)


def test_dhash_reads_horizontal_gradients():
    rising = Image.linear_gradient("L").rotate(90)  # brighter to the right... or left
    left_to_right = Image.new("L", (90, 80))
    left_to_right.putdata([x for _ in range(80) for x in range(0, 270, 3)])
    assert dhash(left_to_right) == 0  # never brighter than the right neighbour
    assert dhash(left_to_right.transpose(Image.Transpose.FLIP_LEFT_RIGHT)) == 2**64 - 1
    assert 0 <= dhash(rising) < 2**64
    assert dhash(photo_image(320, 240, seed=1)) == dhash(photo_image(320, 240, seed=1))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**64 - 1))
def test_signed_round_trip_fits_sqlite(value):
    signed = to_signed64(value)
    assert -(2**63) <= signed < 2**63
    assert from_signed64(signed) == value
    assert hamming(signed, value) == 0


def test_signed_values_survive_an_sqlite_integer_column():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (phash INTEGER)")
    values = [0, 1, 2**63 - 1, 2**63, 2**64 - 1]
    connection.executemany("INSERT INTO t VALUES (?)", [(to_signed64(v),) for v in values])
    stored = [from_signed64(row[0]) for row in connection.execute("SELECT phash FROM t ORDER BY rowid")]
    assert stored == values


def test_hamming_counts_bits():
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, 2**64 - 1) == 64
