"""Staff pages under /staff: signing in, admin, facilitators' class sessions, the safeguarding
queue and the audit log. Each endpoint says which roles may use it (``staff_only``); the route
matrix test walks them all."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import segno
from sqlalchemy import func, insert, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.clock import friendly, parse_local, to_local, utcnow
from voice.errors import AccountError, NotFound, SignInRefused, VoiceError
from voice.safeguarding import queue as flag_queue
from voice.sessions.codes import display_code
from voice.sessions.service import YEAR_GROUPS, close_session, create_session, list_sessions
from voice.staff.accounts import normalise_email, record
from voice.staff.auth import (
    CSRF_FIELD,
    checked_form,
    current,
    end_session,
    form_token,
    set_form_cookie,
    signed_in,
    staff_only,
    start_session,
)
from voice.staff.models import (
    ORGANISATION_KINDS,
    OUTCOMES,
    ROLE_NAMES,
    ROLES,
    AuditEvent,
    Organisation,
    School,
    SessionOwner,
    StaffUser,
)
from voice.surveys.model import BANDS
from voice.web.forms import first
from voice.web.state import base_url, client_address, services

organisations = Organisation.__table__  # type: ignore[attr-defined]
schools = School.__table__  # type: ignore[attr-defined]
users = StaffUser.__table__  # type: ignore[attr-defined]
audit_events = AuditEvent.__table__  # type: ignore[attr-defined]
owners = SessionOwner.__table__  # type: ignore[attr-defined]

ADMIN = ("admin",)
SESSION_ROLES = ("facilitator", "admin")
DSL = ("safeguarding",)
BAND_NAMES = {"primary": "Primary (7-11)", "secondary": "Secondary (11-16)", "post16": "Post-16 (16-25)"}
AUDIT_PAGE = 200


def page(request: Request, name: str, context: dict[str, Any] | None = None, *,
         status_code: int = 200) -> Response:
    """Render a staff page with what every staff page needs (who, their CSRF token)."""
    session = current(request)
    token, new_cookie = form_token(request)
    values = {"staff": session.staff if session else None, "csrf": token, "csrf_field": CSRF_FIELD,
              "role_names": ROLE_NAMES, "friendly": friendly, **(context or {})}
    response = services(request).pages.render(request, name, values, status_code=status_code)
    set_form_cookie(request, response, new_cookie)
    return response


def see_other(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


# -- signing in and out ------------------------------------------------------------------------


def _safe_next(target: str) -> str:
    # Only a path on this site under /staff: never an open redirect.
    if target.startswith("/staff") and not target.startswith("//") and "\\" not in target:
        return target
    return "/staff"


async def sign_in(request: Request) -> Response:
    if current(request) is not None:
        return see_other("/staff")
    context = {"error": None, "email": "", "next": _safe_next(request.query_params.get("next", ""))}
    if request.method == "GET":
        return page(request, "staff/sign_in.html", context)
    fields = await checked_form(request)
    voice = services(request)
    email, password = first(fields, "email"), first(fields, "password")
    context.update(email=email.strip()[:254], next=_safe_next(first(fields, "next")))
    address = client_address(request)
    wait = voice.sign_in_limiter.retry_after(address)
    if wait:
        context["error"] = ("Too many sign-in attempts from this network. Please wait "
                            f"{max(1, round(wait / 60))} minutes and try again.")
        return page(request, "staff/sign_in.html", context, status_code=429)
    try:
        staff = voice.accounts.sign_in(email, password)
    except SignInRefused as refused:
        voice.sign_in_limiter.record_failure(address)
        context["error"] = refused.message
        return page(request, "staff/sign_in.html", context, status_code=400)
    response = see_other(context["next"])
    start_session(request, response, staff)
    return response


@staff_only()
async def sign_out(request: Request) -> Response:
    await checked_form(request)
    services(request).accounts.end_sessions(signed_in(request))
    response = see_other("/staff/sign-in")
    end_session(request, response)
    return response


async def reset_request(request: Request) -> Response:
    context: dict[str, Any] = {"sent": False, "smtp": bool(services(request).settings.smtp_url),
                               "error": None}
    if request.method == "POST":
        fields = await checked_form(request)
        voice = services(request)
        try:
            email = normalise_email(first(fields, "email"))
        except AccountError as error:
            context["error"] = error.message
            return page(request, "staff/reset_request.html", context, status_code=400)
        if voice.sign_in_limiter.retry_after(client_address(request)):
            context["error"] = "Too many requests from this network. Please wait and try again."
            return page(request, "staff/reset_request.html", context, status_code=429)
        voice.sign_in_limiter.record_failure(client_address(request))  # resets count as attempts
        voice.accounts.send_reset_email(email, base_url(request))
        context["sent"] = True
    return page(request, "staff/reset_request.html", context)


async def reset_password(request: Request) -> Response:
    voice = services(request)
    token = request.path_params["token"]
    voice.accounts.check_reset(token)  # expired, used or tampered: a clear page
    if request.method == "GET":
        return page(request, "staff/reset.html", {"error": None})
    fields = await checked_form(request)
    password, again = first(fields, "password"), first(fields, "confirm")
    if password != again:
        return page(request, "staff/reset.html", {"error": "The two passwords don't match."},
                    status_code=400)
    try:
        staff = voice.accounts.reset_password(token, password)
    except AccountError as error:
        return page(request, "staff/reset.html", {"error": error.message}, status_code=400)
    response = see_other("/staff")
    start_session(request, response, staff)
    return response


@staff_only()
async def home(request: Request) -> Response:
    staff = signed_in(request)
    context: dict[str, Any] = {}
    voice = services(request)
    if staff.role == "safeguarding":
        rows = flag_queue.queue(voice.engine, voice.settings.flag_review_hours)
        context["unreviewed"] = sum(r.status == "new" for r in rows)
        context["overdue"] = sum(r.overdue for r in rows)
    if staff.role == "partner" and staff.organisation_id is not None:
        with voice.engine.connect() as conn:
            context["organisation"] = conn.execute(select(organisations.c.name).where(
                organisations.c.id == staff.organisation_id)).scalar()
    return page(request, "staff/home.html", context)


# -- admin ---------------------------------------------------------------------------------------


def _all(request: Request, table: Any) -> list[Any]:
    with services(request).engine.connect() as conn:
        return conn.execute(select(table).order_by(table.c.name)).all()


def _organisations(request: Request) -> list[Any]:
    return _all(request, organisations)


def all_schools(request: Request) -> list[Any]:
    return _all(request, schools)


def _add_named(request: Request, table: Any, what: str, name: str, **values: str) -> str | None:
    """Add a named row (an organisation, a school) unless the name is missing, too long or
    taken (in any case); audited. The problem in words, or None when it was added."""
    name = " ".join(name.split())
    if not name or len(name) > 200:
        return f"Give the {what}'s name (up to 200 characters)."
    with services(request).engine.begin() as conn:
        if conn.execute(select(table.c.id).where(func.lower(table.c.name) == name.lower())).first():
            return f"There is already {'an' if what[0] in 'aeiou' else 'a'} {what} called {name}."
        conn.execute(insert(table).values(name=name, created_at=utcnow(), **values))
        record(conn, signed_in(request), f"{what}.create", name, " ".join(values.values()))
    return None


@staff_only(ADMIN)
async def admin_users(request: Request) -> Response:
    voice = services(request)
    error, status = None, 200
    if request.method == "POST":
        fields = await checked_form(request)
        try:
            voice.accounts.create(
                email=first(fields, "email"), role=first(fields, "role"), name=first(fields, "name"),
                password=first(fields, "password"), organisation=first(fields, "organisation") or None,
                actor=signed_in(request))
            return see_other("/staff/admin/users")
        except AccountError as problem:
            error, status = problem.message, 400
    with voice.engine.connect() as conn:
        rows = conn.execute(
            select(users.c.id, users.c.email, users.c.name, users.c.role, users.c.active,
                   users.c.last_sign_in_at, users.c.locked_until, organisations.c.name.label("org"))
            .select_from(users.outerjoin(organisations, organisations.c.id == users.c.organisation_id))
            .order_by(users.c.email)).all()
    return page(request, "staff/admin_users.html", {
        "users": rows, "roles": ROLES, "organisations": _organisations(request), "error": error,
        "now": utcnow()}, status_code=status)


@staff_only(ADMIN)
async def admin_user_update(request: Request) -> Response:
    fields = await checked_form(request)
    org = first(fields, "organisation_id")
    try:
        services(request).accounts.update(
            int(request.path_params["user_id"]), role=first(fields, "role"),
            active=first(fields, "active") == "yes", organisation_id=int(org) if org.isdigit() else None,
            actor=signed_in(request))
    except AccountError as problem:
        raise VoiceError(problem.message, title="That change wasn't made") from None
    return see_other("/staff/admin/users")


@staff_only(ADMIN)
async def admin_organisations(request: Request) -> Response:
    error = None
    if request.method == "POST":
        fields = await checked_form(request)
        kind = first(fields, "kind")
        if kind not in ORGANISATION_KINDS:
            error = "Choose what kind of organisation it is."
        else:
            error = _add_named(request, organisations, "organisation", first(fields, "name"), kind=kind)
        if error is None:
            return see_other("/staff/admin/organisations")
    return page(request, "staff/admin_organisations.html", {
        "organisations": _organisations(request), "kinds": ORGANISATION_KINDS, "error": error},
        status_code=400 if error else 200)


@staff_only(ADMIN)
async def admin_schools(request: Request) -> Response:
    error = None
    if request.method == "POST":
        fields = await checked_form(request)
        contact = " ".join(first(fields, "dsl_contact").split())
        if len(contact) > 300:
            error = "Keep the DSL contact under 300 characters."
        else:
            error = _add_named(request, schools, "school", first(fields, "name"), dsl_contact=contact)
        if error is None:
            services(request).known_schools.forget()  # the anonymiser knows it from now on
            return see_other("/staff/admin/schools")
    return page(request, "staff/admin_schools.html", {"schools": all_schools(request), "error": error},
                status_code=400 if error else 200)


@staff_only(ADMIN)
async def audit_log(request: Request) -> Response:
    with services(request).engine.connect() as conn:
        events = conn.execute(select(audit_events).order_by(
            audit_events.c.at.desc(), audit_events.c.id.desc()).limit(AUDIT_PAGE)).all()
    return page(request, "staff/audit.html", {"events": events})


# -- facilitators: class sessions ----------------------------------------------------------------


def _own_session_ids(request: Request) -> list[int] | None:
    """The sessions this person may see: all for an admin, their own for a facilitator."""
    staff = signed_in(request)
    if staff.role == "admin":
        return None
    with services(request).engine.connect() as conn:
        return list(conn.execute(select(owners.c.session_id).where(owners.c.staff_id == staff.id)).scalars())


def session_summary(request: Request) -> Any:
    session_id = int(request.path_params["session_id"])
    only = _own_session_ids(request)
    if only is not None and session_id not in only:
        raise NotFound("There is no such class session among yours.")
    found = list_sessions(services(request).engine, only=[session_id])
    if not found:
        raise NotFound("There is no such class session.")
    return found[0]


@staff_only(SESSION_ROLES)
async def class_sessions(request: Request) -> Response:
    summaries = list_sessions(services(request).engine, only=_own_session_ids(request))
    return page(request, "staff/sessions.html", {"summaries": summaries, "now": utcnow(),
                                                 "display_code": display_code})


def _local_input(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


@staff_only(SESSION_ROLES)
async def new_class_session(request: Request) -> Response:
    voice = services(request)
    surveys = sorted(voice.catalogue, key=lambda s: (s.kind != "survey", s.slug))
    now = utcnow()
    values = {"survey": "", "school": "", "year": "", "band": "", "opens": _local_input(now),
              "closes": ""}
    error, status = None, 200
    if request.method == "POST":
        fields = await checked_form(request)
        values = {k: first(fields, k).strip() for k in values}
        try:
            year = int(values["year"]) if values["year"].isdigit() else 0
            opens = parse_local(values["opens"]) if values["opens"] else None
            closes = parse_local(values["closes"]) if values["closes"] else None
            if values["school"] not in {s.name for s in all_schools(request)}:
                raise VoiceError("Choose the school from the list (an administrator adds schools).")
            info = create_session(engine=voice.engine, catalogue=voice.catalogue,
                                  survey_slug=values["survey"], band=values["band"],
                                  school=values["school"], year_group=year, opens_at=opens,
                                  closes_at=closes)
        except (VoiceError, ValueError) as problem:
            error, status = getattr(problem, "message", str(problem)), 400
        else:
            staff = signed_in(request)
            with voice.engine.begin() as conn:
                conn.execute(insert(owners).values(session_id=info.id, staff_id=staff.id))
                record(conn, staff, "session.create", display_code(info.code),
                       f"{info.school}, year {info.year_group}, {info.survey_slug}")
            return see_other(f"/staff/sessions/{info.id}")
    return page(request, "staff/session_new.html", {
        "surveys": surveys, "schools": all_schools(request), "bands": BANDS, "band_names": BAND_NAMES,
        "years": list(YEAR_GROUPS), "values": values, "error": error}, status_code=status)


def _join_url(request: Request, code: str) -> str:
    return f"{base_url(request)}/join/{code}"


@staff_only(SESSION_ROLES)
async def class_session(request: Request) -> Response:
    summary = session_summary(request)
    info = summary.info
    catalogue = services(request).catalogue
    return page(request, "staff/session.html", {
        "summary": summary, "code": display_code(info.code), "join_url": _join_url(request, info.code),
        "state": info.state(utcnow()), "band_names": BAND_NAMES,
        "survey": catalogue.get(info.survey_slug), "pack": catalogue.packs.get(info.survey_slug)})


@staff_only(SESSION_ROLES)
async def class_session_counts(request: Request) -> Response:
    """The live counts (htmx polls this): how many started and sent, never what they wrote."""
    summary = session_summary(request)
    return page(request, "staff/_session_counts.html", {"summary": summary,
                                                         "state": summary.info.state(utcnow())})


@staff_only(SESSION_ROLES)
async def class_session_print(request: Request) -> Response:
    summary = session_summary(request)
    return page(request, "staff/session_print.html", {
        "summary": summary, "code": display_code(summary.info.code),
        "join_url": _join_url(request, summary.info.code), "base_url": base_url(request),
        "survey": services(request).catalogue.get(summary.info.survey_slug)})


@staff_only(SESSION_ROLES)
async def class_session_qr(request: Request) -> Response:
    summary = session_summary(request)
    qr = segno.make(_join_url(request, summary.info.code), error="m")
    svg = qr.svg_inline(scale=8, title=f"QR code for class code {display_code(summary.info.code)}")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@staff_only(SESSION_ROLES)
async def close_class_session(request: Request) -> Response:
    await checked_form(request)
    summary = session_summary(request)
    voice = services(request)
    if close_session(voice.engine, summary.info.id):
        voice.sessions.forget(summary.info.code)
        with voice.engine.begin() as conn:
            record(conn, signed_in(request), "session.close", display_code(summary.info.code))
    return see_other(f"/staff/sessions/{summary.info.id}")


# -- the safeguarding queue ----------------------------------------------------------------------


@staff_only(DSL)
async def safeguarding_queue(request: Request) -> Response:
    voice = services(request)
    rows = flag_queue.queue(voice.engine, voice.settings.flag_review_hours)
    return page(request, "staff/queue.html", {"rows": rows, "hours": voice.settings.flag_review_hours})


@staff_only(DSL)
async def safeguarding_rows(request: Request) -> Response:
    """The queue's table body, which the page polls every few seconds."""
    voice = services(request)
    rows = flag_queue.queue(voice.engine, voice.settings.flag_review_hours)
    return page(request, "staff/_queue_rows.html", {"rows": rows})


