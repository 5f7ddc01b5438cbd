"""Signed media links: a URL that fetches one variant of one evidence item without a bearer
header, for <img> tags and video players, valid until it expires. The signature binds the
evidence, the variant, the expiry, the user the link was made for and their login session (the
server also checks that the session is still live: a link ends with a logout or a disabled
account, not only at its expiry)."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from server.storage.files import write_new_file

VARIANTS = ("original", "thumb_256", "thumb_1280", "poster")


def load_or_create_key(path: Path) -> bytes:
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new_file(path, secrets.token_bytes(32))  # a second process may win: its key is used
    return path.read_bytes()


class MediaLinks:
    def __init__(self, key: bytes, lifetime: timedelta = timedelta(hours=6)):
        self.key = key
        self.lifetime = lifetime

    def _signature(self, evidence_id: int, variant: str, expires: int, user_id: int, session: str) -> str:
        message = f"{evidence_id}:{variant}:{expires}:{user_id}:{session}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:32]

    def expiry(self, now: datetime) -> datetime:
        # Rounded to the hour so a page of thumbnails keeps the same URLs (and browser caches hit).
        end = now + self.lifetime
        return end.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)

    def url(self, evidence_id: int, variant: str, user_id: int, session: str, expires_at: datetime) -> str:
        expires = int(expires_at.timestamp())
        signature = self._signature(evidence_id, variant, expires, user_id, session)
        query = urlencode({"u": user_id, "s": session, "exp": expires, "sig": signature})
        return f"/api/v1/media/{evidence_id}/{variant}?{query}"

    def valid(self, evidence_id: int, variant: str, user_id: int, session: str, expires: int, signature: str,
              now: datetime) -> bool:
        if not session or expires < now.timestamp():
            return False
        return hmac.compare_digest(self._signature(evidence_id, variant, expires, user_id, session), signature)
