"""safe_join: the one check every stored name passes before it becomes a path (real folders and
real symbolic links)."""

import os

import pytest

from server.storage.paths import UnsafePath, check_relative, file_kind, safe_join


@pytest.mark.parametrize(("name", "said"), [
    ("", "an empty path"),
    ("/etc/passwd", "absolute path"),
    ("../x", "'..'"),
    ("a/../../x", "'..'"),
    ("a/..", "'..'"),
    ("a//b", "not a normalised path"),
    ("./a", "not a normalised path"),
    ("a/", "not a normalised path"),
    ("a\\..\\b", "backslash"),
    ("a\x00b", "NUL"),
    (7, "is not a path"),
    (None, "is not a path"),
])
def test_names_that_are_not_plain_relative_paths(tmp_path, name, said):
    with pytest.raises(UnsafePath, match=said):
        safe_join(tmp_path, name)


def test_plain_names_join_as_given(tmp_path):
    assert safe_join(tmp_path, "ab/cd/thumb_256.jpg") == tmp_path / "ab" / "cd" / "thumb_256.jpg"
    assert check_relative("keys/archive-ed25519.pem") == "keys/archive-ed25519.pem"
    assert safe_join(tmp_path, "...") == tmp_path / "..."  # only '..' itself climbs


def test_a_link_on_the_way_may_not_lead_outside(tmp_path):
    base = tmp_path / "base"
    (base / "inside").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (base / "out").symlink_to(outside)
    (base / "in").symlink_to(base / "inside")
    with pytest.raises(UnsafePath, match="leads outside"):
        safe_join(base, "out/file")
    assert safe_join(base, "in/file") == base / "in" / "file"  # a link that stays inside may be followed
    linked_base = tmp_path / "linked-base"
    linked_base.symlink_to(base)  # the folder itself may be a link (a data dir on another disk)
    assert safe_join(linked_base, "inside/x") == linked_base / "inside" / "x"


def test_file_kind_never_opens_or_follows(tmp_path):
    (tmp_path / "plain").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "plain")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    assert file_kind(tmp_path / "plain") is None
    assert file_kind(tmp_path / "link") == f"a symbolic link (to {tmp_path / 'plain'})"
    assert file_kind(tmp_path / "fifo") == "a fifo"
    assert file_kind(tmp_path / "folder") == "a folder"
    assert file_kind(tmp_path / "none") == "missing"
    assert file_kind(tmp_path / "plain" / "below") == "missing"
