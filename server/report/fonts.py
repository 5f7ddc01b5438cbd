"""Finding a font that can show Chinese, for the PDF report and the annotated renders.

TAKAN_CJK_FONT may name a font file; otherwise well-known Debian locations are tried
(fonts-wqy-microhei first: TrueType outlines, which reportlab can embed). When none is found the
report falls back to reportlab's built-in CID font STSong-Light (nothing embedded, viewers
supply the glyphs) and the renders to Pillow's default font (no Chinese glyphs).
"""

import os
from functools import cache
from pathlib import Path

CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@cache
def cjk_font_candidates() -> tuple[Path, ...]:
    """Existing CJK font files, best first."""
    found: list[Path] = []
    override = os.environ.get("TAKAN_CJK_FONT")
    if override and Path(override).is_file():
        found.append(Path(override))
    found += [Path(p) for p in CJK_FONT_CANDIDATES if Path(p).is_file()]
    return tuple(dict.fromkeys(found))
