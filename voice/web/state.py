"""What every endpoint can reach: built once by `create_app`, stored on `app.state.voice`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from starlette.requests import Request

from voice.answers.service import JourneyStore
from voice.answers.tokens import JourneySigner
from voice.db import DatabaseThreads
from voice.listening.theme import Codebook
from voice.ratelimit import AttemptLimiter
from voice.results.analysis import ResultsCache
from voice.sessions.service import SessionCache
from voice.settings import Settings
from voice.staff.accounts import Accounts, KnownSchools
from voice.surveys.loader import Catalogue
from voice.web.templating import Pages


@dataclass
class Services:
    settings: Settings
    engine: Engine
    store: JourneyStore
    catalogue: Catalogue
    sessions: SessionCache
    limiter: AttemptLimiter
    signer: JourneySigner
    pages: Pages
    accounts: Accounts
    sign_in_limiter: AttemptLimiter
    known_schools: KnownSchools  # the schools admins have added, for the anonymiser
    results: ResultsCache  # per-session counts behind the results pages
    db_threads: DatabaseThreads  # where the child's path runs its database calls
    codebooks: dict[str, Codebook] = field(default_factory=dict)  # by survey slug

    def close(self) -> None:
        """At shutdown: the database threads, every kept connection, the engine's pool."""
        self.db_threads.close()
        self.store.close()
        self.engine.dispose()


def services(request: Request) -> Services:
    return request.app.state.voice  # type: ignore[no-any-return]


def path_for(request: Request, name: str, /, **params: str) -> str:
    """A URL path by route name (cached; cheaper than `request.url_for`, and proxy-safe)."""
    return services(request).pages.url_for(name, **params)


def base_url(request: Request) -> str:
    """Where Voice is reached from outside (`VOICE_PUBLIC_URL`, else this request's host), for
    links in emails, QR codes, posters and feeds."""
    return services(request).settings.public_url or f"{request.url.scheme}://{request.url.netloc}"


def client_address(request: Request) -> str:
    """Used only for rate limits, as a keyed hash kept for the length of the window; never
    stored as it is, never logged."""
    return request.client.host if request.client else "unknown"


def cookie_secure(request: Request) -> bool:
    setting = services(request).settings.cookie_secure
    if setting == "auto":
        return request.url.scheme == "https"
    return setting == "true"
