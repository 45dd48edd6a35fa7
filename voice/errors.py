"""Errors that Voice raises on purpose, each with a status, a title and a message a child can read."""

from __future__ import annotations


class ConfigError(RuntimeError):
    """A setting is missing or wrong; raised at start-up so the server never runs half-configured."""


class VoiceError(Exception):
    """An error shown to the person using Voice, in plain words."""

    status_code = 400
    title = "Something went wrong"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title


class NotFound(VoiceError):
    status_code = 404
    title = "We can't find that page"


class JourneyNotFound(VoiceError):
    """There is no survey in progress on this device (cookie missing, expired or tampered with)."""

    status_code = 400
    title = "We couldn't find your answers"


class SessionUnavailable(VoiceError):
    """The class session is closed, not open yet, or unknown."""

    status_code = 400
    title = "That class code isn't working"


class TooManyAttempts(VoiceError):
    status_code = 429
    title = "Please wait a moment"


class SignInRefused(VoiceError):
    title = "We couldn't sign you in"


class AccountError(VoiceError):
    """A staff change that cannot be made, with the reason in plain words."""


class SignedOut(VoiceError):
    status_code = 401
    title = "Please sign in"


class Forbidden(VoiceError):
    status_code = 403
    title = "You don't have access to this page"


class CsrfRefused(VoiceError):
    status_code = 403
    title = "That form has expired"
