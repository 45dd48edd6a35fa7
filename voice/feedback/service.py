"""Act and Feedback: statements, partners' responses, the engagement lead's review, preview
links, and what the public pages show.

Rules that matter, each enforced here (and tested):
- a partner sees and changes only what is addressed to their own organisation;
- partner text is sanitised to a small allow-list before it is stored;
- the public sees only approved, published copies, counts through the suppression function and
  quotes that are approved now.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from voice.answers.models import Submission
from voice.clock import utcnow
from voice.errors import Forbidden, NotFound, VoiceError
from voice.feedback.models import (
    REVIEW_STATES,
    STATUSES,
    PartnerResponse,
    Rating,
    ResponseUpdate,
    Statement,
    StatementOrganisation,
)
from voice.feedback.sanitise import clean_html, plain_text
from voice.results.coding import confirmed_themes, suggested_themes
from voice.results.models import Quote
from voice.results.stats import suppress
from voice.sessions.models import ClassSession
from voice.staff.accounts import Staff, record
from voice.staff.models import Organisation
from voice.surveys.lint import BAND_GRADE, grade_above

statements = Statement.__table__  # type: ignore[attr-defined]
addressed = StatementOrganisation.__table__  # type: ignore[attr-defined]
responses = PartnerResponse.__table__  # type: ignore[attr-defined]
updates = ResponseUpdate.__table__  # type: ignore[attr-defined]
ratings = Rating.__table__  # type: ignore[attr-defined]
quotes = Quote.__table__  # type: ignore[attr-defined]
organisations = Organisation.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]
submissions = Submission.__table__  # type: ignore[attr-defined]

VERSIONS = {"primary": "Ages 7 to 11", "secondary": "Ages 11 to 16", "post16": "Ages 16 to 25",
            "adults": "The full version, for adults"}
RATINGS = {"yes": "Yes", "partly": "Partly", "no": "No"}
PREVIEW_DAYS = 7


class FeedbackError(VoiceError):
    title = "There is a problem"


# -- reading level ---------------------------------------------------------------------------------


def reading_warnings(child: dict[str, str]) -> list[str]:
    """A warning for each band's text that reads above that band's level (not a refusal)."""
    found = []
    for band, text in child.items():
        grade = grade_above(text, band)
        if grade is not None:
            found.append(f"The {VERSIONS[band].lower()} version reads at grade {grade:.1f}, above "
                         f"the level for that age ({BAND_GRADE[band]:g}). Use shorter words and "
                         "sentences.")
    return found


def _child_texts(fields: dict[str, str], bands: tuple[str, ...]) -> dict[str, str]:
    texts = {}
    for band in bands:
        text = " ".join(fields.get(f"child_{band}", "").split())
        if len(text) > 2000:
            raise FeedbackError("Each child-friendly version can be up to 2,000 characters.")
        if text:
            texts[band] = text
    return texts


# -- statements ------------------------------------------------------------------------------------


def create_statement(engine: Engine, staff: Staff, *, slug: str, bands: tuple[str, ...],
                     title: str, said: str, child_fields: dict[str, str], theme: str | None,
                     question_id: str | None, children: int, quote_ids: list[int],
                     organisation_ids: list[int]) -> int:
    title, said = " ".join(title.split()), said.strip()
    if not title or len(title) > 200:
        raise FeedbackError("Give the statement a short title (up to 200 characters).")
    if not said:
        raise FeedbackError("Write what children said.")
    if not organisation_ids:
        raise FeedbackError("Choose at least one organisation to answer it.")
    child = _child_texts(child_fields, bands)
    with engine.begin() as conn:
        known_orgs = set(conn.execute(select(organisations.c.id)).scalars())
        if not set(organisation_ids) <= known_orgs:
            raise FeedbackError("Choose organisations from the list.")
        approved = set(conn.execute(select(quotes.c.id).where(
            quotes.c.survey_slug == slug, quotes.c.status == "approved")).scalars())
        if not set(quote_ids) <= approved:
            raise FeedbackError("Only approved quotes can be attached.")
        new_id = conn.execute(insert(statements).values(
            survey_slug=slug, title=title, said=said[:5000], said_child=json.dumps(child),
            theme=theme or None, question_id=question_id or None, children=max(0, children),
            quote_ids=json.dumps(sorted(set(quote_ids))), created_by=staff.id,
            created_at=utcnow()).returning(statements.c.id)).scalar_one()
        for org in sorted(set(organisation_ids)):
            conn.execute(insert(addressed).values(statement_id=new_id, organisation_id=org))
        record(conn, staff, "statement.create", slug, title)
    return int(new_id)


@dataclass
class ResponseView:
    id: int | None
    organisation_id: int
    organisation: str
    status: str
    why: str
    owner: str
    due: date | None
    body_html: str
    child: dict[str, str]
    review_state: str
    review_note: str
    updated_at: datetime | None
    published_at: datetime | None
    updates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return bool(self.due and self.status in ("will", "are") and self.due < date.today())


@dataclass
class StatementView:
    id: int
    survey_slug: str
    title: str
    said: str
    child: dict[str, str]
    theme: str | None
    question_id: str | None
    children: int
    quote_ids: list[int]
    created_at: datetime
    responses: list[ResponseView]


def _response_view(row: Any, org_name: str, conn: Connection) -> ResponseView:
    view = ResponseView(row.id, row.organisation_id, org_name, row.status, row.why, row.owner,
                        row.due, row.body_html, json.loads(row.child), row.review_state,
                        row.review_note, row.updated_at, row.published_at)
    view.updates = [dict(r._mapping) for r in conn.execute(
        select(updates).where(updates.c.response_id == row.id).order_by(updates.c.on))]
    for item in view.updates:
        item["child"] = json.loads(item["child"])
    return view


def statement_view(engine: Engine, statement_id: int, *, organisation_id: int | None = None
                   ) -> StatementView:
    """A statement with its responses. With `organisation_id` (a partner), only if it is
    addressed to that organisation, and only that organisation's response."""
    with engine.connect() as conn:
        row = conn.execute(select(statements).where(statements.c.id == statement_id)).first()
        if row is None:
            raise NotFound("There is no such statement.")
        orgs = conn.execute(
            select(organisations.c.id, organisations.c.name)
            .select_from(addressed.join(organisations, organisations.c.id == addressed.c.organisation_id))
            .where(addressed.c.statement_id == statement_id).order_by(organisations.c.name)).all()
        if organisation_id is not None:
            if organisation_id not in {o.id for o in orgs}:
                raise NotFound("There is no such statement addressed to your organisation.")
            orgs = [o for o in orgs if o.id == organisation_id]
        found = {r.organisation_id: r for r in conn.execute(
            select(responses).where(responses.c.statement_id == statement_id))}
        views = []
        for org in orgs:
            existing = found.get(org.id)
            if existing is None:
                views.append(ResponseView(None, org.id, org.name, "will", "", "", None, "", {},
                                          "draft", "", None, None))
            else:
                views.append(_response_view(existing, org.name, conn))
    return StatementView(row.id, row.survey_slug, row.title, row.said, json.loads(row.said_child),
                         row.theme, row.question_id, row.children, json.loads(row.quote_ids),
                         row.created_at, views)


