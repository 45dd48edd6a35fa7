"""Signed tokens for the journey: the "take part" form token and the resume cookie.

The resume cookie holds only a random submission id and the class code, signed so it cannot be
forged or pointed at someone else's answers. It is not a device identifier: it is new for every
journey and deleted when the answers are sent.
"""

from __future__ import annotations

import secrets
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
        if not value:
            return None
        try:
            submission_id, code = self._journey.loads(value, max_age=self.max_age)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(submission_id, str) or not isinstance(code, str):
            return None
        return JourneyRef(submission_id, code)
