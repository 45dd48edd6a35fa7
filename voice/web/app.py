"""`create_app(settings)`: builds everything, nothing at import time. The URL map is here."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from voice import __version__
from voice.answers import routes as answer_routes
from voice.answers.service import JourneyStore
from voice.answers.tokens import JourneySigner
from voice.db import DatabaseThreads, create_schema, make_engine
from voice.errors import VoiceError
from voice.feedback import routes as feedback_routes
from voice.feedback import staff_routes as feedback_staff_routes
from voice.listening.theme import Codebook
from voice.missions import routes as mission_routes
from voice.missions import staff_routes as mission_staff_routes
from voice.ratelimit import AttemptLimiter
from voice.results import import_routes
from voice.results import routes as result_routes
from voice.results.analysis import ResultsCache
from voice.results.workspace import stored_codebooks
from voice.sessions import routes as session_routes
from voice.sessions.service import SessionCache
from voice.settings import PROJECT_ROOT, Settings
from voice.staff import routes as staff_routes
from voice.staff.accounts import Accounts, KnownSchools
from voice.surveys.loader import Catalogue, load_catalogue
from voice.web.middleware import LimitRequestBody, SecurityHeaders
from voice.web.state import Services, services
from voice.web.templating import Pages

STATIC_DIR = PROJECT_ROOT / "static"
MAX_BODY_BYTES = 64 * 1024  # the longest answer is 5,000 characters; forms are small
SIGN_IN_ATTEMPTS_PER_NETWORK = 30
SIGN_IN_WINDOW = 900

log = logging.getLogger("voice")


def create_app(
    settings: Settings | None = None,
    *,
    catalogue: Catalogue | None = None,
    engine: Engine | None = None,
) -> Starlette:
    """Build the app on its own database. Surveys load (all or nothing) before it starts."""
    settings = settings or Settings.from_env()
    catalogue = catalogue if catalogue is not None else load_catalogue([Path(settings.surveys_dir)])
    engine = engine or make_engine(settings)
    create_schema(engine)

    routes = [
        *session_routes.routes,
        *answer_routes.routes,
        *mission_routes.routes,
        *staff_routes.routes,
        *mission_staff_routes.routes,
        *result_routes.routes,
        *import_routes.routes,
        *feedback_routes.routes,
        *feedback_staff_routes.routes,
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        debug=settings.debug,
        routes=routes,
        lifespan=_warm_results if settings.env != "test" else None,
        middleware=[
            Middleware(SecurityHeaders, https=settings.cookie_secure == "true"),
            # A mission form may carry one picture; every other form is small.
            Middleware(LimitRequestBody, max_bytes=MAX_BODY_BYTES,
                       larger={"/missions/": mission_routes.UPLOAD_BODY_BYTES,
                               "/staff/results/": import_routes.UPLOAD_BODY_BYTES}),
        ],
        exception_handlers={VoiceError: voice_error, HTTPException: http_error,
                            Exception: server_error},
    )
    app.state.voice = Services(
        settings=settings,
        engine=engine,
        store=JourneyStore(engine),
        catalogue=catalogue,
        sessions=SessionCache(engine),
        limiter=AttemptLimiter(engine, "code", settings.code_attempts, settings.code_window,
                               settings.secret_key),
        signer=JourneySigner(settings.secret_key, journey_hours=settings.journey_hours),
        pages=Pages(app.router, version=__version__),
        codebooks={
            survey.slug: Codebook.load(survey.codebook) if survey.codebook else Codebook.default()
            for survey in catalogue
        } | {  # a codebook edited in the theming workspace replaces its file
            slug: codebook for slug, codebook in stored_codebooks(engine).items()
            if slug in catalogue.surveys or slug in catalogue.packs
        },
        accounts=Accounts(engine, settings),
        known_schools=KnownSchools(engine),
        results=ResultsCache(engine),
        db_threads=DatabaseThreads(engine),
        # Wrong passwords per network, on top of each account's own lockout.
        sign_in_limiter=AttemptLimiter(engine, "sign_in", SIGN_IN_ATTEMPTS_PER_NETWORK,
                                       SIGN_IN_WINDOW, settings.secret_key),
    )
    return app


@asynccontextmanager
async def _warm_results(app: Starlette) -> AsyncIterator[None]:
    """Read every survey's results counts once in the background after start-up, so the first
    analyst after a restart does not wait for a full read of the answers (seconds at 100,000
    submissions); children's requests are not held up by it."""
    voice: Services = app.state.voice

    def warm() -> None:
        for survey in voice.catalogue.surveys.values():
            try:
                voice.results.counts(survey)
            except Exception:  # a warm-up must never take the server down
                log.warning("could not prepare the results for %s", survey.slug)

    threading.Thread(target=warm, name="voice-results-warm-up", daemon=True).start()
    yield
    voice.close()


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    return services(request).pages.render(
        request, "error.html", {"title": title, "message": message}, status_code=status
    )


async def voice_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, VoiceError)
    return _error_page(request, exc.status_code, exc.title, exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return _error_page(request, 404, "We can't find that page",
                           "Check the address, or go back to the start and type your class code.")
    if exc.status_code == 405:
        return _error_page(request, 405, "That didn't work",
                           "Please go back and use the buttons on the page.")
    return _error_page(request, exc.status_code, "Something went wrong",
                       "Please go back and try again.")


async def server_error(request: Request, exc: Exception) -> Response:
    # Log the kind of error and where, never the request body: it may hold a child's words.
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path,
              exc_info=exc)
    return _error_page(
        request, 500, "Sorry, something went wrong on our side",
        "Your answers so far are saved. Please wait a moment and try again.",
    )