def statement_list(engine: Engine, *, organisation_id: int | None = None) -> list[dict[str, Any]]:
    """Statements (a partner's: only those addressed to them) with each response's state."""
    with engine.connect() as conn:
        query = select(statements.c.id, statements.c.title, statements.c.survey_slug,
                       statements.c.created_at).order_by(statements.c.created_at.desc())
        if organisation_id is not None:
            query = query.where(statements.c.id.in_(select(addressed.c.statement_id).where(
                addressed.c.organisation_id == organisation_id)))
        rows = [dict(r._mapping) for r in conn.execute(query)]
        states = conn.execute(select(responses.c.statement_id, responses.c.organisation_id,
                                     responses.c.review_state, responses.c.status,
                                     responses.c.due)).all()
        targets = conn.execute(select(addressed.c.statement_id, organisations.c.name,
                                      organisations.c.id).join(
            organisations, organisations.c.id == addressed.c.organisation_id)).all()
    today = date.today()
    for row in rows:
        row["addressed"] = []
        for sid, name, org in targets:
            if sid != row["id"] or (organisation_id is not None and org != organisation_id):
                continue
            state = next((s for s in states if s.statement_id == sid and s.organisation_id == org),
                         None)
            row["addressed"].append({
                "organisation": name, "state": state.review_state if state else "draft",
                "started": state is not None,
                "overdue": bool(state and state.due and state.status in ("will", "are")
                                and state.due < today)})
    return rows


