"""Staff pages for Act and Feedback: analysts write "you said" statements and review partners'
responses; partners answer what is addressed to their own organisation; facilitators print the
poster for each class; the evidence trail for the annual report."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from voice.errors import NotFound
from voice.feedback import service as fb
from voice.feedback.routes import forget_published
from voice.feedback.sanitise import plain_text
from voice.listening.theme import Codebook
from voice.results.exports import Column, write_table
from voice.results.models import Quote
from voice.results.workspace import working_codebook
from voice.staff.auth import checked_form, signed_in, staff_only
from voice.staff.models import Organisation
from voice.staff.routes import BAND_NAMES, SESSION_ROLES, page, see_other, session_summary
from voice.web.forms import first
from voice.web.state import services

LEAD_ROLES = ("analyst", "admin")
PARTNER = ("partner",)
quotes = Quote.__table__  # type: ignore[attr-defined]
organisations = Organisation.__table__  # type: ignore[attr-defined]


def _bands(request: Request, slug: str) -> tuple[str, ...]:
    item = services(request).catalogue.get(slug)
    if item is None:
        raise NotFound("There is no survey or mission pack with that name.")
    return item.bands


# -- statements (analysts) ------------------------------------------------------------------------


@staff_only(LEAD_ROLES)
async def statements(request: Request) -> Response:
    voice = services(request)
    catalogue = voice.catalogue
    slug = request.query_params.get("survey", "")
    item = catalogue.get(slug) if slug else None
    context: dict[str, Any] = {"rows": fb.statement_list(voice.engine), "items": list(catalogue),
                               "item": item, "error": None, "warnings": [], "values": {},
                               "band_names": BAND_NAMES, "themes": [], "quotes": [], "orgs": []}
    status = 200
    if item is not None:
        codebook = voice.codebooks.get(item.slug)
        themes = working_codebook(voice.engine, item.slug, codebook or Codebook.default())
        theme = request.query_params.get("theme", "")
        with voice.engine.connect() as conn:
            context["quotes"] = conn.execute(select(quotes.c.id, quotes.c.text).where(
                quotes.c.survey_slug == item.slug, quotes.c.status == "approved")).all()
            context["orgs"] = conn.execute(select(organisations.c.id, organisations.c.name)
                                           .order_by(organisations.c.name)).all()
            count = fb.for_theme_count(conn, item.slug, theme) if theme else 0
        context["themes"] = [t for t in themes if t.status == "active"]
        context["values"] = {"theme": theme, "children": str(count),
                             "title": next((t.label for t in themes if t.name == theme), "")}
    if request.method == "POST":
        fields = await checked_form(request)
        slug = first(fields, "survey")
        try:
            bands = _bands(request, slug)
            new_id = fb.create_statement(
                voice.engine, signed_in(request), slug=slug, bands=bands,
                title=first(fields, "title"), said=first(fields, "said"),
                child_fields={f"child_{b}": first(fields, f"child_{b}") for b in bands},
                theme=first(fields, "theme"), question_id=first(fields, "question_id"),
                children=int(first(fields, "children") or 0) if first(fields, "children").isdigit()
                else 0,
                quote_ids=[int(q) for q in fields.get("quotes", []) if q.isdigit()],
                organisation_ids=[int(o) for o in fields.get("orgs", []) if o.isdigit()])
        except fb.FeedbackError as problem:
            context.update(error=problem.message,
                           values={k: first(fields, k) for k in ("title", "said", "theme", "children")})
            status = 400
        else:
            warnings = fb.reading_warnings({b: first(fields, f"child_{b}") for b in bands})
            return see_other(f"/staff/statements/{new_id}" + ("?warn=1" if warnings else ""))
    return page(request, "staff/statements.html", context, status_code=status)


@staff_only(LEAD_ROLES)
async def statement(request: Request) -> Response:
    """A statement, every organisation's response, and approve / return for each."""
    voice = services(request)
    statement_id = int(request.path_params["statement_id"])
    error, status = None, 200
    if request.method == "POST":
        fields = await checked_form(request)
        try:
            fb.review(voice.engine, signed_in(request), int(first(fields, "response") or 0),
                      first(fields, "decision"), first(fields, "note"))
            forget_published()
            return see_other(f"/staff/statements/{statement_id}")
        except fb.FeedbackError as problem:
            error, status = problem.message, 400
    view = fb.statement_view(voice.engine, statement_id)
    warnings = fb.reading_warnings(view.child)
    for response in view.responses:
        warnings += [f"{response.organisation}: {w}" for w in fb.reading_warnings(response.child)]
    return page(request, "staff/statement.html", {
        "s": view, "error": error, "warnings": warnings, "statuses": fb.STATUSES,
        "states": fb.REVIEW_STATES, "versions": fb.VERSIONS}, status_code=status)


# -- partners --------------------------------------------------------------------------------------


@staff_only(PARTNER)
async def partner_home(request: Request) -> Response:
    staff = signed_in(request)
    rows = fb.statement_list(services(request).engine, organisation_id=staff.organisation_id)
    return page(request, "staff/partner.html", {"rows": rows, "states": fb.REVIEW_STATES})