@staff_only(DSL)
async def safeguarding_flag(request: Request) -> Response:
    voice = services(request)
    error, status = None, 200
    flag_id = int(request.path_params["flag_id"])
    if request.method == "POST":
        fields = await checked_form(request)
        try:
            flag_queue.review_flag(voice.engine, flag_id, first(fields, "outcome"),
                                   first(fields, "note"), signed_in(request))
            return see_other(f"/staff/safeguarding/{flag_id}")
        except NotFound:
            raise
        except VoiceError as problem:
            error, status = problem.message, 400
    detail = flag_queue.open_flag(voice.engine, flag_id, signed_in(request),
                                  voice.settings.flag_review_hours)
    survey = voice.catalogue.surveys.get(detail.flag.survey_slug)
    pack = voice.catalogue.packs.get(detail.flag.survey_slug)
    question = None
    if survey is not None:
        band = survey.for_band(detail.flag.band)
        asked = next((q for q in band.questions if q.id == detail.question_id), None)
        question = asked.text if asked else None
    elif pack is not None:
        located = pack.response(detail.question_id)
        if located is not None:
            mission, response = located
            question = (f"{mission.title[detail.flag.band]} (Takeover Challenge mission): "
                        f"{response.text[detail.flag.band]}")
    return page(request, "staff/flag.html", {
        "detail": detail, "question": question, "outcomes": OUTCOMES, "error": error,
        "band_names": BAND_NAMES}, status_code=status)


