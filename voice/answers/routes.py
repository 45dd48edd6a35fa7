"""The child's journey: take part, one question per page, check your answers, send, thank you.

Every step is a plain form post that redirects (303) to the next page, so it works without
JavaScript; htmx, when present, swaps just the page's main content in.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.answers import journey
from voice.answers.service import Progress, StoredAnswer
from voice.answers.tokens import COOKIE_NAME, JourneyRef
from voice.clock import utcnow
from voice.errors import JourneyNotFound, NotFound, SessionUnavailable
from voice.feedback.routes import feedback_link
from voice.listening.pipeline import listen
from voice.sessions.codes import normalise_code
from voice.sessions.routes import open_session
from voice.sessions.service import SessionInfo
from voice.surveys.model import BandQuestion, BandSurvey
from voice.web.forms import first, form_fields
from voice.web.state import Services, cookie_secure, path_for, services

SUPPORT_COOKIE = "voice_support"
NO_JOURNEY = (
    "We couldn't find a survey in progress on this device. If you already sent your answers, "
    "they are safe with us. To start, type your class code."
)


@dataclass
class Journey:
    """Everything one request in the journey needs, loaded in as few queries as possible."""

    voice: Services
    ref: JourneyRef
    session: SessionInfo
    survey: BandSurvey
    progress: Progress


async def current_journey(request: Request) -> Journey:
    voice = services(request)
    ref = voice.signer.read_cookie(request.cookies.get(COOKIE_NAME))
    if ref is None:
        raise JourneyNotFound(NO_JOURNEY)
    session = voice.sessions.get(ref.code)
    progress = await voice.db_threads.call(voice.store.progress, ref.submission_id)
    if session is None or progress is None or progress.session_id != session.id \
            or session.survey_slug not in voice.catalogue.surveys:
        raise JourneyNotFound(NO_JOURNEY)
    if not progress.completed and session.state(utcnow()) != "open":
        raise SessionUnavailable(
            "This survey has now closed. The answers you already gave are saved. Thank you!",
            title="This survey has closed",
        )
    survey = voice.catalogue.surveys[session.survey_slug].for_band(session.band)
    return Journey(voice, ref, session, survey, progress)


def returning_to_check(request: Request) -> bool:
    """True when the child came from "check your answers" (`?return=check`)."""
    # Read straight from the raw query string: parsing it costs more than the check itself.
    return request.scope.get("query_string", b"") == b"return=check"


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def question_path(request: Request, question: BandQuestion | None, *, to_check: bool = False) -> str:
    if question is None:
        return path_for(request, "check")
    path = path_for(request, "question", question_id=question.id)
    return path + "?return=check" if to_check else path


async def start(request: Request) -> Response:
    """"Do you want to take part?" Yes starts a submission; No says that's fine."""
    voice = services(request)
    form = await form_fields(request)
    code = normalise_code(request.path_params["code"])
    submission_id = voice.signer.read_start_token(first(form, "token"), code)
    # A valid start token was made for this code by the welcome page, whose code was checked
    # and counted there: only a request without one counts as another try at a code.
    info = await open_session(request, code, limited=submission_id is None)
    if info.survey_slug not in voice.catalogue.surveys:  # a mission pack: choose a team instead
        return redirect(path_for(request, "welcome", code=info.code))
    if first(form, "take_part") != "yes":
        return redirect(path_for(request, "not_taking_part", code=info.code))
    if submission_id is None:
        # An old or altered page: send them back to a fresh welcome page rather than fail.
        return redirect(path_for(request, "welcome", code=info.code))
    await voice.db_threads.call(voice.store.start, submission_id=submission_id, session=info)
    survey = voice.catalogue.surveys[info.survey_slug].for_band(info.band)
    response = redirect(question_path(request, survey.visible({})[0]))
    response.set_cookie(
        COOKIE_NAME,
        voice.signer.cookie_value(JourneyRef(submission_id, info.code)),
        max_age=voice.signer.max_age,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request),
    )
    return response


async def not_taking_part(request: Request) -> Response:
    voice = services(request)
    return voice.pages.render(request, "not_taking_part.html", {})


def _question_or_404(trip: Journey, question_id: str) -> BandQuestion:
    question = trip.survey.question(question_id)
    if question is None:
        raise NotFound("That question isn't part of this survey.")
    return question


async def question(request: Request) -> Response:
    trip = await current_journey(request)
    if trip.progress.completed:
        return redirect(path_for(request, "thanks", code=trip.session.code))
    current = _question_or_404(trip, request.path_params["question_id"])
    values = trip.progress.values
    place = journey.place_of(trip.survey, current.id, values)
    if not place.asked:
        # A follow-up that no longer applies: move on to the next one that does.
        return redirect(question_path(request, journey.next_question(trip.survey, current.id,
                                                                     values)))
    answer = trip.progress.answers.get(current.id)
    return render_question(request, trip, current, journey.form_state(current, answer), place)


def render_question(
    request: Request, trip: Journey, current: BandQuestion, state: dict[str, object],
    place: journey.Place | None = None, *, error: str | None = None, status_code: int = 200,
) -> Response:
    survey = trip.survey
    place = place or journey.place_of(survey, current.id, trip.progress.values)
    number, total, has_back = place.number, place.total, place.has_back
    to_check = returning_to_check(request)
    # A question page with nothing filled in and no error is the same for every child at the same
    # point in the same survey and band, so it is rendered once (see Pages.render).
    fresh = error is None and not any(state.values())
    cache_key = (survey.slug, survey.version, survey.band, current.id, number, total, has_back,
                 to_check) if fresh else None
    return trip.voice.pages.render(
        request,
        "question.html",
        {
            "survey": survey,
            "q": current,
            "number": number,
            "total": total,
            "state": state,
            "error": error,
            "has_back": has_back,
            "return_to_check": to_check,
            "ordinals": journey.ORDINALS,
            "primary": survey.band == "primary",
        },
        status_code=status_code,
        cache_key=cache_key,
    )