@staff_only(PARTNER)
async def partner_statement(request: Request) -> Response:
    voice = services(request)
    staff = signed_in(request)
    statement_id = int(request.path_params["statement_id"])
    view = fb.statement_view(voice.engine, statement_id, organisation_id=staff.organisation_id)
    bands = _bands(request, view.survey_slug)
    error, status, warnings, preview = None, 200, [], None
    values: dict[str, str] = {}
    if request.method == "POST":
        fields = await checked_form(request)
        action = first(fields, "action")
        values = {k: first(fields, k) for k in ("status", "why", "owner", "due", "body", "on",
                                                "update", *(f"child_{b}" for b in bands))}
        try:
            if action in ("save", "submit"):
                warnings = fb.save_response(voice.engine, staff, statement_id, values, bands,
                                            submit=action == "submit")
            elif action == "update":
                warnings = fb.add_update(voice.engine, staff, statement_id, values["on"],
                                         values["update"],
                                         {f"child_{b}": first(fields, f"update_child_{b}")
                                          for b in bands}, bands)
            elif action == "preview":
                token = fb.preview_token(voice.engine, voice.settings.secret_key, staff,
                                         statement_id)
                preview = f"/you-said-we-did/preview/{token}"
            else:
                raise fb.FeedbackError("Choose what to do.")
            if not warnings and preview is None:
                return see_other(f"/staff/partner/statements/{statement_id}?saved=1")
            values = {}
        except fb.FeedbackError as problem:
            error, status = problem.message, 400
        view = fb.statement_view(voice.engine, statement_id, organisation_id=staff.organisation_id)
    response = view.responses[0]
    with voice.engine.connect() as conn:
        shown_quotes = [r.text for r in conn.execute(select(quotes.c.text).where(
            quotes.c.id.in_(view.quote_ids or [0]), quotes.c.status == "approved"))]
    return page(request, "staff/partner_statement.html", {
        "s": view, "r": response, "bands": bands, "band_names": BAND_NAMES,
        "versions": fb.VERSIONS, "statuses": fb.STATUSES, "states": fb.REVIEW_STATES,
        "error": error, "warnings": warnings, "preview": preview, "values": values,
        "quotes": shown_quotes, "saved": request.query_params.get("saved") == "1"},
        status_code=status)


# -- facilitators: the poster for a class -----------------------------------------------------------


@staff_only(SESSION_ROLES)
async def class_poster(request: Request) -> Response:
    summary = session_summary(request)
    info = summary.info
    query = urlencode({"version": info.band, "school": info.school})
    return see_other(f"/you-said-we-did/{info.survey_slug}/poster?{query}")


# -- the evidence trail ---------------------------------------------------------------------------


def _trail(request: Request, slug: str) -> list[dict[str, Any]]:
    voice = services(request)
    rows = []
    for item in fb.statement_list(voice.engine):
        if item["survey_slug"] != slug:
            continue
        view = fb.statement_view(voice.engine, item["id"])
        rows.append({"s": view, "responses": view.responses})
    return rows


@staff_only(LEAD_ROLES)
async def evidence(request: Request) -> Response:
    slug = request.path_params["slug"]
    item = services(request).catalogue.get(slug)
    if item is None:
        raise NotFound("There is no survey or mission pack with that name.")
    voice = services(request)
    figures = fb.public_page(voice.engine, slug, "adults", voice.settings.small_number)
    return page(request, "staff/evidence.html", {
        "item": item, "trail": _trail(request, slug), "figures": figures,
        "statuses": fb.STATUSES, "states": fb.REVIEW_STATES,
        "ratings": fb.rating_counts(voice.engine, slug)})


@staff_only(LEAD_ROLES)
async def evidence_xlsx(request: Request) -> Response:
    """The trail as a spreadsheet: one row per response, with its statement (what children
    said, the theme, how many) and where it got to (status, review, publication, updates)."""
    slug = request.path_params["slug"]
    if services(request).catalogue.get(slug) is None:
        raise NotFound("There is no survey or mission pack with that name.")
    titles = ("Statement", "Theme or question", "Children who said it", "What children said",
              "Quotes attached", "Organisation", "Status", "Why (if we can't)", "Owner", "Due",
              "Review", "Published", "Response", "Updates")
    rows = []
    for row in _trail(request, slug):
        s = row["s"]
        for r in row["responses"]:
            rows.append((
                s.title, s.theme or s.question_id or "", s.children, s.said, len(s.quote_ids),
                r.organisation, fb.STATUSES[r.status], r.why, r.owner,
                r.due.isoformat() if r.due else "", fb.REVIEW_STATES[r.review_state],
                r.published_at.isoformat(timespec="minutes") if r.published_at else "",
                plain_text(r.body_html),
                "; ".join(f"{u['on']}: {plain_text(u['body_html'])}" for u in r.updates)))
    out = io.BytesIO()
    write_table(out, "xlsx", [Column(t, 24) for t in titles], rows, title="evidence")
    return Response(out.getvalue(), headers={
        "Content-Disposition": f'attachment; filename="{slug}-evidence.xlsx"',
        "Cache-Control": "private, no-store"},
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


routes = [
    Route("/staff/statements", statements, methods=["GET", "POST"], name="staff_statements"),
    Route("/staff/statements/{statement_id:int}", statement, methods=["GET", "POST"],
          name="staff_statement"),
    Route("/staff/partner", partner_home, name="staff_partner"),
    Route("/staff/partner/statements/{statement_id:int}", partner_statement,
          methods=["GET", "POST"], name="staff_partner_statement"),
    Route("/staff/sessions/{session_id:int}/poster", class_poster, name="staff_session_poster"),
    Route("/staff/evidence/{slug}", evidence, name="staff_evidence"),
    Route("/staff/evidence/{slug}/evidence.xlsx", evidence_xlsx, name="staff_evidence_xlsx"),
]
