"""The data directory's shared file helpers (server/storage/files.py)."""

import hashlib
import os
import stat

from server.domain.evidence.links import load_or_create_key
from server.storage.files import hash_file, human_size, write_new_file


def test_a_new_file_is_written_once_whole_and_private(tmp_path):
    path = tmp_path / "secret.key"
    assert write_new_file(path, b"first")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not write_new_file(path, b"second")  # another writer came first: theirs stays
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["secret.key"]  # no temp file left behind


def test_the_media_link_key_is_made_once_and_kept(tmp_path):
    key = load_or_create_key(tmp_path / "keys" / "media-links.key")
    assert len(key) == 32 and load_or_create_key(tmp_path / "keys" / "media-links.key") == key
    assert stat.S_IMODE((tmp_path / "keys" / "media-links.key").stat().st_mode) == 0o600


def test_hash_file_reads_past_its_chunk(tmp_path):
    data = os.urandom(9 * 1024 * 1024 + 17)
    (tmp_path / "f").write_bytes(data)
    assert hash_file(tmp_path / "f") == (len(data), hashlib.sha256(data).hexdigest())


def test_sizes_read_as_people_read_them():
    assert [human_size(n) for n in (0, 999, 1000, 1_234_567, 5 * 10**12, 7 * 10**15)] == [
        "0 bytes", "999 bytes", "1.0 KB", "1.2 MB", "5.0 TB", "7000.0 TB"]
