"""Signed tokens for the journey: the "take part" form token and the resume cookie.

The resume cookie holds only a random submission id and the class code, signed so it cannot be
forged or pointed at someone else's answers. It is not a device identifier: it is new for every
journey and deleted when the answers are sent.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "voice_journey"
START_TOKEN_AGE = 24 * 3600


@dataclass(frozen=True)
class JourneyRef:
    submission_id: str
    code: str


class JourneySigner:
    def __init__(self, secret_key: str, *, journey_hours: int) -> None:
        self._start = URLSafeTimedSerializer(secret_key, salt="voice.start")
        self._journey = URLSafeTimedSerializer(secret_key, salt="voice.journey")
        self.max_age = journey_hours * 3600
        # Verified cookies, by their exact signed text: checking an HMAC and a timestamp on every
        # request was the largest single cost of a question page. The same text always verifies
        # the same way, so a cache cannot accept anything the signer would refuse; entries stop
        # counting when the cookie would have expired.
        self._verified: dict[str, tuple[float, JourneyRef]] = {}

    def start_token(self, code: str) -> str:
        """A one-use form token: the submission id to create if the child says yes.

        Making the id on the welcome page means a double-tapped "Yes" or a retried request
        creates one submission, not two.
        """
        return self._start.dumps([secrets.token_urlsafe(18), code])

    def read_start_token(self, token: str, code: str) -> str | None:
        try:
            submission_id, signed_code = self._start.loads(token, max_age=START_TOKEN_AGE)
        except (BadSignature, ValueError, TypeError):
            return None
        if signed_code != code or not isinstance(submission_id, str):
            return None
        return submission_id

    def cookie_value(self, ref: JourneyRef) -> str:
        return self._journey.dumps([ref.submission_id, ref.code])

    def read_cookie(self, value: str | None) -> JourneyRef | None:
        if not value or len(value) > 512:
            return None
        now = time.time()
        cached = self._verified.get(value)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            (submission_id, code), signed_at = self._journey.loads(
                value, max_age=self.max_age, return_timestamp=True
            )
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(submission_id, str) or not isinstance(code, str):
            return None
        ref = JourneyRef(submission_id, code)
        if len(self._verified) >= 20_000:
            self._verified.clear()
        self._verified[value] = (signed_at.timestamp() + self.max_age, ref)
        return ref