# -- partners' responses ---------------------------------------------------------------------------


def _partner_response(conn: Connection, staff: Staff, statement_id: int) -> Any:
    if staff.role != "partner" or staff.organisation_id is None:
        raise Forbidden("Only a partner organisation's staff can respond.")
    if conn.execute(select(addressed.c.statement_id).where(
            addressed.c.statement_id == statement_id,
            addressed.c.organisation_id == staff.organisation_id)).first() is None:
        raise NotFound("There is no such statement addressed to your organisation.")
    return conn.execute(select(responses).where(
        responses.c.statement_id == statement_id,
        responses.c.organisation_id == staff.organisation_id)).first()


def save_response(engine: Engine, staff: Staff, statement_id: int, fields: dict[str, str],
                  bands: tuple[str, ...], *, submit: bool) -> list[str]:
    """Save (and optionally submit for approval) the partner's response; returns reading-level
    warnings for the child-friendly versions."""
    status = fields.get("status", "")
    if status not in STATUSES:
        raise FeedbackError("Choose what you will do: we will, we are, we did, or we can't.")
    why = fields.get("why", "").strip()
    if status == "cant" and not why:
        raise FeedbackError("Say why you can't: children deserve a reason.")
    owner = " ".join(fields.get("owner", "").split())[:120]
    due = None
    if fields.get("due"):
        try:
            due = date.fromisoformat(fields["due"])
        except ValueError:
            raise FeedbackError("Give the due date as a date.") from None
    if status in ("will", "are") and (not owner or due is None):
        raise FeedbackError("Give an owner and a due date for work you will do or are doing.")
    try:
        body = clean_html(fields.get("body", ""))
    except ValueError as problem:
        raise FeedbackError(str(problem)) from None
    if not plain_text(body):
        raise FeedbackError("Write your response.")
    child = _child_texts(fields, bands)
    missing = [VERSIONS[b].lower() for b in bands if b not in child]
    if submit and missing:
        raise FeedbackError("Before sending for approval, write the version for "
                            + ", ".join(missing) + ".")
    now = utcnow()
    values = {"status": status, "why": why[:2000], "owner": owner, "due": due, "body_html": body,
              "child": json.dumps(child), "updated_at": now,
              "review_state": "submitted" if submit else "draft"}
    if submit:
        values["submitted_at"] = now
    with engine.begin() as conn:
        existing = _partner_response(conn, staff, statement_id)
        if existing is None:
            conn.execute(insert(responses).values(statement_id=statement_id,
                                                   organisation_id=staff.organisation_id,
                                                   review_note="", **values))
        else:
            conn.execute(update(responses).where(responses.c.id == existing.id).values(**values))
        record(conn, staff, "response.submit" if submit else "response.save",
               f"statement {statement_id}", STATUSES[status])
    return reading_warnings(child)


def add_update(engine: Engine, staff: Staff, statement_id: int, on: str, body: str,
               child_fields: dict[str, str], bands: tuple[str, ...]) -> list[str]:
    try:
        day = date.fromisoformat(on)
        html = clean_html(body)
    except ValueError:
        raise FeedbackError("Give the update a date and some words.") from None
    if not plain_text(html):
        raise FeedbackError("Write the update.")
    child = _child_texts(child_fields, bands)
    with engine.begin() as conn:
        existing = _partner_response(conn, staff, statement_id)
        if existing is None:
            raise FeedbackError("Write and send your response before adding updates.")
        conn.execute(insert(updates).values(response_id=existing.id, on=day, body_html=html,
                                            child=json.dumps(child), created_at=utcnow()))
        conn.execute(update(responses).where(responses.c.id == existing.id).values(
            review_state="submitted", submitted_at=utcnow(), updated_at=utcnow()))
        record(conn, staff, "response.update", f"statement {statement_id}", day.isoformat())
    return reading_warnings(child)


# -- review ------------------------------------------------------------------------------------------


