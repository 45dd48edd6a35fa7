"""Rate limits that hold across every app process: wrong class codes and wrong passwords,
counted per client network in the database.

The network address is never stored: only a keyed hash (HMAC-SHA256 with the deployment's
secret key, cut to 16 bytes), which every process computes alike and nobody can reverse
without the key. Rows older than the window are deleted as new ones arrive, so a hash lives for
minutes. A whole class shares one school address, so only *failures* are counted.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import DateTime, delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel

from voice.clock import utcnow


class RateLimitEvent(SQLModel, table=True):
    __tablename__ = "rate_limit_event"

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=16)  # "code" or "sign_in"
    client: str = Field(max_length=32, index=True)  # keyed hash of the network address
    at: datetime = Field(sa_type=DateTime, index=True)


events = RateLimitEvent.__table__  # type: ignore[attr-defined]


class AttemptLimiter:
    """`attempts` failures per client within `window` seconds, then a wait."""

    def __init__(self, engine: Engine, bucket: str, attempts: int, window: float,
                 secret: str) -> None:
        self.engine = engine
        self.bucket = bucket
        self.attempts = attempts
        self.window = window
        self._key = hashlib.sha256(b"voice.ratelimit:" + secret.encode()).digest()

    def _client(self, address: str) -> str:
        return hmac.new(self._key, address.encode(), hashlib.sha256).hexdigest()[:32]

    def retry_after(self, address: str, now: datetime | None = None) -> int:
        """Seconds until this client may try again (0 if it may now)."""
        now = now or utcnow()
        since = now - timedelta(seconds=self.window)
        with self.engine.connect() as conn:
            count, oldest = conn.execute(
                select(func.count(events.c.id), func.min(events.c.at)).where(
                    events.c.bucket == self.bucket, events.c.client == self._client(address),
                    events.c.at > since)).one()
        if count < self.attempts:
            return 0
        return max(1, int((oldest + timedelta(seconds=self.window) - now).total_seconds()) + 1)

    def record_failure(self, address: str, now: datetime | None = None) -> None:
        now = now or utcnow()
        with self.engine.begin() as conn:
            conn.execute(insert(events).values(bucket=self.bucket, client=self._client(address),
                                               at=now))
            # Forget what no longer counts (this bucket's window is the longest it needs).
            conn.execute(delete(events).where(events.c.bucket == self.bucket,
                                              events.c.at <= now - timedelta(seconds=self.window)))
