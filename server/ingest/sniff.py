"""The real media type of an upload, from its first bytes. Names and Content-Type headers come
from the client and prove nothing."""

from dataclasses import dataclass

from shared.enums import MediaKind

# Pass at least this many bytes; fewer still work for JPEG/PNG but may miss an ISO-BMFF
# compatible brand that decides between HEIC and MP4.
SNIFF_BYTES = 64

_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"

# ISO-BMFF brands (the `ftyp` box). HEIF stills; AVIF (also mif1-compatible) is not accepted.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
_NOT_HEIC_BRANDS = frozenset({b"avif", b"avis"})
_QUICKTIME_BRANDS = frozenset({b"qt  "})
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso8", b"iso9",
        b"mp41", b"mp42", b"mp71", b"avc1", b"hvc1", b"M4V ", b"M4VP", b"mmp4", b"MSNV", b"XAVC",
        b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"dash",
    }
)


@dataclass(frozen=True, slots=True)
class Sniffed:
    mime: str
    kind: MediaKind
    ext: str  # without the dot


JPEG = Sniffed("image/jpeg", MediaKind.photo, "jpg")
PNG = Sniffed("image/png", MediaKind.photo, "png")
HEIC = Sniffed("image/heic", MediaKind.photo, "heic")
MP4 = Sniffed("video/mp4", MediaKind.video, "mp4")
QUICKTIME = Sniffed("video/quicktime", MediaKind.video, "mov")

# The file name extension of each media type Takan accepts.
EXTENSION = {s.mime: s.ext for s in (JPEG, PNG, HEIC, MP4, QUICKTIME)}


def sniff(head: bytes) -> Sniffed | None:
    """The media type of a file from its first bytes (give at least SNIFF_BYTES = 64), or None
    for anything that is not a JPEG, PNG, HEIC/HEIF, MP4 or QuickTime file."""
    if head.startswith(_JPEG):
        return JPEG
    if head.startswith(_PNG):
        return PNG
    return _sniff_iso_bmff(head)


def _sniff_iso_bmff(head: bytes) -> Sniffed | None:
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    if box_size < 16 and box_size != 0:
        return None
    major = head[8:12]
    end = len(head) if box_size == 0 else min(box_size, len(head))
    compatible = {head[i : i + 4] for i in range(16, end - 3, 4)}
    brands = {major} | compatible

    if major in _NOT_HEIC_BRANDS:
        return None
    # The major brand decides; compatible brands only when the major one is unfamiliar.
    if major in _HEIC_BRANDS:
        return HEIC
    if major in _QUICKTIME_BRANDS:
        return QUICKTIME
    if major in _MP4_BRANDS:
        return MP4
    if brands & _NOT_HEIC_BRANDS:
        return None
    if compatible & _HEIC_BRANDS:
        return HEIC
    if compatible & _QUICKTIME_BRANDS:
        return QUICKTIME
    if compatible & _MP4_BRANDS:
        return MP4
    return None