async def answer(request: Request) -> Response:
    """Save one answer (save-as-you-go) and move on, back, or to "check your answers"."""
    trip = await current_journey(request)
    if trip.progress.completed:
        return redirect(path_for(request, "thanks", code=trip.session.code))
    current = _question_or_404(trip, request.path_params["question_id"])
    fields = await form_fields(request)
    action = first(fields, "action", "next")
    if action not in journey.ACTIONS:
        action = "next"
    to_check = returning_to_check(request)
    # The deployment's known schools, and always this class's own school.
    schools = (*trip.voice.known_schools(), trip.session.school)
    codebook = trip.voice.codebooks.get(trip.session.survey_slug)
    try:
        reading = journey.read_answer(
            current, action, fields,
            lambda text: listen(text, known_schools=schools, codebook=codebook),
        )
    except journey.AnswerProblem as problem:
        state = {
            "chosen": fields.get("answer", []),
            "text": (fields.get("answer") or [""])[0],
            "ranked": [(fields.get(f"rank_{i}") or [""])[0] for i in range(1, current.pick + 1)],
        }
        return render_question(request, trip, current, state, error=problem.message,
                               status_code=400)
    if reading is not None:
        await trip.voice.db_threads.call(
            trip.voice.store.save,
            submission_id=trip.ref.submission_id,
            question_id=current.id,
            status=reading.status,
            value=reading.value,
            session=trip.session,
            listened=reading.listened,
        )
        trip.progress.answers[current.id] = StoredAnswer(reading.status, reading.value)
    values = trip.progress.values
    if action == "back":
        earlier = journey.previous_question(trip.survey, current.id, values)
        return redirect(question_path(request, earlier or current, to_check=to_check))
    if to_check:
        follow_up = journey.after_change(trip.survey, current.id, values, trip.progress.answers)
        if follow_up is not None:
            return redirect(question_path(request, follow_up, to_check=True))
        return redirect(path_for(request, "check"))
    return redirect(question_path(request, journey.next_question(trip.survey, current.id, values)))


async def check(request: Request) -> Response:
    trip = await current_journey(request)
    if trip.progress.completed:
        return redirect(path_for(request, "thanks", code=trip.session.code))
    answers = trip.progress.answers
    rows = [
        {"q": q, "lines": journey.describe(q, answers.get(q.id)), "answered": q.id in answers}
        for q in trip.survey.visible(trip.progress.values)
    ]
    return trip.voice.pages.render(
        request, "check.html",
        {"survey": trip.survey, "rows": rows,
         "missing": sum(1 for row in rows if not row["answered"])},
    )


async def submit(request: Request) -> Response:
    """Send the answers. Safe to press twice: the second press just shows the thank-you page."""
    trip = await current_journey(request)
    if not trip.progress.completed:
        keep = {q.id for q in trip.survey.visible(trip.progress.values)}
        stale = set(trip.progress.answers) - keep
        await trip.voice.db_threads.call(trip.voice.store.complete,
                                    submission_id=trip.ref.submission_id, stale=stale)
    response = redirect(path_for(request, "thanks", code=trip.session.code))
    if await trip.voice.db_threads.call(trip.voice.store.has_concern, trip.ref.submission_id):
        # Something they wrote may mean they are not safe: the thank-you page adds gentle words
        # about who to talk to. A short-lived cookie, not the URL, carries this, so a shared
        # device's history shows nothing.
        response.set_cookie(SUPPORT_COOKIE, "1", max_age=600, path=path_for(request, "thanks",
                            code=trip.session.code), httponly=True, samesite="lax",
                            secure=cookie_secure(request))
    # The answers are sent: forget them on this (possibly shared) device.
    response.delete_cookie(COOKIE_NAME, httponly=True, samesite="lax",
                           secure=cookie_secure(request))
    return response


async def thanks(request: Request) -> Response:
    voice = services(request)
    info = voice.sessions.get(request.path_params["code"].upper())
    if info is None or info.survey_slug not in voice.catalogue.surveys:
        raise NotFound("We can't find that class.")
    survey = voice.catalogue.surveys[info.survey_slug].for_band(info.band)
    support = request.cookies.get(SUPPORT_COOKIE) == "1"
    response = voice.pages.render(request, "thanks.html", {
        "survey": survey, "support": support,
        "feedback": feedback_link(request, info.survey_slug, info.band)})
    if support:
        response.delete_cookie(SUPPORT_COOKIE, path=request.url.path, httponly=True,
                               samesite="lax", secure=cookie_secure(request))
    return response


routes = [
    Route("/join/{code}/start", start, methods=["POST"], name="start"),
    Route("/join/{code}/no-thanks", not_taking_part, methods=["GET"], name="not_taking_part"),
    Route("/answer/{question_id}", question, methods=["GET"], name="question"),
    Route("/answer/{question_id}", answer, methods=["POST"], name="answer"),
    Route("/check", check, methods=["GET"], name="check"),
    Route("/submit", submit, methods=["POST"], name="submit"),
    Route("/thanks/{code}", thanks, methods=["GET"], name="thanks"),
]
