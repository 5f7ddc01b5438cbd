"""Sizes as the server's reports show them (fsck's lines, the report PDF's evidence table)."""

import pytest

from shared.format import format_file_size


@pytest.mark.parametrize(("octets", "text"), [
    (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"), (1_300_000, "1.2 MB"), (3 * 1024**3, "3.0 GB"),
    (5 * 1024**4, "5.0 TB"),
])
def test_file_sizes_in_binary_units(octets, text):
    assert format_file_size(octets) == text