routes = [
    Route("/staff/sign-in", sign_in, methods=["GET", "POST"], name="staff_sign_in"),
    Route("/staff/sign-out", sign_out, methods=["POST"], name="staff_sign_out"),
    Route("/staff/password-reset", reset_request, methods=["GET", "POST"], name="staff_reset_request"),
    Route("/staff/password-reset/{token}", reset_password, methods=["GET", "POST"], name="staff_reset"),
    Route("/staff", home, name="staff_home"),
    Route("/staff/admin/users", admin_users, methods=["GET", "POST"], name="staff_users"),
    Route("/staff/admin/users/{user_id:int}", admin_user_update, methods=["POST"], name="staff_user"),
    Route("/staff/admin/organisations", admin_organisations, methods=["GET", "POST"],
          name="staff_organisations"),
    Route("/staff/admin/schools", admin_schools, methods=["GET", "POST"], name="staff_schools"),
    Route("/staff/audit", audit_log, name="staff_audit"),
    Route("/staff/sessions", class_sessions, name="staff_sessions"),
    Route("/staff/sessions/new", new_class_session, methods=["GET", "POST"], name="staff_session_new"),
    Route("/staff/sessions/{session_id:int}", class_session, name="staff_session"),
    Route("/staff/sessions/{session_id:int}/counts", class_session_counts, name="staff_session_counts"),
    Route("/staff/sessions/{session_id:int}/print", class_session_print, name="staff_session_print"),
    Route("/staff/sessions/{session_id:int}/qr.svg", class_session_qr, name="staff_session_qr"),
    Route("/staff/sessions/{session_id:int}/close", close_class_session, methods=["POST"],
          name="staff_session_close"),
    Route("/staff/safeguarding", safeguarding_queue, name="staff_queue"),
    Route("/staff/safeguarding/rows", safeguarding_rows, name="staff_queue_rows"),
    Route("/staff/safeguarding/{flag_id:int}", safeguarding_flag, methods=["GET", "POST"],
          name="staff_flag"),
]