def review(engine: Engine, lead: Staff, response_id: int, decision: str, note: str) -> None:
    """Approve (publish a copy of the response and its updates) or return it with a note."""
    note = note.strip()
    now = utcnow()
    with engine.begin() as conn:
        row = conn.execute(select(responses).where(responses.c.id == response_id)).first()
        if row is None:
            raise NotFound("There is no such response.")
        if row.review_state != "submitted":
            raise FeedbackError("Only a response waiting for approval can be approved or returned.")
        if decision == "approve":
            published = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in {
                "status": row.status, "why": row.why, "owner": row.owner, "due": row.due,
                "body_html": row.body_html, "child": json.loads(row.child)}.items()}
            conn.execute(update(responses).where(responses.c.id == response_id).values(
                review_state="approved", review_note=note[:2000], published=json.dumps(published),
                published_at=now, approved_by=lead.id))
            conn.execute(update(updates).where(updates.c.response_id == response_id,
                                               updates.c.published_at.is_(None))
                         .values(published_at=now))
        elif decision == "return":
            if not note:
                raise FeedbackError("Say what needs changing when you return a response.")
            conn.execute(update(responses).where(responses.c.id == response_id).values(
                review_state="returned", review_note=note[:2000]))
        else:
            raise FeedbackError("Choose approve or return.")
        record(conn, lead, f"response.{decision}", f"response {response_id}")


# -- preview links -----------------------------------------------------------------------------------


def _preview_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="voice.feedback.preview")


def _version_of(row: Any) -> str:
    return hashlib.sha256(f"{row.updated_at}".encode()).hexdigest()[:12]


def preview_token(engine: Engine, secret: str, staff: Staff, statement_id: int) -> str:
    """A signed link to the partner's draft, for colleagues without an account; it expires after
    PREVIEW_DAYS and stops working when the draft changes."""
    with engine.connect() as conn:
        row = _partner_response(conn, staff, statement_id)
    if row is None:
        raise FeedbackError("Save your response first, then share a preview.")
    return _preview_serializer(secret).dumps([row.id, _version_of(row)])


def read_preview(engine: Engine, secret: str, token: str,
                 max_age: int = PREVIEW_DAYS * 86400) -> tuple[StatementView, ResponseView]:
    try:
        response_id, version = _preview_serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise FeedbackError("This preview link has expired. Ask for a new one.",
                            title="This link has expired") from None
    except (BadSignature, ValueError, TypeError):
        raise NotFound("This preview link isn't right. Check it was copied in full.") from None
    with engine.connect() as conn:
        row = conn.execute(select(responses).where(responses.c.id == response_id)).first()
    if row is None or _version_of(row) != version:
        raise FeedbackError("The draft has changed since this link was made. Ask for a new one.",
                            title="This link is out of date")
    view = statement_view(engine, row.statement_id, organisation_id=row.organisation_id)
    return view, view.responses[0]


# -- public pages --------------------------------------------------------------------------------


@dataclass
class PublicStatement:
    title: str
    said: str
    children: str | None  # suppressed: None when the statement names no count
    quotes: list[str]
    responses: list[dict[str, Any]]


@dataclass
class PublicPage:
    slug: str
    version: str
    statements: list[PublicStatement]
    took_part: str
    themes: int
    answered: int
    done: int
    days_to_feedback: int | None
    updated: datetime | None


