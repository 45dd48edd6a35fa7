"""Importing answers collected elsewhere, in the browser: upload a CSV, map its columns to the
survey's questions, import. The same pipeline as the command line (`voice import`): every free
text anonymised, screened and themed before it is written, all rows or none.

Between the upload and the mapping the file is held only in this process's memory, for
DRAFT_MINUTES, under a random token tied to the member of staff; it is never written to disk or
the database in raw form.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from voice.clock import parse_local
from voice.errors import VoiceError
from voice.results.imports import MAX_BYTES, CsvUpload, ImportRefused, import_answers, read_csv_upload
from voice.results.routes import RESULTS_ROLES
from voice.sessions.service import YEAR_GROUPS
from voice.staff.accounts import record
from voice.staff.auth import check_csrf, checked_form, signed_in, staff_only
from voice.staff.routes import BAND_NAMES, all_schools, page
from voice.surveys.model import Survey
from voice.web.forms import first, form_with_files
from voice.web.state import services

DRAFT_MINUTES = 15
UPLOAD_BODY_BYTES = MAX_BYTES + 64 * 1024


@dataclass
class Draft:
    staff_id: int
    slug: str
    filename: str
    upload: CsvUpload
    expires: float


class Drafts:
    """Uploaded files waiting for their column mapping: in memory only, and not for long."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, Draft] = {}

    def keep(self, draft: Draft) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            now = time.monotonic()
            self._items = {k: d for k, d in self._items.items() if d.expires > now}
            if len(self._items) >= 50:
                self._items.pop(next(iter(self._items)))
            self._items[token] = draft
        return token

    def get(self, token: str, staff_id: int, slug: str) -> Draft | None:
        with self._lock:
            draft = self._items.get(token)
        if draft is None or draft.expires < time.monotonic() or draft.staff_id != staff_id \
                or draft.slug != slug:
            return None
        return draft

    def drop(self, token: str) -> None:
        with self._lock:
            self._items.pop(token, None)


DRAFTS = Drafts()


def _survey(request: Request) -> Survey:
    survey = services(request).catalogue.surveys.get(request.path_params["slug"])
    if survey is None:
        raise VoiceError("Only survey answers can be imported; there is no such survey.",
                         title="We can't find that survey")
    return survey


def _schools(request: Request) -> list[str]:
    return [school.name for school in all_schools(request)]


def _guess(column: str, survey: Survey) -> str:
    """The question a column probably holds: its id, or its wording in any band."""
    key = " ".join(column.lower().split()).strip(" ?:")
    for question in survey.questions:
        if key == question.id or key in {" ".join(t.lower().split()).strip(" ?:")
                                         for t in question.text.values()}:
            return question.id
    return ""


def _form(request: Request, survey: Survey, *, status_code: int = 200, **context: Any) -> Response:
    values = {"school": "", "year": "", "band": "", "collected": "", **context.pop("values", {})}
    return page(request, "staff/import.html", {
        "survey": survey, "schools": _schools(request), "years": list(YEAR_GROUPS),
        "band_names": BAND_NAMES, "values": values, "error": None, "problems": [],
        "draft": None, "token": "", "mapping": {}, "result": None, **context},
        status_code=status_code)


@staff_only(RESULTS_ROLES)
async def upload(request: Request) -> Response:
    """Step 1: the file and where the answers came from. Step 2 (the reply): map the columns."""
    survey = _survey(request)
    if request.method == "GET":
        return _form(request, survey)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return _form(request, survey, error="Choose a CSV file to upload.", status_code=400)
    fields, files = await form_with_files(request, max_files=1, max_bytes=MAX_BYTES)
    check_csrf(request, fields)
    upload_file = next(iter(files.values()), None)
    data, name = (upload_file.data, upload_file.filename or "upload.csv") if upload_file \
        else (b"", "upload.csv")
    values = {k: first(fields, k).strip() for k in ("school", "year", "band", "collected")}
    try:
        parsed = read_csv_upload(data)
    except ImportRefused as refused:
        return _form(request, survey, values=values, error=refused.message,
                     problems=[str(p) for p in refused.problems], status_code=400)
    except VoiceError as problem:
        return _form(request, survey, values=values, error=problem.message, status_code=400)
    staff = signed_in(request)
    token = DRAFTS.keep(Draft(staff.id, survey.slug, name[:120], parsed,
                              time.monotonic() + DRAFT_MINUTES * 60))
    mapping = {column: _guess(column, survey) for column in parsed.header}
    return _form(request, survey, values=values, draft=DRAFTS.get(token, staff.id, survey.slug),
                 token=token, mapping=mapping)


@staff_only(RESULTS_ROLES)
async def confirm(request: Request) -> Response:
    """Step 3: import with the mapping, or show every problem (nothing is written then)."""
    survey = _survey(request)
    fields = await checked_form(request)
    staff = signed_in(request)
    token = request.path_params["token"]
    draft = DRAFTS.get(token, staff.id, survey.slug)
    values = {k: first(fields, k).strip() for k in ("school", "year", "band", "collected")}
    if draft is None:
        return _form(request, survey, values=values, status_code=400,
                     error=f"That upload has expired (files are kept for {DRAFT_MINUTES} minutes "
                           "and never stored). Please upload it again.")
    mapping = {column: first(fields, f"map_{index}") for index, column in enumerate(draft.upload.header)}
    chosen = {column: qid for column, qid in mapping.items() if qid}
    context: dict[str, Any] = {"values": values, "draft": draft, "token": token,
                               "mapping": mapping}
    try:
        year = int(values["year"]) if values["year"].isdigit() else 0
        collected = parse_local(values["collected"]) if values["collected"] else None
        if values["school"] not in _schools(request):
            raise VoiceError("Choose the school from the list (an administrator adds schools).")
        if not chosen:
            raise VoiceError("Choose which question each column answers (at least one).")
        voice = services(request)
        # Listening to every text takes seconds for a big file: off the event loop.
        result = await run_in_threadpool(
            import_answers, voice.engine, voice.catalogue, survey.slug, draft.upload, chosen,
            school=values["school"], year_group=year, band=values["band"],
            opens_at=collected, codebook=voice.codebooks.get(survey.slug),
            schools=voice.known_schools())
    except ImportRefused as refused:
        return _form(request, survey, error=refused.message,
                     problems=[str(p) for p in refused.problems], status_code=400, **context)
    except (VoiceError, ValueError) as problem:
        return _form(request, survey, error=getattr(problem, "message", str(problem)),
                     status_code=400, **context)
    DRAFTS.drop(token)
    with services(request).engine.begin() as conn:
        record(conn, staff, "import", survey.slug,
               f"{result.submissions} submissions from {draft.filename}, {values['school']}")
    return _form(request, survey, result=result, values=values)


routes = [
    Route("/staff/results/{slug}/import", upload, methods=["GET", "POST"], name="staff_import"),
    Route("/staff/results/{slug}/import/{token}", confirm, methods=["POST"],
          name="staff_import_confirm"),
]
