"""Joining a class: the code box on `/`, checking the code, and the welcome page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.answers.journey import first_unanswered
from voice.clock import friendly, utcnow
from voice.errors import SessionUnavailable, TooManyAttempts
from voice.feedback.routes import feedback_link
from voice.sessions.codes import display_code, looks_like_code, normalise_code
from voice.sessions.service import SessionInfo
from voice.web.forms import first, form_fields
from voice.web.state import client_address, path_for, services

UNKNOWN_CODE = (
    "We can't find a class with that code. Check the code with your teacher and try again."
)


async def join_page(request: Request) -> Response:
    """The front door: a box for the class code, and "carry on" if a survey was started here."""
    voice = services(request)
    carry_on = None
    ref = voice.signer.read_cookie(request.cookies.get("voice_journey"))
    if ref is not None:
        info = voice.sessions.get(ref.code)
        progress = await voice.db_threads.call(voice.store.progress, ref.submission_id)
        if info is not None and progress is not None and not progress.completed \
                and info.state(utcnow()) == "open" and info.survey_slug in voice.catalogue.surveys:
            survey = voice.catalogue.surveys[info.survey_slug].for_band(info.band)
            # Carry on at the first question not yet reached, or at "check your answers".
            where = first_unanswered(survey, progress.answers, progress.values)
            href = path_for(request, "question", question_id=where.id) if where \
                else path_for(request, "check")
            carry_on = {"title": survey.title, "href": href}
    if carry_on is None:
        from voice.missions.routes import carry_on as missions_carry_on

        carry_on = missions_carry_on(request)
    return voice.pages.render(request, "join.html", {"carry_on": carry_on, "error": None,
                                                     "code": ""})


async def open_session(request: Request, typed: str, *, limited: bool = True) -> SessionInfo:
    """Check a typed code: rate-limited (unless `limited` is false), and a friendly reason when
    it can't be used. The limiter's statements run in `db_threads`, as the journey's do."""
    voice = services(request)
    address = client_address(request)
    wait = await voice.db_threads.call(voice.limiter.retry_after, address) if limited else 0
    if wait:
        minutes = max(1, round(wait / 60))
        raise TooManyAttempts(
            "Lots of wrong codes have been tried here. Please wait "
            f"{minutes} minute{'s' if minutes != 1 else ''} and try again, or ask your teacher."
        )
    code = normalise_code(typed)
    info = voice.sessions.get(code) if looks_like_code(code) else None
    if info is None:
        await voice.db_threads.call(voice.limiter.record_failure, address)
        raise SessionUnavailable(UNKNOWN_CODE)
    state = info.state(utcnow())
    if state == "not_open":
        raise SessionUnavailable(
            f"This survey isn't open yet. It opens on {friendly(info.opens_at)}.",
            title="Not open yet",
        )
    if state == "closed":
        raise SessionUnavailable(
            "This survey has closed, so it can't take any more answers. Thank you for wanting "
            "to take part!",
            title="This survey has closed",
        )
    return info


async def join(request: Request) -> Response:
    voice = services(request)
    typed = first(await form_fields(request), "code")
    if not normalise_code(typed):
        return voice.pages.render(
            request, "join.html",
            {"carry_on": None, "code": "", "error": "Please type the class code your teacher "
             "gave you."},
            status_code=400,
        )
    try:
        info = await open_session(request, typed)
    except (SessionUnavailable, TooManyAttempts) as problem:
        return voice.pages.render(
            request, "join.html",
            {"carry_on": None, "code": typed[:20], "error": problem.message},
            status_code=problem.status_code,
        )
    return RedirectResponse(path_for(request, "welcome", code=info.code), status_code=303)


async def welcome(request: Request) -> Response:
    """Who is asking and why, what happens to answers, and "Do you want to take part?"."""
    voice = services(request)
    info = await open_session(request, request.path_params["code"])
    pack = voice.catalogue.packs.get(info.survey_slug)
    if pack is not None:  # a Takeover Challenge session: choose who is answering instead
        from voice.missions.routes import welcome as mission_welcome

        return mission_welcome(request, info, pack)
    survey = voice.catalogue.surveys[info.survey_slug].for_band(info.band)
    return voice.pages.render(
        request,
        "welcome.html",
        {
            "survey": survey,
            "code": info.code,
            "display_code": display_code(info.code),
            "token": voice.signer.start_token(info.code),
            "question_count": len(survey.visible({})),
            "feedback": feedback_link(request, info.survey_slug, info.band),
        },
    )


routes = [
    Route("/", join_page, methods=["GET"], name="join_page"),
    Route("/join", join, methods=["POST"], name="join"),
    Route("/join/{code}", welcome, methods=["GET"], name="welcome"),
]