def published_slugs(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(set(conn.execute(
            select(statements.c.survey_slug).join(responses, responses.c.statement_id == statements.c.id)
            .where(responses.c.published_at.is_not(None))).scalars()))


def public_page(engine: Engine, slug: str, version: str, threshold: int) -> PublicPage:
    """What children said and what partners did, for one survey or pack and one version: only
    published responses, only quotes approved now, every count through `suppress`."""
    if version not in VERSIONS:
        raise NotFound("There is no such version of this page.")
    with engine.connect() as conn:
        rows = conn.execute(select(statements).where(statements.c.survey_slug == slug)
                            .order_by(statements.c.created_at)).all()
        quote_text = {r.id: r.text for r in conn.execute(select(quotes.c.id, quotes.c.text).where(
            quotes.c.survey_slug == slug, quotes.c.status == "approved"))}
        published = conn.execute(
            select(responses.c.id, responses.c.statement_id, responses.c.published,
                   responses.c.published_at, organisations.c.name)
            .join(organisations, organisations.c.id == responses.c.organisation_id)
            .where(responses.c.published_at.is_not(None),
                   responses.c.statement_id.in_([r.id for r in rows] or [0]))
            .order_by(organisations.c.name)).all()
        shown_updates: dict[int, list[Any]] = {}
        for u in conn.execute(select(updates).where(
                updates.c.response_id.in_([p.id for p in published] or [0]),
                updates.c.published_at.is_not(None)).order_by(updates.c.on)):
            shown_updates.setdefault(u.response_id, []).append(u)
        sent = conn.execute(
            select(func.count(submissions.c.id))
            .select_from(submissions.join(sessions, sessions.c.id == submissions.c.session_id))
            .where(sessions.c.survey_slug == slug, submissions.c.completed_at.is_not(None))
        ).scalar() or 0
        teams = conn.execute(
            select(func.count(func.distinct(submissions.c.id)))
            .select_from(submissions.join(sessions, sessions.c.id == submissions.c.session_id))
            .where(sessions.c.survey_slug == slug, submissions.c.team.is_not(None))).scalar() or 0
        first_asked = conn.execute(select(func.min(sessions.c.opens_at)).where(
            sessions.c.survey_slug == slug)).scalar()
    took = suppress({"took_part": sent + teams}, threshold)
    result = []
    answered = done = 0
    first_feedback: datetime | None = None
    for row in rows:
        said = row.said if version == "adults" else json.loads(row.said_child).get(version, "")
        mine = [p for p in published if p.statement_id == row.id]
        if not mine or not said:
            continue
        shown = []
        for p in mine:
            copy = json.loads(p.published)
            answered += 1
            done += copy["status"] == "did"
            first_feedback = min(filter(None, [first_feedback, p.published_at]))
            body = copy["body_html"] if version == "adults" else copy["child"].get(version, "")
            shown.append({
                "organisation": p.name, "status": copy["status"], "status_name": STATUSES[copy["status"]],
                "why": copy["why"], "owner": copy["owner"], "due": copy["due"], "body": body,
                "html": version == "adults", "published_at": p.published_at,
                "updates": [{"on": u.on, "body": u.body_html if version == "adults"
                             else json.loads(u.child).get(version, ""), "html": version == "adults"}
                            for u in shown_updates.get(p.id, [])],
            })
        # Each count stands alone ("how many said this"): hidden when it is a small group.
        result.append(PublicStatement(
            row.title, said,
            suppress({"said": row.children}, threshold).shown("said") if row.children else None,
            [quote_text[q] for q in json.loads(row.quote_ids) if q in quote_text], shown))
    days = None
    if first_asked and first_feedback:
        days = max(0, (first_feedback - first_asked).days)
    return PublicPage(slug, version, result, took.shown("took_part"), len(result), answered,
                      done, days, first_feedback)


def rate(engine: Engine, slug: str, version: str, value: str) -> None:
    if value not in RATINGS or version not in VERSIONS:
        raise FeedbackError("Please choose yes, partly or no.", title="Did we get it right?")
    with engine.begin() as conn:
        conn.execute(insert(ratings).values(survey_slug=slug, version=version, value=value,
                                            at=utcnow()))


def rating_counts(engine: Engine, slug: str) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(ratings.c.value, func.count()).where(
            ratings.c.survey_slug == slug).group_by(ratings.c.value)).all())


def feed_entries(engine: Engine, slug: str) -> list[dict[str, Any]]:
    """Published responses and updates, newest first, for the Atom feed (full version)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(responses.c.id, responses.c.published, responses.c.published_at,
                   statements.c.title, organisations.c.name)
            .join(statements, statements.c.id == responses.c.statement_id)
            .join(organisations, organisations.c.id == responses.c.organisation_id)
            .where(statements.c.survey_slug == slug, responses.c.published_at.is_not(None))
        ).all()
    entries = []
    for r in rows:
        copy = json.loads(r.published)
        entries.append({"id": f"response-{r.id}", "title": f"{r.name}: {r.title}",
                        "updated": r.published_at, "summary": plain_text(copy["body_html"]),
                        "status": STATUSES[copy["status"]]})
    return sorted(entries, key=lambda e: e["updated"], reverse=True)


def for_theme_count(conn: Connection, slug: str, theme: str) -> int:
    """How many answers carry a theme (confirmed where coded, else suggested): a statement's
    starting count."""
    confirmed = confirmed_themes(conn, slug)
    suggested = suggested_themes(conn, slug)
    keys = set(confirmed) | set(suggested)
    return sum(1 for k in keys if theme in (confirmed[k] if k in confirmed else suggested.get(k, [])))



__all__ = ["REVIEW_STATES", "STATUSES", "VERSIONS", "RATINGS"]
